import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_SALES_GROUP_ID, PHONE_PILOT_GROUP_ID } from '../../../src/emulator';
import { parseLicensesFile } from '../../../src/core/format';
import { desiredGroups } from '../../../src/core/desired/desired-groups';
import { hasErrors, validate } from '../../../src/core/rules';
import { readJournal } from '../../../src/core/journal/journal';
import { planLicenses } from '../../../src/core/run/read-and-plan';
import { runLicenses } from '../../../src/core/run/run-licenses';
import { prepareUndo } from '../../../src/core/undo/prepare-undo';
import { undoGroupSummaryLines } from '../../../src/core/undo/undo-groups';
import { readUndoJournal } from '../../../src/core/undo/undo-journal';
import { runUndoCommand } from '../../../src/cli/undo';
import { capturedIo } from '../fixtures/captured-io';
import { catalog } from '../helpers';
import { startTenant, type TestTenant } from '../fixtures/test-tenant';
import { VirtualClock } from '../fixtures/virtual-clock';

const TENANT = { label: 'test tenant', id: 'test' };

describe('undo a run that changed groups: the group lines that put their licenses back', () => {
  let t: TestTenant;
  let clock: VirtualClock;
  let dir: string;
  beforeEach(async () => {
    clock = new VirtualClock();
    t = await startTenant({ graphClock: clock });
    // Seats for the 35 members of "All Sales" (the demo has 25 Phone System seats left).
    t.emulator.tenant.findSku('MCOEV')!.prepaidUnits.enabled += 20;
    dir = mkdtempSync(join(tmpdir(), 'licenses-group-undo-'));
  });
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What a group gives as Graph shows it: skuId → its disabled plans, sorted. */
  const licensesOf = (id: string) => {
    const g = t.emulator.tenant.findGroup(id)!;
    return Object.fromEntries(
      (g.processing?.licenses ?? g.licenses).map((l) => [l.skuId, [...l.disabledPlans].sort()]),
    );
  };
  const planId = (partNumber: string, plan: string) =>
    t.emulator.tenant.findSku(partNumber)!.servicePlans.find((p) => p.servicePlanName === plan)!.servicePlanId;

  async function apply(text: string, journal: string, tenant: { label: string; id: string } = TENANT) {
    const outcome = await runLicenses({
      connection: t.connection,
      tenant,
      files: ['groups.licenses'],
      plan: () => planLicenses(t.connection, [], undefined, undefined, desiredGroups(parseLicensesFile(text), catalog)),
      journal: { path: journal },
      lockFolder: dir,
      verify: false,
      groups: { clock: clock.run },
    });
    assert.equal(outcome.kind, 'applied', JSON.stringify(outcome));
    return outcome;
  }

  it('apply a group change, undo, apply the undo file: the group gives the licenses and disabled plans it gave before', async () => {
    // "All Sales" gives E3 with Sway off; the run turns Yammer off too and adds Phone System.
    t.emulator.tenant.findGroup(ALL_SALES_GROUP_ID)!.licenses[0].disabledPlans = [planId('ENTERPRISEPACK', 'SWAY')];
    const before = licensesOf(ALL_SALES_GROUP_ID);
    const journal = join(dir, 'run.jsonl');
    await apply(
      'assign ENTERPRISEPACK MCOEV\ndisable ENTERPRISEPACK: SWAY YAMMER_ENTERPRISE\ngroup All Sales\n',
      journal,
    );
    assert.notDeepEqual(licensesOf(ALL_SALES_GROUP_ID), before);
    const pending = (await readJournal(journal)).groupLines!.find((l) => l.kind === 'group' && l.outcome === 'pending');
    assert.ok(pending?.kind === 'group' && pending.before, "the group's licenses before the write are journalled");
    assert.deepEqual(
      pending.before.licenses.map((l) => [l.partNumber, l.disabledPlans]),
      [['ENTERPRISEPACK', [planId('ENTERPRISEPACK', 'SWAY')]]],
    );

    const undo = await prepareUndo(t.connection, journal, TENANT);
    assert.equal(undo.kind, 'ready', JSON.stringify(undo));
    if (undo.kind !== 'ready') return;
    assert.deepEqual(undo.file.groups.restored, ['All Sales']);
    assert.deepEqual(undo.file.restored, [], 'no user was written to');
    assert.ok(
      undo.file.text.includes(
        `\nassign ENTERPRISEPACK\ndisable ENTERPRISEPACK: SWAY\nremove MCOEV\ngroup ${ALL_SALES_GROUP_ID}   # All Sales\n`,
      ),
      undo.file.text,
    );
    assert.match(undo.file.text, /# Groups: exact does not apply to groups/);
    assert.equal(hasErrors(validate(parseLicensesFile(undo.file.text), catalog)), false);

    const back = await apply(undo.file.text, join(dir, 'undo.jsonl'));
    assert.deepEqual(back.kind === 'applied' && back.groups!.results.map((r) => r.outcome), ['changed']);
    assert.deepEqual(licensesOf(ALL_SALES_GROUP_ID), before);

    const again = await prepareUndo(t.connection, journal, TENANT);
    assert.ok(again.kind === 'ready');
    assert.deepEqual(
      [again.file.groups.restored, again.file.groups.alreadyRestored],
      [[], ['All Sales']],
      'a second undo finds the group as before',
    );
  });

  it('`m365-licenses undo` of a groups-only run writes the file, counts the group and says what to run next', async () => {
    const journal = join(dir, 'run.jsonl');
    // As the CLI names the emulator it connects to.
    await apply('assign MCOPSTN1\ngroup Phone System Pilot\n', journal, {
      label: new URL(t.emulator.baseUrl).host,
      id: t.emulator.baseUrl,
    });
    const io = capturedIo();
    const env = { LICENSES_GRAPH_URL: t.emulator.baseUrl, LICENSES_ACCESS_TOKEN: t.emulator.token };
    assert.equal(await runUndoCommand([journal], io, { env }), 0, io.err.join('\n'));
    const undoPath = join(dir, 'run.undo.licenses');
    assert.deepEqual(io.out.slice(2), [
      '1 group to restore, 0 already as before, 0 changed since by someone else (left out), 0 not readable.',
      `Next: m365-licenses plan ${undoPath}, then m365-licenses apply ${undoPath}`,
    ]);
    assert.match(
      readFileSync(undoPath, 'utf8'),
      new RegExp(`\nremove MCOPSTN1\ngroup ${PHONE_PILOT_GROUP_ID}   # Phone System Pilot\n`),
    );
  });

  it('skips a group line whose state before is malformed, and names a group changed without one instead of guessing', async () => {
    const at = '2026-01-01T00:00:00Z';
    const path = join(dir, 'crafted.jsonl');
    const lines = [
      {
        journal: 'm365-licenses',
        version: 1,
        files: ['g.licenses'],
        tenant: TENANT.label,
        tenantId: TENANT.id,
        startedAt: at,
      },
      {
        kind: 'group',
        at,
        group: 'All Sales',
        groupId: ALL_SALES_GROUP_ID,
        outcome: 'pending',
        added: [],
        removed: [],
        before: { licenses: [{ skuId: 'not-a-guid', partNumber: 'X', disabledPlans: [] }] },
      },
      {
        kind: 'group',
        at,
        group: 'Phone System Pilot',
        groupId: PHONE_PILOT_GROUP_ID,
        outcome: 'changed',
        added: ['MCOPSTN1'],
        removed: [],
      },
    ];
    writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const journal = await readUndoJournal(path);
    assert.deepEqual(
      journal.damaged.map((d) => [d.line, d.reason]),
      [[2, '"before" has a license that is not a skuId, a part number and disabled plan ids']],
    );
    assert.deepEqual(journal.groups, []);
    assert.deepEqual(journal.groupsWithoutBefore, ['Phone System Pilot']);
  });

  it('leaves out a group changed since by someone else, and says which plans a group line cannot turn back on', async () => {
    const journal = join(dir, 'run.jsonl');
    await apply(
      'assign MCOEV ENTERPRISEPACK\ndisable ENTERPRISEPACK: SWAY\ngroup All Sales\n\nassign MCOPSTN1\ngroup Phone System Pilot\n',
      journal,
    );
    // Someone else takes Phone System from "Phone System Pilot" after the run.
    const pilot = t.emulator.tenant.findGroup(PHONE_PILOT_GROUP_ID)!;
    pilot.licenses = pilot.licenses.filter((l) => l.skuId !== t.emulator.tenant.findSku('MCOEV')!.skuId);

    const undo = await prepareUndo(t.connection, journal, TENANT);
    assert.ok(undo.kind === 'ready');
    const groups = undo.file.groups;
    assert.deepEqual(groups.restored, ['All Sales']);
    assert.deepEqual(groups.changedSince, [{ group: 'Phone System Pilot', differences: ['no longer holds MCOEV'] }]);
    assert.deepEqual(groups.plansToTurnOn, [{ group: 'All Sales', partNumber: 'ENTERPRISEPACK' }]);
    assert.match(undo.file.text, /\n# ENTERPRISEPACK: the run turned plans off .*\nremove MCOEV\ngroup /);
    assert.match(
      undo.file.text,
      /# Phone System Pilot: no longer holds MCOEV\n#   assign MCOEV\n#   remove MCOPSTN1\n#   group /,
    );
    assert.deepEqual(undoGroupSummaryLines(groups).slice(0, 2), [
      '1 group to restore, 0 already as before, 1 changed since by someone else (left out), 0 not readable.',
      '! group "Phone System Pilot": no longer holds MCOEV (not restored: take it in by hand if you mean it)',
    ]);
  });
});
