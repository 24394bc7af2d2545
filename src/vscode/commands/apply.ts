import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DesiredUser } from '../../core/plan/desired';
import { nextSteps } from '../../core/report/next-steps';
import { changeSummary } from '../../core/report/preview';
import { planTotals } from '../../core/run/plan-totals';
import type { PlanBlocker, RunPlan, RunSummary, UserResult } from '../../core/run';
import type { TenantSession } from '../auth/tenant-session';
import { connectionFor, loadEngine } from '../engine-connection';
import { output } from '../output';
import { LAST_JOURNAL_KEY, type CommandContext } from './context';
import { documentFor, readInput } from './file-input';
import { planInput } from './plan-document';

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
  void vscode.window.showErrorMessage(vscode.l10n.t('Applying licenses writes to your tenant, so it is disabled in an untrusted workspace. Trust this folder to continue.'), manage).then((c) => {
    if (c === manage) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}

/** "Apply License File": plan, confirm, then run with a cancellable progress and a line per user. */
export async function applyCommand(ctx: CommandContext, uri?: unknown, options: ApplyCommandOptions = {}): Promise<ApplyCommandResult | RefusedResult | undefined> {
  if (!requireTrust()) return UNTRUSTED;
  const document = await documentFor(uri);
  if (!document) return undefined;
  const input = readInput(document, ctx.catalog());
  if (!input) return undefined;
  const planned = await planInput(ctx, input);
  const session = ctx.tenants.session;
  if (!planned || !session) return undefined;
  return runPlan(ctx, session, planned.plan, [document.uri.fsPath], path.basename(document.uri.path), options);
}

/** Shared by Apply and Retry Failed Users. */
export async function runPlan(
  ctx: CommandContext,
  session: TenantSession,
  plan: RunPlan,
  files: readonly string[],
  name: string,
  options: ApplyCommandOptions,
): Promise<ApplyCommandResult | undefined> {
  const log = output();
  const engine = await loadEngine();
  if (plan.blockers.length > 0) {
    log.error(`${name}: nothing written, the run is blocked:`);
    for (const b of plan.blockers) log.error(engine.formatBlocker(b));
    log.show(true);
    void vscode.window.showErrorMessage(vscode.l10n.t('Nothing was written: {0}', plan.blockers.map((b) => b.message).join(' ')));
    // The engine answers a blocked plan at once, without a request: its report is the result.
    const report = await engine.applyPlan(await connectionFor(session), plan);
    return { results: report.results, summary: report.summary, blockers: report.blockers };
  }
  const totals = planTotals(plan);
  if (!(options.skipConfirmation && session.kind === 'demo')) {
    const apply = vscode.l10n.t('Apply');
    const detail = [
      vscode.l10n.t('Tenant: {0}', session.label),
      vscode.l10n.t('{0} users: {1} to change, {2} already as wanted, {3} that will not be written.', plan.users.length, totals.change, totals.unchanged, totals.failing),
      ...changeSummary(plan),
    ].join('\n');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Apply {0} to {1}?', name, session.label), { modal: true, detail }, apply);
    if (choice !== apply) return undefined;
  }

  const folder = vscode.Uri.joinPath(ctx.storageUri, 'results');
  await mkdir(folder.fsPath, { recursive: true });
  const journalPath = path.join(folder.fsPath, `${new Date().toISOString().replace(/[:.]/g, '-')}-${name.replace(/[^\w.-]+/g, '_')}.jsonl`);
  const journal = await engine.JournalWriter.open(journalPath, { files, tenant: session.label, startedAt: new Date().toISOString() });
  await ctx.state.update(LAST_JOURNAL_KEY, journalPath);
  log.info(`${name} → ${session.label}: ${plan.users.length} users (journal: ${journalPath})`);

  const connection = await connectionFor(session);
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Applying {0}', name), cancellable: true },
    async (progress, token) => {
      let reported = 0;
      const run = ctx.runs.start();
      const cancelled = token.onCancellationRequested(() => run.cancel());
      try {
        return await engine.applyPlan(connection, plan, {
          cancellation: run.token,
          sink: journal,
          onResult: (r) => (r.outcome === 'failed' ? log.error(engine.formatResultLine(r)) : log.info(engine.formatResultLine(r))),
          onProgress: (done, total) => {
            progress.report({ message: vscode.l10n.t('{0} / {1} users', done.toLocaleString(), total.toLocaleString()), increment: ((done - reported) / Math.max(1, total)) * 100 });
            reported = done;
          },
        });
      } finally {
        cancelled.dispose();
        ctx.runs.finish(run);
        await journal.close();
      }
    },
  );

  log.info(engine.formatSummary(report.summary));
  if (report.journalError) log.error(vscode.l10n.t('The journal could not be written ({0}): the run stopped starting new work.', report.journalError));
  const steps = nextSteps(report.results, ctx.catalog());
  for (const step of steps) log.info(`Next: ${step}`);
  log.info(`Results: ${vscode.Uri.file(journalPath).toString()}`);
  log.show(true);

  const openResults = vscode.l10n.t('Open Results');
  const retry = vscode.l10n.t('Retry Failed Users');
  const s = report.summary;
  const message = vscode.l10n.t('{0}: {1} changed, {2} unchanged, {3} failed, {4} skipped.', name, s.changed, s.unchanged, s.failed, s.skipped);
  const actions = s.failed + s.skipped > 0 ? [retry, openResults] : [openResults];
  void (s.failed > 0 ? vscode.window.showWarningMessage(message, ...actions) : vscode.window.showInformationMessage(message, ...actions)).then((c) => {
    if (c === openResults) void vscode.commands.executeCommand('licenses.openLastResults');
    if (c === retry) void vscode.commands.executeCommand('licenses.retryFailed');
  });
  return { results: report.results, summary: report.summary, journal: journalPath, blockers: [] };
}

/** "Retry Failed Users": the failed and skipped users of the last run, from its journal alone. */
export async function retryFailedCommand(ctx: CommandContext, options: ApplyCommandOptions = {}): Promise<ApplyCommandResult | RefusedResult | undefined> {
  if (!requireTrust()) return UNTRUSTED;
  const journalPath = ctx.state.get<string>(LAST_JOURNAL_KEY);
  if (!journalPath) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No run yet: apply a .licenses file first.'));
    return undefined;
  }
  const engine = await loadEngine();
  const journal = await engine.readJournal(journalPath);
  const users: DesiredUser[] = engine.usersToRetry(journal);
  if (users.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The last run has no failed or skipped users.'));
    return undefined;
  }
  const session = await ctx.tenants.require();
  if (!session) return undefined;
  const connection = await connectionFor(session);
  const outcome = await engine.planLicenses(connection, users);
  if (outcome.kind !== 'planned') {
    if (outcome.kind === 'tenant-error') void vscode.window.showErrorMessage(vscode.l10n.t('Could not read the tenant: {0}', outcome.error.message));
    return undefined;
  }
  return runPlan(ctx, session, outcome.plan, journal.headers.flatMap((h) => h.files), `retry of ${path.basename(journalPath)}`, options);
}
