import * as assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';

import * as path from 'node:path';
import { runApplyCommand } from '../../src/cli/plan-apply';
import { runExportCommand } from '../../src/cli/export';
import { runReportCommand } from '../../src/cli/report';
import { runReprocessCommand } from '../../src/cli/reprocess';
import { runSetupCommand } from '../../src/cli/setup';
import { BOOTSTRAP_PERMISSIONS } from '../../src/core/setup/setup-permissions';
import { startEmulator, type LoggedExchange, type RunningEmulator } from '../../src/emulator';
import { capturedIo } from '../unit/fixtures/captured-io';
import { VirtualClock } from '../unit/fixtures/virtual-clock';
import { tempFolder } from '../unit/fixtures/temp-folder';

/** What graph-metadata.ts (Graph's published v1.0 metadata, vendored) answers: a list of problems per exchange. */
interface MetadataChecks {
  checkRequest(request: { method: string; url: string; body?: unknown }): string[];
  checkAnswer(answer: { method: string; url: string; status: number; body?: unknown; requestBody?: unknown }): string[];
}

// Loaded at run time: the checker and its vendored metadata live beside this file (test/conformance/graph-metadata.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const metadata = (): MetadataChecks => require('./graph-metadata') as MetadataChecks;

const FILE = `# users, and a group whose processing fails (faults.groupProcessingFailureRate) and leaves members in error
assign MCOEV
usage-location FR
alice@contoso.com
bob@contoso.com

assign MCOEV
group Voice Rollout
`;

describe('conformance: every request the product sends, and every answer the emulator gives, as Graph v1.0 describes', () => {
  let emu: RunningEmulator | undefined;
  afterEach(() => emu?.close());

  it('a run of users and groups, reprocess, export, report and setup: zero problems', async function () {
    this.timeout(120_000);
    const log: LoggedExchange[] = [];
    // Graph time, shared by the emulator and every command: group processing and quota waits cost milliseconds.
    const clock = new VirtualClock();
    emu = await startEmulator({
      latencyMs: 0,
      clock: clock.emulator,
      faults: { groupProcessingFailureRate: 1 },
      requestLog: (e) => log.push(e),
    });
    const folder = tempFolder('licenses-conformance-');
    const file = path.join(folder, 'voice.licenses');
    const journal = path.join(folder, 'voice.jsonl');
    await writeFile(file, FILE);
    const env = { LICENSES_GRAPH_URL: emu.baseUrl, LICENSES_ACCESS_TOKEN: emu.token };
    const cli = { env, clock: clock.run };
    const ran = async (what: string, code: Promise<number>, io: { err: string[] }) =>
      assert.ok([0, 1].includes(await code), `${what}: ${io.err.join('\n')}`);

    let io = capturedIo();
    await ran('apply', runApplyCommand([file, '--yes', '--journal', journal], io, { ...cli, lockFolder: folder }), io);
    assert.match(await readFile(journal, 'utf8'), /member-error/, 'the group left members in error to reprocess');
    io = capturedIo();
    await ran('reprocess', runReprocessCommand([journal, '--yes'], io, { ...cli, lockFolder: folder }), io);
    io = capturedIo();
    await ran('export', runExportCommand(['--output', path.join(folder, 'export.licenses')], io, cli), io);
    io = capturedIo();
    await ran('report', runReportCommand(['--json'], io, cli), io);
    const admin = emu.mintToken({
      scopes: [...BOOTSTRAP_PERMISSIONS],
      directoryRoles: ['Privileged Role Administrator'],
      signedInUser: 'admin@contoso.com',
    });
    io = capturedIo();
    await ran(
      'setup',
      runSetupCommand(['--json'], io, {
        env: { LICENSES_GRAPH_URL: emu.baseUrl, LICENSES_ACCESS_TOKEN: admin },
        clock: clock.run,
      }),
      io,
    );

    const { checkRequest, checkAnswer } = metadata();
    // Envelopes and plain requests: a $batch is checked item by item by the checker itself.
    const exchanges = log.filter((e) => !e.inBatch);
    assert.ok(exchanges.length > 20, `${exchanges.length} exchanges logged`);
    assert.ok(
      log.some((e) => e.inBatch && e.url.includes('/reprocessLicenseAssignment')),
      'reprocess ran (as $batch items, which the checker reads inside their envelope)',
    );
    const problems = exchanges.flatMap((e) => [
      ...checkRequest({ method: e.method, url: e.url, body: e.body }).map((p) => `request ${e.method} ${e.url}: ${p}`),
      ...checkAnswer({
        method: e.method,
        url: e.url,
        status: e.status,
        body: e.answer,
        ...(e.url.toLowerCase().startsWith('/$batch') ? { requestBody: e.body } : {}),
      }).map((p) => `answer ${e.status} to ${e.method} ${e.url}: ${p}`),
    ]);
    assert.deepEqual(problems, [], `${problems.length} problems in ${exchanges.length} exchanges`);
  });
});
