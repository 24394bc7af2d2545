import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DesiredUser } from '../../core/desired/desired';
import { nextSteps } from '../../core/report/next-steps';
import { confirmationLines } from '../../core/report/confirmation';
import { refusedRunLines } from '../../core/report/preview';
import type { GroupRunReport, PlanBlocker, RunOutcome, RunSummary, UserResult } from '../../core/run';
import type { TenantSession } from '../auth/tenant-session';
import { connectionFor, loadEngine } from '../engine-connection';
import { output } from '../output';
import { resultsFolderSetting, runSettings } from '../settings';
import { count, singular, uiWords } from '../words';
import { LAST_JOURNAL_KEY, type CommandContext } from './context';
import { documentFor, readInput } from './file-input';
import {
  desiredOfInput,
  fileTenantFor,
  planWithProgress,
  showTenantError,
  type UnreachableTenant,
} from './plan-document';
import type { TenantState } from '../../core/tenant/tenant-state';
import { uiTranslate } from '../translator';
import { desiredGroups, mergeDesiredGroups, type DesiredGroup } from '../../core/desired/desired-groups';
import { desiredUsers } from '../../core/desired/desired-users';
import { mergeDesiredUsers } from '../../core/desired/merge-desired';
import { parseLicensesFile } from '../../core/format';
import { validate } from '../../core/rules';
import { groupRunCallbacks } from './group-run-output';

export interface ApplyCommandOptions {
  /** For tests and automation against the demo tenant only: a real tenant always asks. */
  readonly skipConfirmation?: boolean;
}

export interface ApplyCommandResult {
  readonly results: readonly UserResult[];
  readonly summary: RunSummary;
  /** Absent when the run was blocked before any write. */
  readonly journal?: string;
  /** Non-empty: nothing was written (not enough seats, a SKU the tenant lacks, ...). */
  readonly blockers: readonly PlanBlocker[];
  /** The file's groups: each result, the members in error (apply-groups.ts). */
  readonly groups?: GroupRunReport;
}

/** What Apply and Retry answer when the workspace is not trusted: nothing was read or written. */
export interface RefusedResult {
  readonly refused: 'untrusted-workspace';
}
const UNTRUSTED: RefusedResult = { refused: 'untrusted-workspace' };

