import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import * as path from 'node:path';
import { runExportCommand } from '../../../src/cli/export';
import { runPlanCommand } from '../../../src/cli/plan-apply';
import { runReportCommand } from '../../../src/cli/report';
import { Catalog } from '../../../src/core/catalog/catalog';
import { parseLicensesFile } from '../../../src/core/format';
import { reclaimFile } from '../../../src/core/inventory/reclaim-file';
import { reportCsv, reportMarkdown } from '../../../src/core/inventory/report-format';
import { readTenantReport, type TenantReport } from '../../../src/core/inventory/tenant-report';
import { desiredUsers } from '../../../src/core/desired/desired-users';
import { planLicenses } from '../../../src/core/run/read-and-plan';
import { capturedIo } from '../fixtures/captured-io';
import { startTenant, UPN, type TestTenant, sharedDemoTenant } from '../fixtures/test-tenant';
import { VirtualClock } from '../fixtures/virtual-clock';
import { tempFolder } from '../fixtures/temp-folder';

const SPE_E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';

async function report(
  t: TestTenant,
  days?: number,
): Promise<{ report: TenantReport; skus: Parameters<typeof reclaimFile>[2] }> {
  const outcome = await readTenantReport(t.connection, { tenantLabel: 'Contoso', ...(days ? { days } : {}) });
  assert.equal(outcome.kind, 'report', JSON.stringify(outcome));
  if (outcome.kind !== 'report') throw new Error('no report');
  return outcome;
}

