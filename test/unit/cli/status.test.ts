import * as assert from 'node:assert/strict';
import { readFile, rename, symlink, writeFile } from 'node:fs/promises';

import * as path from 'node:path';
import { runApplyCommand } from '../../../src/cli/plan-apply';
import { runStatusCommand } from '../../../src/cli/status';
import { readJournal } from '../../../src/core/journal/journal';
import { membersToReprocess } from '../../../src/core/run/reprocess';
import { startEmulator, type RunningEmulator } from '../../../src/emulator';
import { capturedIo } from '../fixtures/captured-io';
import { VirtualClock } from '../fixtures/virtual-clock';
import { tempFolder } from '../fixtures/temp-folder';

describe('CLI: status JOURNAL follows the groups a run left still processing', () => {
  let emu: RunningEmulator | undefined;
  afterEach(() => emu?.close());

  it('follows them to the end, records their members in error in the journal and names the reprocess command', async () => {
    // Graph time, shared by the emulator and both commands: group processing's minutes pass in milliseconds.
    const clock = new VirtualClock();
    emu = await startEmulator({ latencyMs: 0, clock: clock.emulator, faults: { groupProcessingFailureRate: 1 } });
    const env = { LICENSES_GRAPH_URL: emu.baseUrl, LICENSES_ACCESS_TOKEN: emu.token };
    const cli = { env, clock: clock.run };
    const folder = tempFolder('licenses-status-');
    const file = path.join(folder, 'voice.licenses');
    const journal = path.join(folder, 'voice.jsonl');
    await writeFile(file, 'assign MCOEV\ngroup Voice Rollout\n');
    const applied = capturedIo();
    await runApplyCommand([file, '--yes', '--journal', journal], applied, { ...cli, lockFolder: folder });
    // A run that stopped following while group licensing was still at work (hours on a real tenant):
    // its journal ends at the group's 202, queued.
    const lines = (await readFile(journal, 'utf8')).trimEnd().split('\n');
    const queued = lines.findIndex((l) => /"kind":"group".*"QueuedForProcessing"/.test(l));
    assert.ok(queued > 0, lines.join('\n'));
    await writeFile(journal, `${lines.slice(0, queued + 1).join('\n')}\n`);
    assert.equal(membersToReprocess(await readJournal(journal)).length, 0);

    const io = capturedIo();
    const code = await runStatusCommand([journal, '--wait', '60'], io, cli);
    assert.equal(code, 1, io.err.join('\n'));
    const out = io.out.join('\n');
    assert.match(out, /✓ Voice Rollout: ProcessingFailed/);
    assert.match(out, /✗ \S+@contoso\.com \[MCOEV Other\] Voice Rollout/);
    assert.match(
      out,
      new RegExp(`members in error: once the causes are fixed, run m365-licenses reprocess ${journal}`),
    );
    assert.ok(membersToReprocess(await readJournal(journal)).length > 0, 'reprocess now finds them in the journal');

    const again = capturedIo();
    assert.equal(await runStatusCommand([journal], again, cli), 0);
    assert.match(again.out.join('\n'), /No group of the journal is still processing/);
  });

  it('never appends through a symbolic link at the journal path: said, and the file it points to is left as it was', async () => {
    const clock = new VirtualClock();
    emu = await startEmulator({ latencyMs: 0, clock: clock.emulator, faults: { groupProcessingFailureRate: 1 } });
    const env = { LICENSES_GRAPH_URL: emu.baseUrl, LICENSES_ACCESS_TOKEN: emu.token };
    const folder = tempFolder('licenses-status-');
    const file = path.join(folder, 'voice.licenses');
    const journal = path.join(folder, 'voice.jsonl');
    await writeFile(file, 'assign MCOEV\ngroup Voice Rollout\n');
    await runApplyCommand([file, '--yes', '--journal', journal], capturedIo(), {
      env,
      clock: clock.run,
      lockFolder: folder,
    });
    const lines = (await readFile(journal, 'utf8')).trimEnd().split('\n');
    const queued = lines.findIndex((l) => /"kind":"group".*"QueuedForProcessing"/.test(l));
    const target = path.join(folder, 'elsewhere.jsonl');
    await writeFile(target, `${lines.slice(0, queued + 1).join('\n')}\n`);
    await rename(journal, path.join(folder, 'moved.jsonl'));
    await symlink(target, journal);
    const before = await readFile(target, 'utf8');

    const io = capturedIo();
    assert.equal(await runStatusCommand([journal, '--wait', '60'], io, { env, clock: clock.run }), 1);
    assert.ok(
      io.err.some((l) => l.includes(`${journal}: cannot write the journal: ELOOP`)),
      io.err.join('\n'),
    );
    assert.match(io.out.join('\n'), /✓ Voice Rollout: ProcessingFailed/, 'what was learnt is still shown');
    assert.equal(await readFile(target, 'utf8'), before);
  });

  it('refuses a bad --wait and a missing journal with a usage error', async () => {
    const io = capturedIo();
    assert.equal(await runStatusCommand(['x.jsonl', '--wait', 'soon'], io), 2);
    assert.match(io.err.join('\n'), /--wait must be a whole number of seconds/);
    const none = capturedIo();
    assert.equal(await runStatusCommand([], none), 2);
  });
});
