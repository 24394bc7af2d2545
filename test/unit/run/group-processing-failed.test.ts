import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, PHONE_PILOT_GROUP_ID, VOICE_ROLLOUT_GROUP_ID, type RunningEmulator } from '../../../src/emulator';
import type { DesiredGroup } from '../../../src/core/desired/desired-groups';
import { formatGroupResultLine } from '../../../src/core/results/group-result';
import { readJournal } from '../../../src/core/journal/journal';
import { planLicenses } from '../../../src/core/run/read-and-plan';
import { membersToReprocess, reprocessMembers } from '../../../src/core/run/reprocess';
import { runLicenses } from '../../../src/core/run/run-licenses';
import { prepareUndo } from '../../../src/core/undo/prepare-undo';
import { runApplyCommand } from '../../../src/cli/plan-apply';
import { capturedIo } from '../fixtures/captured-io';
import { call, get, SKU, start } from '../emulator/helpers';
import { startTenant, type TestTenant } from '../fixtures/test-tenant';
import { VirtualClock } from '../fixtures/virtual-clock';

const group = (name: string, assign: string[]): DesiredGroup => ({
  group: name,
  line: 1,
  assign: assign.map((sku) => ({ sku })),
  remove: [],
  onPremisesPstn: false,
});
const stateOf = async (emu: RunningEmulator, id: string) =>
  (await get(emu, `/groups/${id}?$select=licenseProcessingState`)).body.licenseProcessingState.state;

describe('emulator: a group whose license processing fails', () => {
  let emu: RunningEmulator;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock();
    emu = await start({ clock, faults: { groupProcessingFails: (id) => id === VOICE_ROLLOUT_GROUP_ID } });
  });
  afterEach(() => emu.close());

  it('accepts the change (202), ends ProcessingFailed with each member in error "Other", and reprocessing every member ends it', async () => {
    const before = emu.tenant.seatsLeft('MCOEV');
    const r = await call(emu, 'POST', `/groups/${VOICE_ROLLOUT_GROUP_ID}/assignLicense`, {
      addLicenses: [{ skuId: SKU.MCOEV, disabledPlans: [] }],
      removeLicenses: [],
    });
    assert.equal(r.status, 202);
    assert.equal(await stateOf(emu, VOICE_ROLLOUT_GROUP_ID), 'QueuedForProcessing');
    clock.advance(10_000);
    assert.equal(await stateOf(emu, VOICE_ROLLOUT_GROUP_ID), 'ProcessingFailed');
    const members = emu.tenant.membersOf(emu.tenant.findGroup(VOICE_ROLLOUT_GROUP_ID)!);
    const inError = await get(
      emu,
      `/groups/${VOICE_ROLLOUT_GROUP_ID}/membersWithLicenseErrors/microsoft.graph.user?$select=id,licenseAssignmentStates`,
    );
    assert.equal(inError.body.value.length, members.length, 'no member got the license');
    const state = inError.body.value[0].licenseAssignmentStates.find(
      (s: { assignedByGroup: string }) => s.assignedByGroup === VOICE_ROLLOUT_GROUP_ID,
    );
    assert.deepEqual([state.skuId, state.state, state.error], [SKU.MCOEV, 'Error', 'Other']);
    assert.equal(emu.tenant.seatsLeft('MCOEV'), before, 'a license in Error takes no seat');
    // The group still shows what it was asked to give: the intent is never lost.
    assert.deepEqual(
      (await get(emu, `/groups/${VOICE_ROLLOUT_GROUP_ID}?$select=assignedLicenses`)).body.assignedLicenses,
      [{ skuId: SKU.MCOEV, disabledPlans: [] }],
    );

    for (const [i, m] of members.entries()) {
      assert.equal((await call(emu, 'POST', `/users/${m.id}/reprocessLicenseAssignment`)).status, 200);
      assert.equal(
        await stateOf(emu, VOICE_ROLLOUT_GROUP_ID),
        i < members.length - 1 ? 'ProcessingFailed' : 'ProcessingComplete',
        `after reprocessing ${i + 1} of ${members.length}`,
      );
    }
    assert.ok(members.every((m) => emu.tenant.heldSkuIds(m).has(SKU.MCOEV)));
  });

  it('fails group processing at a seeded rate: at 1, every group', async () => {
    const all = await start({ clock, faults: { groupProcessingFailureRate: 1 } });
    try {
      await call(all, 'POST', `/groups/${PHONE_PILOT_GROUP_ID}/assignLicense`, {
        addLicenses: [{ skuId: SKU.MCOPSTN1, disabledPlans: [] }],
        removeLicenses: [],
      });
      clock.advance(10_000);
      assert.equal(await stateOf(all, PHONE_PILOT_GROUP_ID), 'ProcessingFailed');
    } finally {
      await all.close();
    }
  });

  it('fails only the groups the fault names: another group processes as before', async () => {
    await call(emu, 'POST', `/groups/${PHONE_PILOT_GROUP_ID}/assignLicense`, {
      addLicenses: [{ skuId: SKU.MCOPSTN1, disabledPlans: [] }],
      removeLicenses: [],
    });
    clock.advance(10_000);
    assert.equal(await stateOf(emu, PHONE_PILOT_GROUP_ID), 'ProcessingComplete');
  });
});

