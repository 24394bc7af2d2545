// After a run, against the demo tenant: Open Last Results (the journal), Export Results as CSV,
// Retry Failed Users (from the journal alone), and cancelling a run, by the Cancel Run command and
// by the Cancel button of its progress notification.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateByOpening, fixtureUri, revertAndCloseAll, waitFor } from './helpers';
import {
  apply,
  assertRunResult,
  bulkUsers,
  duplicates,
  freshDemoTenant,
  generatedPath,
  outcomes,
  readJournalLines,
  restoreDefaultDemoTenant,
  retryFailed,
  writeWorkspaceFile,
  type ApplyResult,
} from './demo';

/** What licenses.openLastResults answers (src/vscode/commands/results.ts). */
interface OpenedResults {
  uri: vscode.Uri;
  view: { sections: { id: string; lines?: string[]; groups?: { heading: string; users: { user: string }[] }[] }[] };
}

const PHONE = ['alice@contoso.com', 'bob@contoso.com', 'unknown.user@contoso.com'];

/** Parses the product's CSV (RFC 4180: quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * Starts applying `uri`, waits until the journal (a new file in `journalDir`) holds a changed user,
 * so that the run is under way with more to do, then calls `cancel`; returns the run's result.
 */
async function applyAndCancel(uri: vscode.Uri, journalDir: string, cancel: () => Promise<void>): Promise<ApplyResult> {
  const existing = new Set(fs.readdirSync(journalDir));
  let error: unknown;
  let result: ApplyResult | undefined;
  const running = Promise.resolve(
    vscode.commands.executeCommand<ApplyResult>('licenses.apply', uri, { skipConfirmation: true }),
  ).then(
    (r) => (result = r),
    (e) => (error = e),
  );
  await waitFor(
    'the run to record its first changed user in a new journal',
    () => {
      if (result || error)
        throw new Error(`the run ended before it could be cancelled: ${JSON.stringify(result?.summary ?? error)}`);
      const journal = fs.readdirSync(journalDir).find((f) => f.endsWith('.jsonl') && !existing.has(f));
      return journal && readJournalLines(path.join(journalDir, journal)).some((l) => l.outcome === 'changed');
    },
    30_000,
  ).catch(async (e) => {
    await running;
    throw e;
  });
  await cancel();
  await running;
  if (error) throw error;
  assertRunResult(result, `licenses.apply(${path.basename(uri.fsPath)})`);
  return result;
}

function assertCancelled(run: ApplyResult, users: readonly string[]): void {
  const counts = outcomes(run.results);
  assert.equal(run.summary.cancelled, true, `the run was not cancelled: ${JSON.stringify(run.summary)}`);
  assert.deepEqual(duplicates(run.results), []);
  assert.equal(run.results.length, users.length, 'every user of the file has a result, cancelled or not');
  assert.ok((counts.changed ?? 0) > 0, `no user changed before the cancel: ${JSON.stringify(counts)}`);
  assert.ok(
    (counts.skipped ?? 0) > 0,
    `no user skipped: the cancel came too late or did nothing: ${JSON.stringify(counts)}`,
  );
  assert.equal(
    (counts.changed ?? 0) + (counts.skipped ?? 0),
    users.length,
    `only changed and skipped users expected: ${JSON.stringify(counts)}`,
  );
  for (const r of run.results.filter((x) => x.outcome === 'skipped'))
    assert.deepEqual(r.added, [], `${r.user} skipped but added ${r.added}`);
  assert.equal(run.summary.skipped, counts.skipped);
  // The journal knows the skipped users (what Retry Failed Users reads).
  const journaled = readJournalLines(run.journal).filter((l) => l.outcome === 'skipped');
  assert.equal(journaled.length, counts.skipped, 'skipped users in the journal');
}