describe('report: seats per SKU and licenses to reclaim', () => {
  let t: TestTenant | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('per SKU: paid, assigned and left as Graph counts them, and holders direct, inherited and both', async () => {
    t = await startTenant();
    const { report: r } = await report(t);
    const e3 = r.skus.find((s) => s.partNumber === 'ENTERPRISEPACK')!;
    const sku = t.emulator.tenant.findSku('ENTERPRISEPACK')!;
    assert.deepEqual(
      [e3.paid, e3.assigned, e3.left],
      [sku.prepaidUnits.enabled, sku.consumedUnits, sku.prepaidUnits.enabled - sku.consumedUnits],
    );
    // One seat per user however they hold it: direct + inherited − both = the seats used.
    assert.equal(e3.direct + e3.inherited - e3.both, e3.assigned);
    assert.ok(
      r.redundantDirect.some(
        (x) => x.user === UPN('frank') && x.partNumber === 'ENTERPRISEPACK' && /All Sales/.test(x.groups[0]),
      ),
    );
    assert.ok(!r.redundantDirect.some((x) => x.user === UPN('dave')), 'dave holds E3 only from the group');
    assert.equal(r.redundantDirect.length, e3.both);
  });

  it("disabled accounts and users with no sign-in for N days, with N the caller's", async () => {
    t = await startTenant();
    t.emulator.tenant.findUser(UPN('bob'))!.accountEnabled = false;
    const { report: r } = await report(t);
    assert.ok(r.disabledAccounts.some((h) => h.user === UPN('bob') && h.direct[0].partNumber === 'ENTERPRISEPACK'));
    assert.ok(!r.disabledAccounts.some((h) => h.user === UPN('erin')));
    assert.ok(
      r.inactive.available && r.inactive.users.some((h) => h.user === UPN('megan.bowen')),
      'megan signed in 120 days ago',
    );
    assert.ok(
      r.inactive.available &&
        r.inactive.users.every((h) => h.lastSignIn === null || Date.now() - Date.parse(h.lastSignIn) > 90 * 86_400_000),
    );
    const { report: r150 } = await report(t, 150);
    assert.ok(r150.inactive.available && !r150.inactive.users.some((h) => h.user === UPN('megan.bowen')));
  });

  it('a tenant without Entra ID P1 still gets the report, and is told plainly why inactive users are missing', async () => {
    const fixture = sharedDemoTenant();
    t = await startTenant({
      tenant: {
        ...fixture,
        skus: fixture.skus.filter((s) => s.skuId !== SPE_E5),
        users: fixture.users.map((u) => ({ ...u, licenses: u.licenses?.filter((l) => l.skuId !== SPE_E5) })),
        replicationLag: undefined,
      },
    });
    const { report: r } = await report(t);
    assert.equal(r.inactive.available, false);
    assert.match(
      r.inactive.available ? '' : r.inactive.reason,
      /Entra ID P1 or P2 license, which this tenant does not have/,
    );
    assert.ok(r.skus.length > 0 && r.redundantDirect.length > 0);
    assert.match(reportMarkdown(r), /## No sign-in for 90 days\n\nSign-in dates need a Microsoft Entra ID P1/);
  });

  it('each finding becomes a .licenses file that removes exactly those licenses, and plans cleanly', async () => {
    t = await startTenant();
    t.emulator.tenant.findUser(UPN('bob'))!.accountEnabled = false;
    const { report: r, skus } = await report(t);
    const catalog = Catalog.builtIn();
    const plan = async (text: string) => {
      const planned = await planLicenses(t!.connection, desiredUsers(parseLicensesFile(text), catalog));
      assert.equal(planned.kind, 'planned');
      return planned.kind === 'planned' ? planned.plan : undefined!;
    };
    const redundant = await plan(reclaimFile(r, 'redundant', skus)!);
    assert.equal(redundant.users.length, r.redundantDirect.length);
    for (const u of redundant.users) {
      assert.equal(u.kind, 'change', u.user);
      assert.deepEqual(
        u.remove.map((x) => [x.partNumber, x.freesSeat]),
        [['ENTERPRISEPACK', false]],
        'the group keeps the license: no seat freed, none lost',
      );
      assert.deepEqual(u.add, []);
    }
    const disabled = await plan(reclaimFile(r, 'disabled', skus)!);
    const bob = disabled.users.find((u) => u.user === UPN('bob'))!;
    assert.deepEqual(
      bob.remove.map((x) => [x.partNumber, x.freesSeat]),
      [['ENTERPRISEPACK', true]],
    );
    assert.ok(disabled.users.every((u) => u.add.length === 0));
    const inactive = reclaimFile(r, 'inactive', skus)!;
    assert.match(inactive, /^remove SPE_E5\nmegan\.bowen@contoso\.com {2}# last sign-in \d{4}-\d\d-\d\d$/m);
    assert.equal(t.emulator.stats.writes, 0, 'nothing is applied: the files are for preview');
  });

  it('CSV keeps counts as numbers and a hostile name as text; Markdown escapes | in names', async () => {
    t = await startTenant();
    t.emulator.tenant.findGroup((await import('../../../src/emulator')).ALL_SALES_GROUP_ID)!.displayName = '=cmd|"x"';
    const { report: r } = await report(t);
    const csv = reportCsv(r);
    assert.match(csv, /^record,sku,skuId,user,paid,assigned,left,direct,inherited,both,detail\r\n/);
    assert.match(csv, /\r\nseats,ENTERPRISEPACK,[0-9a-f-]+,,\d+,\d+,\d+,\d+,\d+,\d+,\r\n/);
    assert.ok(!/,=cmd/.test(csv) && !/,"=cmd/.test(csv), 'no cell starts a formula');
    const frankRow = reportMarkdown(r)
      .split('\n')
      .find((l) => l.startsWith('| frank@contoso.com | ENTERPRISEPACK |'))!;
    assert.equal(frankRow.split(/(?<!\\)\|/).length, 5, `the group name's | is escaped: ${frankRow}`);
  });
});

describe('CLI: export and report', () => {
  let t: TestTenant | undefined;
  // What the commands take: the tenant, and the Graph time its emulator shares (the reports quota's waits).
  let cli: { env: Record<string, string>; clock: VirtualClock['run'] };
  beforeEach(async () => {
    const clock = new VirtualClock();
    t = await startTenant({ graphClock: clock });
    cli = {
      env: { LICENSES_GRAPH_URL: t.emulator.baseUrl, LICENSES_ACCESS_TOKEN: t.emulator.token },
      clock: clock.run,
    };
  });
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('export --output writes the file and says how many users, blocks and requests; export --sku filters', async () => {
    const dir = tempFolder('licenses-export-');
    const file = path.join(dir, 'tenant.licenses');
    const io = capturedIo();
    assert.equal(await runExportCommand(['--output', file], io, cli), 0);
    const text = await readFile(file, 'utf8');
    assert.match(text, /^exact$/m);
    assert.match(io.err.join('\n'), /Exported \d+ users? in \d+ blocks? to .*tenant\.licenses \(\d+ Graph requests?\)/);
    const bySku = capturedIo();
    assert.equal(await runExportCommand(['--sku', 'SPE_E5'], bySku, cli), 0);
    assert.match(bySku.out.join('\n'), /^exact\nassign SPE_E5\nmegan\.bowen@contoso\.com   \+442079460100$/m);
    const unknown = capturedIo();
    assert.equal(await runExportCommand(['--sku', 'NOPE'], unknown, cli), 2);
    assert.match(unknown.err.join('\n'), /no subscription NOPE/);
  });

  it('export --users FILE exports the users the file names', async () => {
    const dir = tempFolder('licenses-export-');
    const list = path.join(dir, 'team.licenses');
    await (await import('node:fs/promises')).writeFile(list, 'bob@contoso.com\nerin@contoso.com\n');
    const io = capturedIo();
    assert.equal(await runExportCommand(['--users', list], io, cli), 0);
    const out = io.out.join('\n');
    assert.match(out, /bob@contoso\.com/);
    assert.match(out, /erin@contoso\.com/);
    assert.equal((out.match(/@contoso\.com/g) ?? []).length, 2);
  });

  it('a file of users holding licenses only through groups exports them as comments, which plan changes nothing, exit 0', async () => {
    const dir = tempFolder('licenses-export-');
    const list = path.join(dir, 'group-only.licenses');
    const exported = path.join(dir, 'exported.licenses');
    await (await import('node:fs/promises')).writeFile(list, 'dave@contoso.com\nlee.gu@contoso.com\n');
    assert.equal(await runExportCommand(['--users', list, '--output', exported], capturedIo(), cli), 0);
    const io = capturedIo();
    assert.equal(await runPlanCommand([exported], io, cli), 0, io.err.join('\n'));
    assert.match(io.out.join('\n'), /0 users, 0 to change, 0 unchanged, 0 will not be written/);
    const text = await (await import('node:fs/promises')).readFile(exported, 'utf8');
    assert.match(text, /^# {3}dave@contoso\.com {2}# from group/m);
  });

  it('report --json, --csv, --markdown; --reclaim writes the removal file; bad arguments are usage errors', async () => {
    const json = capturedIo();
    assert.equal(await runReportCommand(['--json'], json, cli), 0);
    const parsed = JSON.parse(json.out.join('\n')) as TenantReport;
    assert.ok(parsed.skus.length > 0 && parsed.inactive.available);
    const csv = capturedIo();
    assert.equal(await runReportCommand(['--csv'], csv, cli), 0);
    assert.match(csv.out.join('\n'), /^record,sku/);
    const md = capturedIo();
    assert.equal(await runReportCommand([], md, cli), 0);
    assert.match(md.out.join('\n'), /^# License report/);
    const reclaim = capturedIo();
    assert.equal(await runReportCommand(['--reclaim', 'redundant'], reclaim, cli), 0);
    assert.match(reclaim.out.join('\n'), /^remove ENTERPRISEPACK\nadam\.eriksen@contoso\.com/m);
    for (const bad of [
      ['--json', '--csv'],
      ['--days', 'soon'],
      ['--reclaim', 'everything'],
      ['--reclaim', 'disabled', '--json'],
    ]) {
      const io = capturedIo();
      assert.equal(await runReportCommand(bad, io, cli), 2, bad.join(' '));
      assert.match(io.err.join('\n'), /usage: m365-licenses report/);
    }
  });
});
