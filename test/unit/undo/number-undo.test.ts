import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLicensesFile } from '../../../src/core/format';
import { desiredUsers } from '../../../src/core/desired/desired-users';
import { validate } from '../../../src/core/rules';
import { planLicenses } from '../../../src/core/run/read-and-plan';
import { runLicenses } from '../../../src/core/run/run-licenses';
import { assignNumber } from '../../../src/core/numbers/number-writes';
import { readNumberInventory } from '../../../src/core/numbers/teams-reads';
import { prepareUndo } from '../../../src/core/undo/prepare-undo';
import { catalog } from '../helpers';
import { startTenant, UPN, type TestTenant } from '../fixtures/test-tenant';
import { VirtualClock } from '../fixtures/virtual-clock';

const TENANT = { label: 'test tenant', id: 'test' };

/** alice is licensed and numbered; erin and megan.bowen lose the numbers they hold; licenses of the last two stay. */
const RUN_FILE = [
  'assign MCOEV MCOPSTN1',
  'usage-location US',
  `${UPN('alice')}   +1 425 555 0110`,
  '',
  'usage-location US',
  `${UPN('erin')}   no-number`,
  `${UPN('megan.bowen')}   no-number`,
  '',
].join('\n');

describe("undo puts Teams numbers back as they were: the journal's number lines and the inventory now", () => {
  let tenant: TestTenant;
  let clock: VirtualClock;
  let dir: string;
  beforeEach(async () => {
    clock = new VirtualClock();
    tenant = await startTenant({ graphClock: clock, teamsLicenseLagSeconds: 0 });
    dir = mkdtempSync(join(tmpdir(), 'number-undo-'));
  });
  afterEach(async () => {
    await tenant.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function apply(text: string, journal: string) {
    const findings = validate(parseLicensesFile(text), catalog);
    assert.deepEqual(
      findings.filter((f) => f.severity === 'error' || f.severity === 'warning'),
      [],
      `${text}\n${JSON.stringify(findings)}`,
    );
    const desired = desiredUsers(parseLicensesFile(text), catalog);
    const outcome = await runLicenses({
      connection: tenant.connection,
      tenant: TENANT,
      files: ['voice.licenses'],
      plan: () => planLicenses(tenant.connection, desired),
      journal: { path: join(dir, journal) },
      lockFolder: dir,
      verify: false,
      clock: clock.run,
      numbers: { clock: { now: clock.now, sleep: async (ms) => void (await clock.sleep(ms)) } },
    });
    assert.equal(outcome.kind, 'applied', JSON.stringify(outcome));
    assert.ok(outcome.kind === 'applied');
    return outcome;
  }

  async function held(): Promise<Record<string, string[]>> {
    const inventory = await readNumberInventory(tenant.connection);
    assert.ok(inventory.ok);
    const out: Record<string, string[]> = {};
    for (const name of ['alice', 'erin', 'megan.bowen']) {
      const id = tenant.emulator.tenant.findUser(UPN(name))!.id;
      out[name] = inventory.value.filter((n) => n.assignmentTargetId === id).map((n) => n.telephoneNumber);
    }
    return out;
  }

  it('a number given is taken back, numbers taken are given back; the file validates clean and applies', async () => {
    const before = await held();
    assert.deepEqual(before, { alice: [], erin: ['+14255550100'], 'megan.bowen': ['+442079460100'] });
    await apply(RUN_FILE, 'run.jsonl');
    assert.deepEqual(await held(), { alice: ['+14255550110'], erin: [], 'megan.bowen': [] });

    const undo = await prepareUndo(tenant.connection, join(dir, 'run.jsonl'), TENANT);
    assert.ok(undo.kind === 'ready', JSON.stringify(undo));
    assert.deepEqual(undo.warnings, []);
    assert.match(undo.file.text, /\nalice@contoso\.com no-number\n/);
    assert.match(undo.file.text, /\nerin@contoso\.com \+14255550100\n/);
    assert.match(undo.file.text, /\nmegan\.bowen@contoso\.com \+442079460100\n/);
    assert.deepEqual([...undo.file.restored].sort(), ['alice', 'erin', 'megan.bowen'].map(UPN));
    assert.deepEqual(
      validate(parseLicensesFile(undo.file.text), catalog).filter((f) => f.severity !== 'information'),
      [],
    );

    await apply(undo.file.text, 'undo.jsonl');
    assert.deepEqual(await held(), before);
  });

  it('a number changed since by someone else is left alone and named', async () => {
    await apply(RUN_FILE, 'run.jsonl');
    // Someone gives megan another number in the Teams admin center.
    const megan = tenant.emulator.tenant.findUser(UPN('megan.bowen'))!.id;
    const other = await assignNumber(
      tenant.connection,
      { userId: megan, telephoneNumber: '+442079460110', numberType: 'operatorConnect', licensedInEntra: true },
      { resumeCommand: '', clock: { now: clock.now, sleep: async (ms) => void (await clock.sleep(ms)) } },
    );
    assert.equal(other.kind, 'assigned', JSON.stringify(other));

    const undo = await prepareUndo(tenant.connection, join(dir, 'run.jsonl'), TENANT);
    assert.ok(undo.kind === 'ready');
    assert.deepEqual(
      undo.file.changedSince.map((c) => [c.user, c.differences]),
      [[UPN('megan.bowen'), ['now holds the numbers +442079460110, not none as the run left them']]],
    );
    assert.doesNotMatch(undo.file.text, /^megan/m);
    assert.match(undo.file.text, /#   megan\.bowen@contoso\.com: now holds the numbers \+442079460110/);
    assert.match(undo.file.text, /\nerin@contoso\.com \+14255550100\n/);
    assert.deepEqual(
      validate(parseLicensesFile(undo.file.text), catalog).filter((f) => f.severity !== 'information'),
      [],
    );
  });
});
