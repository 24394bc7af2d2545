import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApplyCommand } from '../../../src/cli/plan-apply';
import { runUndoCommand } from '../../../src/cli/undo';
import { readNumberInventory } from '../../../src/core/numbers/teams-reads';
import { capturedIo } from '../fixtures/captured-io';
import { startTenant, UPN, type TestTenant } from '../fixtures/test-tenant';
import { VirtualClock } from '../fixtures/virtual-clock';

describe('CLI: apply with numbers on the demo tenant, then undo of that run', () => {
  let t: TestTenant;
  let dir: string;
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("waits out Teams' 20 s lag on Graph time, gives the numbers; undo's file gives everything back", async () => {
    const clock = new VirtualClock();
    t = await startTenant({ graphClock: clock, teamsLicenseLagSeconds: 20 });
    dir = mkdtempSync(join(tmpdir(), 'licenses-numbers-cli-'));
    const cli = {
      env: { LICENSES_GRAPH_URL: t.emulator.baseUrl, LICENSES_ACCESS_TOKEN: t.emulator.token },
      clock: clock.run,
    };
    const holders = async () => {
      const inventory = await readNumberInventory(t.connection);
      assert.ok(inventory.ok);
      const id = (name: string) => t.emulator.tenant.findUser(UPN(name))!.id;
      return ['alice', 'erin'].map((name) =>
        inventory.value.filter((n) => n.assignmentTargetId === id(name)).map((n) => n.telephoneNumber),
      );
    };
    assert.deepEqual(await holders(), [[], ['+14255550100']]);
    const file = join(dir, 'voice.licenses');
    writeFileSync(
      file,
      [
        'assign MCOEV MCOPSTN1',
        'usage-location US',
        `${UPN('alice')} +1 425 555 0110`,
        '',
        'usage-location US',
        `${UPN('erin')} no-number`,
        '',
      ].join('\n'),
    );
    const journal = join(dir, 'voice.jsonl');
    const applied = capturedIo();
    const code = await runApplyCommand([file, '--yes', '--journal', journal], applied, { ...cli, lockFolder: dir });
    assert.equal(code, 0, [...applied.out, ...applied.err].join('\n'));
    assert.deepEqual(await holders(), [['+14255550110'], []]);
    assert.ok(clock.now() >= 20_000, "the run waited for Teams to see alice's Calling Plan");

    const undone = capturedIo();
    assert.equal(await runUndoCommand([journal], undone, cli), 0, undone.err.join('\n'));
    const undoPath = join(dir, 'voice.undo.licenses');
    const text = readFileSync(undoPath, 'utf8');
    assert.match(text, /\nalice@contoso\.com no-number\n/);
    assert.match(text, /\nerin@contoso\.com \+14255550100\n/);
    assert.match(undone.out.join('\n'), /^2 users to restore, 0 already as before, 0 changed since/m);

    const back = capturedIo();
    assert.equal(
      await runApplyCommand([undoPath, '--yes', '--journal', join(dir, 'undo.jsonl')], back, {
        ...cli,
        lockFolder: dir,
      }),
      0,
      [...back.out, ...back.err].join('\n'),
    );
    assert.deepEqual(await holders(), [[], ['+14255550100']]);
  });
});
