// The access token never appears in the output channel or in any file (issue #4). The demo tenant
// is started with a known token (a canary); every command that talks to the tenant runs with it;
// then every file this session can reach is searched for it: the journals and the exported CSV, the
// workspace, the user-data dir (the "Licenses" output channel's log, global storage and state), and
// the temp files written since. scripts/run-host-tests.mjs searches the whole run directory again
// after code-server has stopped (it hands the canary over in the runner config).
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateByOpening, EXTENSION_ID, fixtureUri, fixturesRoot, revertAndCloseAll, waitFor } from './helpers';
import {
  apply,
  freshDemoTenant,
  generatedPath,
  hostTestConfig,
  preview,
  restoreDefaultDemoTenant,
  retryFailed,
  tenantSkus,
  type ApplyResult,
} from './demo';

const CANARY = hostTestConfig()?.tokenCanary ?? `TOKEN-CANARY-${randomBytes(12).toString('hex')}`;
const NEEDLES = [Buffer.from(CANARY, 'utf8'), Buffer.from(CANARY, 'utf16le')];
const MAX_FILE = 64 * 1024 * 1024;

interface Scan {
  files: number;
  found: string[];
}

/**
 * Searches every file under `dir` (bytes, UTF-8 and UTF-16) for the canary; `since`: only files
 * modified since; `only`: just that entry of `dir`.
 */
function scan(dir: string, into: Scan, opts: { since?: number; only?: string } = {}): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // gone or unreadable (other processes' temp files)
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (opts.only && p !== opts.only) continue;
    if (e.isDirectory()) {
      if (e.name === 'node_modules') continue;
      scan(p, into, opts);
    } else if (e.isFile()) {
      let stat: fs.Stats;
      try {
        stat = fs.statSync(p);
      } catch {
        continue;
      }
      if (stat.size > MAX_FILE || (opts.since !== undefined && stat.mtimeMs < opts.since)) continue;
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(p);
      } catch {
        continue;
      }
      into.files++;
      if (NEEDLES.some((n) => bytes.includes(n))) into.found.push(p);
    }
  }
}

/** <user-data>/User/globalStorage/<extension> (the extension's `globalStoragePath`) → <user-data> */
function userDataDirOf(storage: string): string {
  const parts = storage.split(path.sep);
  const i = parts.lastIndexOf('globalStorage');
  assert.ok(i >= 2 && parts[i - 1] === 'User', `not the extension's global storage: ${storage}`);
  return parts.slice(0, i - 1).join(path.sep);
}

/** What every command that talks to the tenant gave back, run once with the canary for all the tests below. */
interface Commands {
  readonly skus: number;
  readonly previewText: string;
  readonly run: ApplyResult;
  readonly retry: ApplyResult | undefined;
  readonly csv: string;
  readonly exported: unknown;
  readonly opened: unknown;
}

async function runEveryCommand(): Promise<Commands> {
  const skus = (await tenantSkus()).length;
  const previewText = await preview(fixtureUri('phone-system.licenses'));
  const run = await apply(fixtureUri('phone-system.licenses'));
  const retry = await retryFailed();
  const csv = generatedPath('token-results.csv');
  const exported = await vscode.commands.executeCommand('licenses.exportCsv', vscode.Uri.file(csv));
  const opened = await vscode.commands.executeCommand('licenses.openLastResults');
  return { skus, previewText, run, retry, csv, exported, opened };
}

describe('the access token never leaks', function () {
  this.timeout(60_000);
  const started = Date.now() - 1000;
  let commands: Commands;

  // The commands run in `before`, not in the first test: each test below reads what they left, and
  // runs alone (HOST_TEST_GREP) as it runs after the others.
  before(async function () {
    await activateByOpening('phone-system.licenses');
    await freshDemoTenant({ token: CANARY });
    commands = await runEveryCommand();
  });
  after(async () => {
    await revertAndCloseAll();
    await restoreDefaultDemoTenant();
  });

  it('every command that talks to the tenant works with this token', async () => {
    // The emulator accepts only the canary: these succeed only if it is what the product sends.
    const { skus, run, retry, exported, opened } = commands;
    assert.ok(skus > 0, 'Refresh Tenant Licenses read no SKU');
    assert.equal(run.summary.changed, 2, JSON.stringify(run.summary));
    assert.equal(run.summary.failed, 1, 'unknown.user@contoso.com fails: the error path is logged too');
    // unknown.user is not found: Retry Failed Users reads the journal and the file, and sends nothing.
    assert.equal(retry, undefined);
    assert.ok(exported, 'Export Results as CSV failed');
    assert.ok(opened, 'Open Last Results failed');
  });

  it('is not in the preview, the journals, the exported CSV or any open document', () => {
    const { run, csv, previewText } = commands;
    assert.ok(!previewText.includes(CANARY), 'the token is in the preview text');
    for (const file of [run.journal, csv])
      assert.ok(!fs.readFileSync(file, 'utf8').includes(CANARY), `the token is in ${file}`);
    const docs = vscode.workspace.textDocuments
      .filter((d) => d.getText().includes(CANARY))
      .map((d) => d.uri.toString());
    assert.deepEqual(docs, [], 'open documents (output channels included, when the host exposes them) hold the token');
  });

  it('is not in the "Licenses" output channel\'s log, nor in any file of the user data, workspace or temp dir', async () => {
    const userData = userDataDirOf(
      vscode.extensions.getExtension<{ globalStoragePath: string }>(EXTENSION_ID)!.exports.globalStoragePath,
    );
    // The output channel's log file, once it holds the last run's summary ("Results: <journal>"):
    // proof that what the channel showed is on disk and about to be searched.
    const lastJournal = path.basename(
      (await vscode.commands.executeCommand<vscode.TextDocument>('licenses.openLastResults'))!.uri.fsPath,
    );
    const logs = path.join(userData, 'logs');
    await waitFor(
      `the Licenses output channel's log under ${logs} to show the last run (${lastJournal})`,
      () => {
        const found: string[] = [];
        const walk = (d: string) => {
          for (const e of fs.readdirSync(d, { withFileTypes: true })) {
            const p = path.join(d, e.name);
            if (e.isDirectory()) walk(p);
            else if (/Licenses\.log$/.test(e.name) && fs.readFileSync(p, 'utf8').includes(lastJournal)) found.push(p);
          }
        };
        walk(logs);
        return found.length > 0;
      },
      15_000,
    );

    const result: Scan = { files: 0, found: [] };
    scan(userData, result);
    scan(fixturesRoot(), result);
    // Temp files and folders created during this suite (the product should write none).
    for (const e of fs.readdirSync(os.tmpdir())) {
      const p = path.join(os.tmpdir(), e);
      const stat = fs.statSync(p, { throwIfNoEntry: false });
      if (!stat || (stat.birthtimeMs || stat.ctimeMs) < started) continue;
      if (stat.isDirectory()) scan(p, result, { since: started });
      else if (stat.isFile()) scan(os.tmpdir(), result, { since: started, only: p });
    }
    assert.ok(result.files > 10, `searched only ${result.files} files`);
    assert.deepEqual(result.found, [], `the access token was written to ${result.found.length} file(s)`);
  });
});