describe('results, retry and cancel against the demo tenant', function () {
  this.timeout(60_000);
  let first: ApplyResult;

  before(async function () {
    await activateByOpening('phone-system.licenses');
    await freshDemoTenant();
    first = await apply(fixtureUri('phone-system.licenses'));
  });
  after(async () => {
    await revertAndCloseAll();
    await restoreDefaultDemoTenant();
  });

  it('writes the journal next to the .licenses file, named after it', () => {
    assert.equal(path.dirname(first.journal), path.dirname(fixtureUri('phone-system.licenses').fsPath));
    assert.match(
      path.basename(first.journal),
      /^licenses-results-\d{4}-\d\d-\d\dT[\d-]+Z-phone-system-[0-9a-f]{6}\.jsonl$/,
    );
  });

  it('the journal holds a header, a pending line per user sent, then one result line per user', () => {
    const lines = readJournalLines(first.journal);
    assert.equal(
      lines[0].journal,
      'm365-licenses',
      `first line is not the journal header: ${JSON.stringify(lines[0])}`,
    );
    assert.equal(lines[0].tenant, 'Demo tenant');
    assert.ok(
      (lines[0].files as string[]).some((f) => f.endsWith('phone-system.licenses')),
      JSON.stringify(lines[0]),
    );
    const results = lines.filter((l) => typeof l.user === 'string' && l.outcome !== 'pending');
    assert.deepEqual(results.map((l) => l.user).sort(), [...PHONE].sort());
    // Written before the first write, so a crash cannot drop them from "retry".
    const pending = lines.filter((l) => l.outcome === 'pending').map((l) => l.user);
    assert.deepEqual(pending.sort(), ['alice@contoso.com', 'bob@contoso.com']);
    assert.ok(
      lines.findIndex((l) => l.outcome === 'pending') < lines.findIndex((l) => l.outcome === 'changed'),
      'pending lines come before the results',
    );
    assert.equal(
      (results.find((l) => l.user === 'unknown.user@contoso.com')!.error as { code: string }).code,
      'Request_ResourceNotFound',
    );
  });

  it('Open Last Results shows the last run as a table in a webview: failures first, grouped by cause', async () => {
    const opened = await vscode.commands.executeCommand<OpenedResults>('licenses.openLastResults');
    assert.ok(opened, 'licenses.openLastResults returned nothing');
    assert.equal(opened.uri.fsPath, first.journal);
    const ids = opened.view.sections.map((s) => s.id);
    assert.deepEqual(ids, ['totals', 'failed', 'changed'], JSON.stringify(opened.view.sections));
    const failed = opened.view.sections[1].groups!;
    assert.deepEqual(
      failed.map((g) => [g.heading, g.users.map((u) => u.user)]),
      [['1 user not found in the tenant', ['unknown.user@contoso.com']]],
    );
    assert.match(opened.view.sections[0].lines![0], /^3 users: 2 changed, 0 unchanged, 1 failed, 0 skipped$/);
    await waitFor('the results tab', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('licenses.results')),
    );
  });

  it('Export Results as CSV writes a header and one row per user', async () => {
    const target = vscode.Uri.file(generatedPath('results.csv'));
    const written = await vscode.commands.executeCommand<vscode.Uri>('licenses.exportCsv', target);
    assert.equal(written?.fsPath, target.fsPath);
    const rows = parseCsv(fs.readFileSync(target.fsPath, 'utf8'));
    assert.deepEqual(rows[0], [
      'user',
      'outcome',
      'added',
      'removed',
      'usageLocation',
      'errorCode',
      'errorMessage',
      'hint',
      'at',
    ]);
    const body = rows.slice(1);
    assert.deepEqual(body.map((r) => r[0]).sort(), [...PHONE].sort());
    assert.ok(
      body.every((r) => r.length === rows[0].length),
      `rows with a wrong number of cells: ${JSON.stringify(body)}`,
    );
    const row = (user: string) => body.find((r) => r[0] === user)!;
    assert.deepEqual(row('alice@contoso.com').slice(1, 3), ['changed', 'MCOEV MCOPSTN1']);
    assert.deepEqual(row('unknown.user@contoso.com').slice(1, 2).concat(row('unknown.user@contoso.com')[5]), [
      'failed',
      'Request_ResourceNotFound',
    ]);
    assert.ok(row('unknown.user@contoso.com')[6], 'the failed row has no error message');
  });

  it('Retry Failed Users does not send a user not found again: nothing a retry can fix, it says what to do instead', async () => {
    // The last run's only failure is unknown.user, not found: a retry by the same name finds nobody.
    assert.equal(await retryFailed(), undefined);
  });

  it('Retry Failed Users with nothing failed in the last run does nothing', async () => {
    const ok = await apply(writeWorkspaceFile('all-ok.licenses', ['assign MCOPSTNC', 'alice@contoso.com']));
    assert.deepEqual(outcomes(ok.results), { changed: 1 });
    assert.equal(await retryFailed(), undefined);
  });

  describe('cancelling a run', function () {
    // 300 ms per request and per batch: 400 users take 5 rounds of 4 batches, time enough to cancel.
    const cancelUsers = bulkUsers(1, 400);
    let journalDir: string;
    let cancelled: ApplyResult;

    before(async function () {
      // Results go next to the file: the generated files' folder.
      journalDir = path.dirname(generatedPath('cancel.licenses'));
      await freshDemoTenant({ users: 1100, latencyMs: 300, throttle: false }); // user00001 … user00800
    });

    it('Cancel Run with no run in progress cancels nothing', async () => {
      assert.equal(await vscode.commands.executeCommand('licenses.cancelRun'), 0);
    });

    it('Cancel Run stops the run: users answered stay changed, the others are skipped, none lost', async () => {
      const uri = writeWorkspaceFile('cancel.licenses', [
        '# generated by test/host/results.test.ts',
        'assign MCOEV',
        ...cancelUsers,
      ]);
      cancelled = await applyAndCancel(uri, journalDir, async () => {
        assert.equal(
          await vscode.commands.executeCommand('licenses.cancelRun'),
          1,
          'licenses.cancelRun found no run in progress',
        );
      });
      assertCancelled(cancelled, cancelUsers);
    });

    it('Retry Failed Users after the cancel changes exactly the skipped users', async () => {
      assert.ok(cancelled, 'needs the cancelled run of the previous test');
      const skipped = cancelled.results
        .filter((r) => r.outcome === 'skipped')
        .map((r) => r.user)
        .sort();
      const retry = await retryFailed();
      assertRunResult(retry, 'licenses.retryFailed');
      assert.deepEqual(retry.results.map((r) => r.user).sort(), skipped);
      assert.deepEqual(outcomes(retry.results), { changed: skipped.length });
      // Named for people, next to the journal it replays: never `….jsonl.jsonl`.
      assert.equal(path.dirname(retry.journal), path.dirname(cancelled.journal));
      assert.match(path.basename(retry.journal), /^licenses-results-[\dT-]+Z-retry-cancel-[0-9a-f]{6}\.jsonl$/);
    });

    it('the Cancel button of the progress notification cancels the run', async () => {
      const users = bulkUsers(401, 400);
      const uri = writeWorkspaceFile('cancel-notification.licenses', [
        '# generated by test/host/results.test.ts',
        'assign MCOEV',
        ...users,
      ]);
      // Older notifications (earlier runs' summaries) out of the way: the run's progress is the newest.
      await vscode.commands.executeCommand('notifications.clearAll');
      const run = await applyAndCancel(uri, journalDir, async () => {
        // "Accept Notification Primary Action" (Ctrl+Shift+A): the Cancel button of the newest notification.
        await vscode.commands.executeCommand('notification.acceptPrimaryAction');
      });
      assertCancelled(run, users);
    });
  });
});