/** Writes need a trusted workspace (the menus hide the command too; this guards the palette and API). */
export function requireTrust(): boolean {
  if (vscode.workspace.isTrusted) return true;
  const manage = vscode.l10n.t('Manage Workspace Trust');
  void vscode.window
    .showErrorMessage(
      vscode.l10n.t(
        'Applying licenses writes to your tenant, so it is disabled in an untrusted workspace. Trust this folder to continue.',
      ),
      manage,
    )
    .then((c) => {
      if (c === manage) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  return false;
}

/** "Apply License File": plan, confirm, then run with a cancellable progress and a line per user. */
export async function applyCommand(
  ctx: CommandContext,
  uri?: unknown,
  options: ApplyCommandOptions = {},
): Promise<ApplyCommandResult | RefusedResult | UnreachableTenant | undefined> {
  if (!requireTrust()) return UNTRUSTED;
  const document = await documentFor(uri);
  if (!document) return undefined;
  const input = readInput(document, ctx.catalog());
  if (!input) return undefined;
  const target = await fileTenantFor(ctx, input);
  if (!target || 'refused' in target) return target;
  const { session } = target;
  const desired = await desiredOfInput(ctx, input, true);
  if (!desired) return undefined;
  const name = path.basename(document.uri.path);
  const engine = await loadEngine();
  // Next to the file by default; a file with no folder on disk (untitled, virtual) falls back to the extension's
  // storage.
  const onDisk = document.uri.scheme === 'file' ? document.uri.fsPath : undefined;
  const folder = engine.resultsFolder(resultsFolderSetting(document.uri), onDisk, storageResults(ctx));
  return runInEditor(
    ctx,
    session,
    {
      desired,
      groups: input.groups,
      files: [document.uri.fsPath],
      name,
      journalName: name,
      folder,
      question: vscode.l10n.t('Apply {0} to {1}?', name, session.label),
      skus: target.skus,
      ...(target.named ? { named: target.named } : {}),
    },
    options,
  );
}

/** "Retry Failed Users": the failed and skipped users of the last run, from its journal alone. */
export async function retryFailedCommand(
  ctx: CommandContext,
  options: ApplyCommandOptions = {},
): Promise<ApplyCommandResult | RefusedResult | undefined> {
  if (!requireTrust()) return UNTRUSTED;
  const journalPath = ctx.state.get<string>(LAST_JOURNAL_KEY);
  if (!journalPath) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No run yet: apply a .licenses file first.'));
    return undefined;
  }
  const engine = await loadEngine();
  // The files as they are now (unsaved edits included): what the admin fixed is what the retry sends.
  const readCurrent = async (files: readonly string[]) => {
    const users: DesiredUser[][] = [];
    const groups: DesiredGroup[][] = [];
    for (const file of files) {
      let document: vscode.TextDocument;
      try {
        document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      } catch (e) {
        return { problem: `${file}: ${(e as Error).message}` };
      }
      const parsed = parseLicensesFile(document.getText());
      const error = validate(parsed, ctx.catalog(), uiTranslate()).find((f) => f.severity === 'error');
      if (error) return { problem: `${file}:${error.range.start.line + 1}: ${error.message}` };
      users.push(desiredUsers(parsed, ctx.catalog()));
      groups.push(desiredGroups(parsed, ctx.catalog()));
    }
    return { users: mergeDesiredUsers(users), groups: mergeDesiredGroups(groups) };
  };
  const source = await engine.retryFromJournal(journalPath, uiTranslate(), readCurrent);
  if (source.kind === 'refused') {
    void vscode.window.showErrorMessage(vscode.l10n.t('Cannot retry: {0}', source.message));
    return undefined;
  }
  for (const warning of source.warnings) output().warn(warning);
  if (source.desired.length === 0 && source.groups.length === 0) {
    if (source.warnings.length) output().show(true);
    void vscode.window.showInformationMessage(
      source.warnings.length
        ? vscode.l10n.t('Nothing a retry can fix in the last run: the output says what to do instead.')
        : vscode.l10n.t('The last run has no failed or skipped users.'),
    );
    return undefined;
  }
  // The tenant the journal's files named on their `tenant` line (as the CLI's retry does), else the signed-in one.
  const target = await ctx.tenants.forJournal(source.journal);
  if (!target) return undefined;
  const { session } = target;
  const mismatch = engine.tenantMismatch(source.journal, { label: session.label, id: session.tenantId }, uiTranslate());
  if (mismatch) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Not retried: {0}. Sign in to that tenant, or apply the file again.', mismatch),
    );
    return undefined;
  }
  const runName = engine.retryRunName(journalPath, source.files);
  // The files the earlier run came from, as people name them (a journal may hold runs of several).
  const names = source.files.map((f) => path.basename(f));
  const what =
    names.length === 0
      ? path.basename(journalPath)
      : names.length <= 3
        ? names.join(', ')
        : `${names.slice(0, 3).join(', ')}, …`;
  const n = source.desired.length;
  return runInEditor(
    ctx,
    session,
    {
      desired: source.desired,
      groups: source.groups,
      files: source.files,
      name: vscode.l10n.t('retry of {0}', what),
      journalName: runName,
      // The retry's journal sits with the journal it replays.
      folder: path.dirname(journalPath),
      skus: target.skus,
      ...(target.named ? { named: target.named } : {}),
      question: singular(n)
        ? vscode.l10n.t('Retry {0} failed or skipped user of {1} on {2}?', count(n), what, session.label)
        : vscode.l10n.t('Retry {0} failed or skipped users of {1} on {2}?', count(n), what, session.label),
      note: source.fromFiles
        ? vscode.l10n.t(
            'A retry plans the users that failed again from the .licenses files as they are now: what you fixed in them since the run is sent. Users a retry cannot help (not found) are left out; the output says what to do for them.',
          )
        : vscode.l10n.t(
            'The .licenses files could not be read now: the retry sends what the earlier run asked for, as its results recorded it.',
          ),
    },
    options,
  );
}

/** The extension's own storage, for results of files that have no folder on disk. */
const storageResults = (ctx: CommandContext) => vscode.Uri.joinPath(ctx.storageUri, 'results').fsPath;

interface RunInput {
  readonly desired: readonly DesiredUser[];
  readonly groups?: readonly DesiredGroup[];
  readonly files: readonly string[];
  /** Shown in messages: `phone-system.licenses`, `retry of phone-system.licenses`. */
  readonly name: string;
  /** What the journal's file name says ran (`phone-system.licenses`, `retry-phone-system`). */
  readonly journalName: string;
  /** Where the journal goes. */
  readonly folder: string;
  /** The confirmation's question. */
  readonly question: string;
  /** Said first in the confirmation's detail. */
  readonly note?: string;
  /** The tenant state the plan reads SKUs from: the file's tenant's; absent, the signed-in tenant's. */
  readonly skus?: TenantState<TenantSession>;
  /** The tenant the file's `tenant` line names: the journal records it (`fileTenant`). */
  readonly named?: string;
}