describe('engine: a group whose processing ends ProcessingFailed', () => {
  let t: TestTenant;
  let graphClock: VirtualClock;
  let dir: string;
  beforeEach(async () => {
    graphClock = new VirtualClock();
    t = await startTenant({
      graphClock,
      faults: { groupProcessingFails: (id) => id === VOICE_ROLLOUT_GROUP_ID },
    });
    dir = mkdtempSync(join(tmpdir(), 'licenses-group-failed-'));
  });
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the group failed in plain words with reprocess as the fix, journals it with its members in error, and reprocess clears them', async () => {
    const journalPath = join(dir, 'run.jsonl');
    const outcome = await runLicenses({
      connection: t.connection,
      tenant: { label: 'test', id: 'test' },
      files: ['groups.licenses'],
      plan: () => planLicenses(t.connection, [], undefined, undefined, [group('Voice Rollout', ['MCOEV'])]),
      journal: { path: journalPath },
      lockFolder: dir,
      verify: false,
      groups: { clock: graphClock.run },
    });
    assert.equal(outcome.kind, 'applied');
    if (outcome.kind !== 'applied') return;
    const members = t.emulator.tenant.membersOf(t.emulator.tenant.findGroup(VOICE_ROLLOUT_GROUP_ID)!);
    const [result] = outcome.groups!.results;
    assert.equal(result.outcome, 'failed');
    assert.equal(result.processingState, 'ProcessingFailed');
    assert.equal(result.error?.code, 'GroupProcessingFailed');
    assert.equal(
      result.error?.message,
      `Group licensing could not give the licenses of "Voice Rollout" to ${members.length} members (Graph reports ProcessingFailed).`,
    );
    assert.match(result.error?.hint ?? '', /then reprocess them: m365-licenses reprocess/);
    assert.match(
      formatGroupResultLine(result),
      /^✗ group "Voice Rollout" \[GroupProcessingFailed\] .* — Fix the cause/,
    );
    // What the CLI's exit reads: a failed group and members in error are problems (exit 1), and it prints `reprocess`.
    assert.equal(outcome.groups!.memberErrors.length, members.length);
    assert.ok(outcome.groups!.memberErrors.every((e) => e.error === 'Other' && /reprocess/.test(e.fix)));

    const journal = await readJournal(journalPath);
    assert.deepEqual(journal.damaged, []);
    const last = journal.groupLines!.filter((l) => l.kind === 'group').at(-1)!;
    assert.ok(
      last.kind === 'group' && last.outcome === 'failed' && last.error?.code === 'GroupProcessingFailed',
      JSON.stringify(last),
    );
    assert.ok(
      last.kind === 'group' && last.desired?.group === 'Voice Rollout',
      'a failed line carries the desired group, for retry',
    );

    // The fix the result names: reprocessing the members the journal lists.
    const results = await reprocessMembers(t.connection, membersToReprocess(journal));
    assert.deepEqual([...new Set(results.map((r) => r.outcome))], ['cleared']);
    assert.equal(await stateOf(t.emulator, VOICE_ROLLOUT_GROUP_ID), 'ProcessingComplete');

    // The change is on the group although its processing failed: undo still takes it back.
    const undo = await prepareUndo(t.connection, journalPath, { label: 'test', id: 'test' });
    assert.ok(undo.kind === 'ready' && undo.file.groups.restored[0] === 'Voice Rollout', JSON.stringify(undo));
    assert.ok(
      undo.file.text.includes(`\nremove MCOEV\ngroup ${VOICE_ROLLOUT_GROUP_ID}   # Voice Rollout\n`),
      undo.file.text,
    );
  });

  it('`m365-licenses apply` exits 1 (problems) and says to reprocess once the causes are fixed', async () => {
    // The CLI follows processing on the clock it is given: the Graph time the emulator shares.
    const file = join(dir, 'voice.licenses');
    writeFileSync(file, 'assign MCOEV\ngroup Voice Rollout\n');
    const journal = join(dir, 'run.jsonl');
    const io = capturedIo();
    const env = { LICENSES_GRAPH_URL: t.emulator.baseUrl, LICENSES_ACCESS_TOKEN: t.emulator.token };
    const cli = { env, clock: graphClock.run, lockFolder: dir };
    assert.equal(await runApplyCommand([file, '--yes', '--journal', journal], io, cli), 1);
    assert.ok(
      io.out.some((l) =>
        l.startsWith('✗ group "Voice Rollout" [GroupProcessingFailed] Group licensing could not give the licenses'),
      ),
      io.out.join('\n'),
    );
    assert.ok(io.err.includes(`Once the causes are fixed: m365-licenses reprocess ${journal}`), io.err.join('\n'));
  });
});
