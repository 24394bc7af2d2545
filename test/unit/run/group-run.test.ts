import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E5_PILOT_GROUP_ID, VOICE_ROLLOUT_GROUP_ID } from '../../../src/emulator';
import { readMemberCounts } from '../../../src/core/reads/group-reads';
import type { DesiredGroup } from '../../../src/core/desired/desired-groups';
import { planLicenses } from '../../../src/core/run/read-and-plan';
import { runLicenses } from '../../../src/core/run/run-licenses';
import { readJournal } from '../../../src/core/journal/journal';
import { formatMemberErrorLine } from '../../../src/core/results/group-result';
import { SKU } from '../emulator/helpers';
import { startTenant, type TestTenant } from '../fixtures/test-tenant';
import { VirtualClock } from '../fixtures/virtual-clock';

const group = (name: string, assign: string[], remove: string[] = []): DesiredGroup => ({
  group: name,
  line: 1,
  assign: assign.map((sku) => ({ sku })),
  remove,
  onPremisesPstn: false,
});

describe('engine: group-based licensing from a .licenses file', () => {
  let t: TestTenant;
  let clock: VirtualClock;
  let dir: string;
  beforeEach(async () => {
    clock = new VirtualClock();
    t = await startTenant({ graphClock: clock });
    dir = mkdtempSync(join(tmpdir(), 'licenses-groups-'));
  });
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const members = () => t.emulator.tenant.membersOf(t.emulator.tenant.findGroup(VOICE_ROLLOUT_GROUP_ID)!);

  it("counts a group's direct members with ConsistencyLevel: eventual, as completions show them", async () => {
    const counts = await readMemberCounts(t.connection, [VOICE_ROLLOUT_GROUP_ID, E5_PILOT_GROUP_ID]);
    assert.equal(counts.get(VOICE_ROLLOUT_GROUP_ID), members().length);
    assert.equal(counts.get(E5_PILOT_GROUP_ID), 2, 'catherine and the nested group');
    const plain = await fetch(`${t.emulator.baseUrl}/groups/${VOICE_ROLLOUT_GROUP_ID}/members?$count=true`, {
      headers: { Authorization: `Bearer ${t.emulator.token}` },
    });
    assert.equal(plain.status, 400, 'without the header Graph refuses $count');
  });

  it('plans a group by display name: the SKU to add and the seats its members would newly take', async () => {
    const planned = await planLicenses(t.connection, [], undefined, undefined, [group('voice rollout', ['MCOEV'])]);
    assert.equal(planned.kind, 'planned');
    if (planned.kind !== 'planned') return;
    const [g] = planned.plan.groups!;
    assert.equal(g.kind, 'change');
    assert.equal(g.groupId, VOICE_ROLLOUT_GROUP_ID);
    assert.deepEqual(
      g.add.map((a) => [a.partNumber, a.newSeats]),
      [['MCOEV', members().filter((u) => !u.licenses.some((l) => l.skuId === SKU.MCOEV)).length]],
    );
    assert.deepEqual(planned.plan.blockers, []);
  });

  it('fails a name that matches no group and a group that is not security-enabled, without blocking the others', async () => {
    const planned = await planLicenses(t.connection, [], undefined, undefined, [
      group('Voice Rolout', ['MCOEV']),
      group('Marketing Team', ['MCOEV']),
      group(VOICE_ROLLOUT_GROUP_ID, ['MCOEV']),
    ]);
    if (planned.kind !== 'planned') throw new Error(planned.kind);
    assert.deepEqual(
      planned.plan.groups!.map((g) => g.error?.code ?? g.kind),
      ['GroupNotFound', 'GroupNotSecurityEnabled', 'change'],
    );
  });

  it('refuses the run before any write when the members would need more seats than are left', async () => {
    const left = t.emulator.tenant.seatsLeft('MCOPSTN2');
    assert.ok(members().length > left);
    const planned = await planLicenses(t.connection, [], undefined, undefined, [
      group('Voice Rollout', ['MCOEV', 'MCOPSTN2']),
    ]);
    if (planned.kind !== 'planned') throw new Error(planned.kind);
    const seats = planned.plan.blockers.filter((b) => b.code === 'NotEnoughSeats');
    assert.equal(seats.length, 1);
    assert.match(seats[0].message, /MCOPSTN2 lacks/);
  });

  it('applies: one 202 assignLicense, follows processing to ProcessingComplete, journals the group and each member in error with a fix', async () => {
    // One member already holds E1 directly: E3 from the group conflicts with it (SharePoint plans).
    const conflicted = members()[0];
    const e1 = t.emulator.tenant.findSku('STANDARDPACK')!;
    conflicted.licenses.push({ skuId: e1.skuId, disabledPlans: [], lastUpdatedDateTime: '2025-01-06T09:00:00Z' });
    t.emulator.tenant.recount();
    const journalPath = join(dir, 'run.jsonl');
    const states: string[] = [];
    const outcome = await runLicenses({
      connection: t.connection,
      tenant: { label: 'test', id: 'test' },
      files: ['groups.licenses'],
      plan: () => planLicenses(t.connection, [], undefined, undefined, [group('Voice Rollout', ['ENTERPRISEPACK'])]),
      journal: { path: journalPath },
      lockFolder: dir,
      verify: false,
      groups: { clock: clock.run, onProcessing: (_g, state) => states.push(state) },
    });
    assert.equal(outcome.kind, 'applied');
    if (outcome.kind !== 'applied') return;
    assert.equal(t.emulator.stats.byRoute['POST /groups/{id}/assignLicense'], 1);
    assert.deepEqual(
      outcome.groups!.results.map((r) => [r.outcome, r.processingState]),
      [['changed', 'ProcessingComplete']],
    );
    assert.equal(states[states.length - 1], 'ProcessingComplete');
    assert.deepEqual(
      outcome.groups!.memberErrors.map((e) => [e.user, e.sku, e.error]),
      [[conflicted.userPrincipalName, 'ENTERPRISEPACK', 'MutuallyExclusiveViolation']],
    );
    assert.match(outcome.groups!.memberErrors[0].fix, /reprocess/);
    // The error names the license that stops the group's, among the user's other licenses.
    assert.deepEqual(outcome.groups!.memberErrors[0].conflictsWith, ['STANDARDPACK']);
    assert.ok(outcome.groups!.memberErrors[0].otherLicenses?.includes('STANDARDPACK'));
    assert.match(
      formatMemberErrorLine(outcome.groups!.memberErrors[0]),
      /ENTERPRISEPACK MutuallyExclusiveViolation \(Error\) \(the user's other licenses: [^)]*STANDARDPACK[^)]*\) — ENTERPRISEPACK has a service plan that cannot be held with STANDARDPACK, which the user also holds: remove STANDARDPACK/,
    );
    // The other members hold E3 now, through the group.
    const licensed = members().filter((u) => u !== conflicted && t.emulator.tenant.heldSkuIds(u).has(SKU.E3));
    assert.equal(licensed.length, members().length - 1);
    const journal = await readJournal(journalPath);
    assert.deepEqual(journal.damaged, []);
    const kinds = journal.groupLines!.map((l) => l.kind);
    // Written before the write, so a run that dies before Graph's answer is retried.
    const first = journal.groupLines![0];
    assert.ok(
      first.kind === 'group' && first.outcome === 'pending' && first.desired?.group === 'Voice Rollout',
      JSON.stringify(first),
    );
    assert.ok(kinds.includes('group') && kinds.includes('member-error'));
    assert.match(readFileSync(journalPath, 'utf8'), /"kind":"member-error".*"MutuallyExclusiveViolation"/);
  });
});