/** Shared by Apply and Retry Failed Users: the core run path, rendered in the editor. */
async function runInEditor(
  ctx: CommandContext,
  session: TenantSession,
  input: RunInput,
  options: ApplyCommandOptions,
): Promise<ApplyCommandResult | undefined> {
  const { name } = input;
  const log = output();
  const engine = await loadEngine();
  // A file with numbers asks for the Teams number permissions now (incremental consent), never a file without.
  if (input.desired.some((d) => d.number)) await session.askForNumbers?.();
  const connection = await connectionFor(session);
  const run = ctx.runs.start();
  // The walkthrough says to follow the run in the output: it is there from the start.
  log.show(true);
  log.info(vscode.l10n.t('{0}: reading {1} from {2}…', name, usersText(input.desired.length), session.label));
  // The notification appears once writing starts; it ends with the run.
  let progress: vscode.Progress<{ message?: string; increment?: number }> | undefined;
  let finished = false;
  let closeNotification: () => void = () => undefined;
  const endProgress = () => {
    finished = true;
    closeNotification();
  };
  let reported = 0;
  let outcome: RunOutcome;
  try {
    outcome = await engine.runLicenses({
      connection,
      tenant: { label: session.label, id: session.tenantId, ...(input.named ? { named: input.named } : {}) },
      files: input.files,
      plan: () => planWithProgress(ctx, connection, session, input.desired, input.groups, input.skus),
      groups: groupRunCallbacks(log, engine),
      numbers: {
        waitMinutes: runSettings().numberWaitMinutes,
        onNumberResult: (line) =>
          line.outcome === 'failed'
            ? log.error(engine.formatNumberResultLine(line, uiTranslate()))
            : line.outcome === 'pending'
              ? log.warn(engine.formatNumberResultLine(line, uiTranslate()))
              : log.info(engine.formatNumberResultLine(line, uiTranslate())),
      },
      journal: { folder: input.folder, name: input.journalName },
      cancellation: run.token,
      confirm: async (plan) => {
        if (options.skipConfirmation && session.kind === 'demo') return true;
        const apply = vscode.l10n.t('Apply');
        const detail = confirmationLines(plan, { tenant: session.label, note: input.note }, uiWords()).join('\n');
        const choice = await vscode.window.showWarningMessage(input.question, { modal: true, detail }, apply);
        return choice === apply && !run.token.isCancellationRequested;
      },
      onJournal: async (journalPath, users) => {
        await ctx.state.update(LAST_JOURNAL_KEY, journalPath);
        log.info(
          vscode.l10n.t('{0} → {1}: writing {2} (results: {3})', name, session.label, usersText(users), journalPath),
        );
        void vscode.window.withProgress(
          {
            location: vscode.ProgressLocation.Notification,
            title: vscode.l10n.t('Applying {0}', name),
            cancellable: true,
          },
          (p, token) => {
            progress = p;
            token.onCancellationRequested(() => run.cancel());
            // The task may start after the run has ended (a short run): then it closes at once.
            return new Promise<void>((resolve) => (finished ? resolve() : (closeNotification = resolve)));
          },
        );
      },
      onResult: (r) =>
        r.outcome === 'failed'
          ? log.error(engine.formatResultLine(r, undefined, uiTranslate()))
          : log.info(engine.formatResultLine(r, undefined, uiTranslate())),
      onProgress: (done, total) => {
        // Every user answered: what remains is re-reading the changed ones until the tenant shows the writes.
        const message =
          done < total
            ? vscode.l10n.t('Writing: {0} of {1} users', count(done), count(total))
            : vscode.l10n.t('Verifying: reading the changed users again until the tenant shows the writes…');
        progress?.report({ message, increment: ((done - reported) / Math.max(1, total)) * 100 });
        if (done === total && reported < total)
          log.info(vscode.l10n.t('{0}: every user answered; verifying the changes…', name));
        reported = done;
      },
    });
  } finally {
    endProgress();
    ctx.runs.finish(run);
  }
  return renderOutcome(ctx, outcome, name, session);
}

