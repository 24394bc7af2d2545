import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApplyCommand, runPlanCommand } from '../../../src/cli/plan-apply';
import { startTenant, UPN, type TestTenant } from '../fixtures/test-tenant';
import { capturedIo } from '../fixtures/captured-io';
import { onGraphTime } from '../fixtures/virtual-clock';

describe('engine: `plan` and `apply` commands', () => {
  let t: TestTenant;
  let dir: string;
  let env: Record<string, string>;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  beforeEach(async () => {
    t = await startTenant();
    dir = mkdtempSync(join(tmpdir(), 'licenses-cli-'));
    env = { LICENSES_GRAPH_URL: t.emulator.baseUrl, LICENSES_ACCESS_TOKEN: t.emulator.token };
  });
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const PHONE =
    'usage-location FR\nassign MCOEV MCOPSTN1\nalice@contoso.com\ncarol@contoso.com\n\nassign SPE_E5\nmegan.bowen@contoso.com\n';

  it('apply prints one line per user as Graph answers, then a summary; exit 1 because a user is not written', async () => {
    const licenses = file(
      'phone.licenses',
      'assign MCOEV MCOPSTN1\nalice@contoso.com\ncarol@contoso.com\n\nassign SPE_E5\nmegan.bowen@contoso.com\n',
    );
    const journal = join(dir, 'results.jsonl');
    const io = capturedIo();
    const code = await runApplyCommand([licenses, '--yes', '--journal', journal], io, { env });
    assert.equal(code, 1);
    assert.deepEqual(
      io.out.slice(0, 3).sort(),
      [
        '= megan.bowen@contoso.com unchanged',
        '✓ alice@contoso.com +MCOEV (Microsoft Teams Phone Standard) +MCOPSTN1 (Skype for Business PSTN Domestic Calling)',
        '✗ carol@contoso.com [NoUsageLocation] The user has no usage location and the block gives none: Graph refuses a license without one. — Add `usage-location XX` (two-letter country) to the block, then apply again.',
      ].sort(),
    );
    assert.match(io.out.at(-1)!, /^localhost|^127\.0\.0\.1.*3 users: 1 changed, 1 unchanged, 1 failed, 0 skipped/);
    assert.ok(
      io.err.some((l) => l.includes(`--retry-failed ${journal}`)),
      'says how to retry',
    );
    assert.ok(existsSync(journal));
  });

  it('apply --json prints {user, outcome, added, removed, usageLocation?, error?} per user, then {summary}', async () => {
    const licenses = file('phone.licenses', PHONE);
    const io = capturedIo();
    const code = await runApplyCommand([licenses, '--json', '--yes', '--journal', join(dir, 'j.jsonl')], io, { env });
    assert.equal(code, 0);
    const lines = io.out.map((l) => JSON.parse(l));
    const carol = lines.find((l) => l.user === UPN('carol'));
    assert.deepEqual(carol, {
      user: UPN('carol'),
      outcome: 'changed',
      added: ['MCOEV', 'MCOPSTN1'],
      removed: [],
      usageLocation: 'FR',
    });
    const summary = lines.at(-1).summary;
    assert.deepEqual([summary.users, summary.changed, summary.unchanged, summary.failed], [3, 2, 1, 0]);
  });

  it('plan writes nothing and shows what would change; a real tenant’s apply without --yes and no terminal is refused', async () => {
    const licenses = file('phone.licenses', PHONE);
    const io = capturedIo();
    assert.equal(await runPlanCommand([licenses], io, { env }), 0);
    const shown = io.out.join('\n');
    assert.match(
      shown,
      /^ {2}1 user: \+MCOEV \(Microsoft Teams Phone Standard\) \+MCOPSTN1 \(Skype for Business PSTN Domestic Calling\)\n {4}alice@contoso\.com$/m,
    );
    assert.match(
      shown,
      /^ {2}1 user: usage location FR \+MCOEV \(Microsoft Teams Phone Standard\) \+MCOPSTN1 \(Skype for Business PSTN Domestic Calling\)\n {4}carol@contoso\.com$/m,
    );
    assert.match(
      io.out.at(-1)!,
      /3 users, 2 to change, 1 unchanged, 0 will not be written: \+MCOEV \(Microsoft Teams Phone Standard\) ×2, \+MCOPSTN1 \(Skype for Business PSTN Domestic Calling\) ×2, usage location ×1\. Nothing was written\./,
    );
    const noTerminal = capturedIo();
    assert.equal(await runApplyCommand([licenses], noTerminal, { env }), 2);
    assert.match(noTerminal.err.join('\n'), /--yes/);
    assert.equal(t.emulator.stats.writes, 0);
  });

  it('apply asks before writing to a real tenant: "n" writes nothing, "y" applies', async () => {
    const licenses = file('phone.licenses', PHONE);
    assert.equal(await runApplyCommand([licenses, '--journal', join(dir, 'a.jsonl')], capturedIo('n'), { env }), 0);
    assert.equal(t.emulator.stats.writes, 0);
    assert.equal(await runApplyCommand([licenses, '--journal', join(dir, 'b.jsonl')], capturedIo('y'), { env }), 0);
    assert.equal(t.emulator.stats.writes, 3, 'a PATCH and two assignLicense');
  });

  for (const [how, argv] of [
    ['--yes', ['--yes']],
    ['the demo tenant', ['--demo']],
  ] as const)
    it(`apply with no question (${how}): every change will not be written, so exit 1 before writing, no journal`, async () => {
      // carol has no usage location and the block gives none; nobody is not in the tenant.
      const licenses = file('refused.licenses', 'assign MCOEV\ncarol@contoso.com\nnobody@contoso.com\n');
      const journal = join(dir, 'refused.jsonl');
      const io = capturedIo();
      const code = await runApplyCommand(
        [licenses, ...argv, '--journal', journal],
        io,
        onGraphTime({ env, lockFolder: dir }),
      );
      assert.equal(code, 1, io.err.join('\n'));
      assert.match(io.err.join('\n'), /✗ carol@contoso\.com \[NoUsageLocation\]/);
      assert.match(io.err.join('\n'), /✗ nobody@contoso\.com \[Request_ResourceNotFound\]/);
      assert.doesNotMatch(io.err.join('\n'), /Results journal/);
      assert.equal(existsSync(journal), false, 'no journal: nothing was sent');
      assert.equal(t.emulator.stats.writes, 0);
    });

  it('a file with validation errors is refused before the tenant is touched (exit 1, as check)', async () => {
    const licenses = file('bad.licenses', 'assign ENTERPRISEPACKK\nalice@contoso.com\n');
    const io = capturedIo();
    assert.equal(await runApplyCommand([licenses, '--yes'], io, { env }), 1);
    assert.match(io.err.join('\n'), /bad\.licenses:1:\d+: error/);
    assert.equal(t.emulator.stats.requests, 0);
  });

  it('a plain list of UPNs takes its licenses from --assign/--remove, and is refused without them', async () => {
    const list = file('list.txt', 'alice@contoso.com\nchristie.cline@contoso.com\n');
    const without = capturedIo();
    assert.equal(await runPlanCommand([list], without, { env }), 2);
    assert.match(without.err.join(), /--assign/);
    const io = capturedIo();
    assert.equal(
      await runApplyCommand([list, '--assign', 'MCOEV', '--yes', '--journal', join(dir, 'j.jsonl')], io, { env }),
      0,
    );
    assert.equal(
      io.out.filter((l) => l.startsWith('✓') && l.endsWith('+MCOEV (Microsoft Teams Phone Standard)')).length,
      2,
    );
  });

  it('--assign/--remove are refused for a file that has directives, instead of silently added to it', async () => {
    const licenses = file('directives.licenses', 'remove MCOPSTN2\nadele.vance@contoso.com\n');
    const io = capturedIo();
    assert.equal(await runPlanCommand([licenses, '--assign', 'MCOEV'], io, { env }), 2);
    assert.match(io.err.join('\n'), /plain lists of users/);
    assert.equal(t.emulator.stats.requests, 0);
  });

  it('not enough seats: exit 1, the SKU and the missing count are named, nothing is written', async () => {
    const users = [
      'alice',
      'christie.cline',
      'debra.berger',
      'emily.braun',
      'enrico.cattaneo',
      'pradeep.gupta',
      'allan.deyoung',
    ]
      .map(UPN)
      .join('\n');
    const licenses = file('intl.licenses', `assign MCOEV MCOPSTN2\n${users}\n`);
    const io = capturedIo();
    assert.equal(await runApplyCommand([licenses, '--yes'], io, { env }), 1);
    assert.match(io.err.join('\n'), /MCOPSTN2 lacks 2 seats/);
    assert.equal(t.emulator.stats.writes, 0);
  });

  it('--retry-failed JOURNAL runs the failed users again from the journal alone', async () => {
    const licenses = file('phone.licenses', 'assign MCOEV\nalice@contoso.com\ncarol@contoso.com\n');
    const journal = join(dir, 'first.jsonl');
    assert.equal(await runApplyCommand([licenses, '--yes', '--journal', journal], capturedIo(), { env }), 1);
    t.emulator.tenant.findUser(UPN('carol'))!.usageLocation = 'US'; // the admin fixes carol
    rmSync(licenses);
    t.emulator.resetStats();
    const io = capturedIo();
    assert.equal(
      await runApplyCommand(['--retry-failed', journal, '--yes', '--journal', join(dir, 'second.jsonl')], io, { env }),
      0,
    );
    assert.deepEqual(io.out.slice(0, 1), ['✓ carol@contoso.com +MCOEV (Microsoft Teams Phone Standard)']);
    assert.equal(t.emulator.stats.writes, 1);
  });

  it('usage mistakes and unreadable files exit 2', async () => {
    const io = capturedIo();
    assert.equal(await runApplyCommand(['--frobnicate', 'x'], io, { env }), 2);
    assert.equal(await runPlanCommand([], io, { env }), 2);
    assert.equal(await runPlanCommand([join(dir, 'missing.licenses')], io, { env }), 2);
    assert.equal(await runApplyCommand(['--journal'], io, { env }), 2);
    assert.equal(
      await runPlanCommand([file('a.licenses', 'assign MCOEV\nalice@contoso.com\n')], io, {
        env: { LICENSES_ACCESS_TOKEN: 'x' },
      }),
      2,
      'half a tenant configuration',
    );
  });

  it('--demo (or nothing configured) starts the built-in demo tenant in-process', async function () {
    this.timeout(10_000);
    const io = capturedIo();
    const code = await runPlanCommand(
      [file('a.licenses', 'assign MCOEV\nalice@contoso.com\n'), '--demo'],
      io,
      onGraphTime({ env: {} }),
    );
    assert.equal(code, 0);
    assert.match(
      io.out.join('\n'),
      /^ {2}1 user: \+MCOEV \(Microsoft Teams Phone Standard\)\n {4}alice@contoso\.com$/m,
    );
    assert.match(io.out.at(-1)!, /^demo tenant/);
  });
});