async function renderOutcome(
  ctx: CommandContext,
  outcome: RunOutcome,
  name: string,
  session: TenantSession,
): Promise<ApplyCommandResult | undefined> {
  const log = output();
  const engine = await loadEngine();
  switch (outcome.kind) {
    case 'busy':
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'Another run of {0} on {1} is in progress: nothing was done. Wait for it to finish.',
          name,
          session.label,
        ),
      );
      return undefined;
    case 'tenant-error':
      return showTenantError(outcome.error);
    case 'cancelled':
    case 'declined':
      return undefined;
    case 'journal-error': {
      // Most often the .licenses file's folder is read-only: say where, and where to choose another.
      const settings = vscode.l10n.t('Open Settings');
      const message = vscode.l10n.t(
        'The results journal could not be created in {0} ({1}): nothing was written. Choose another folder with the setting licenses.resultsFolder.',
        path.dirname(outcome.path),
        outcome.message,
      );
      void vscode.window.showErrorMessage(message, settings).then((c) => {
        if (c === settings)
          void vscode.commands.executeCommand('workbench.action.openSettings', 'licenses.resultsFolder');
      });
      return undefined;
    }
    case 'blocked': {
      const { blockers } = outcome.plan;
      log.error(vscode.l10n.t('{0}: nothing written, the run is blocked:', name));
      for (const b of blockers) log.error(engine.formatBlocker(b, uiTranslate()));
      log.show(true);
      void vscode.window.showErrorMessage(
        vscode.l10n.t('Nothing was written: {0}', blockers.map((b) => b.message).join(' ')),
      );
      return { results: outcome.report.results, summary: outcome.report.summary, blockers: outcome.report.blockers };
    }
    case 'refused': {
      const lines = refusedRunLines(outcome.plan, uiWords());
      for (const u of outcome.plan.users) if (u.kind === 'failed') log.error(engine.formatPlanLine(u, uiTranslate()));
      for (const line of lines) log.error(line);
      log.show(true);
      void vscode.window.showErrorMessage(`${name}: ${lines.slice(0, -1).join(' ')}`);
      // One result per user all the same (none written): the command's answer keeps its shape.
      return { results: outcome.report.results, summary: outcome.report.summary, blockers: [] };
    }
    case 'applied':
      break;
  }
  const { report, journal: journalPath } = outcome;
  log.info(engine.formatSummary(report.summary, uiTranslate()));
  if (outcome.numbers?.length) log.info(engine.formatNumberTotals(outcome.numbers, uiTranslate()));
  if (outcome.groups) log.info(engine.formatGroupSummary(outcome.groups, uiTranslate()));
  if (report.journalError)
    log.error(
      vscode.l10n.t('The journal could not be written ({0}): the run stopped starting new work.', report.journalError),
    );
  const steps = nextSteps(report.results, ctx.catalog(), uiTranslate());
  for (const step of steps) log.info(vscode.l10n.t('Next: {0}', step));
  log.info(vscode.l10n.t('Results: {0}', vscode.Uri.file(journalPath).toString()));
  log.show(true);

  const openResults = vscode.l10n.t('Open Results');
  const retry = vscode.l10n.t('Retry Failed Users');
  const reprocess = vscode.l10n.t('Reprocess Members in Error');
  const s = report.summary;
  const memberErrors = outcome.groups?.memberErrors.length ?? 0;
  // Users and the file's groups, each counted as what they are ("2 groups changed, 1 member in error").
  const message = `${name}: ${engine.formatRunTotals(s, outcome.groups, uiTranslate())}.`;
  // Numbers failed or left pending (Teams had not seen the license yet) are resumed by the same retry.
  const retryable = engine.retryableCount(report.results) + engine.numbersToResume(outcome.numbers ?? []);
  const actions = [...(retryable > 0 ? [retry] : []), ...(memberErrors > 0 ? [reprocess] : []), openResults];
  void (
    s.failed > 0 || memberErrors > 0 || engine.numbersToResume(outcome.numbers ?? []) > 0
      ? vscode.window.showWarningMessage(message, ...actions)
      : vscode.window.showInformationMessage(message, ...actions)
  ).then((c) => {
    if (c === openResults) void vscode.commands.executeCommand('licenses.openLastResults');
    if (c === retry) void vscode.commands.executeCommand('licenses.retryFailed');
    if (c === reprocess) void vscode.commands.executeCommand('licenses.reprocessMembers');
  });
  return {
    results: report.results,
    summary: report.summary,
    journal: journalPath,
    blockers: [],
    ...(outcome.groups ? { groups: outcome.groups } : {}),
  };
}

/** `1 user`, `2,000 users`, in the display language. */
const usersText = (n: number): string =>
  singular(n) ? vscode.l10n.t('{0} user', count(n)) : vscode.l10n.t('{0} users', count(n));
