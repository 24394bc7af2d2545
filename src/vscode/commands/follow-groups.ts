import { oneLineText } from '../../core/text/tenant-text';
import * as vscode from 'vscode';
import type { FollowReport } from '../../core/run';
import { plural } from '../../core/text/translate';
import { connectionFor, loadEngine } from '../engine-connection';
import { output } from '../output';
import { uiTranslate } from '../translator';
import { LAST_JOURNAL_KEY, type CommandContext } from './context';

/**
 * "Follow Group Processing…": the groups the last run left still processing (group licensing takes minutes
 * to hours on a real tenant) are followed until done or 10 minutes, as `m365-licenses status JOURNAL` does;
 * their final state and members in error go to the journal, so Reprocess Members in Error finds them.
 */
export async function followGroupsCommand(ctx: CommandContext): Promise<FollowReport | undefined> {
  const t = uiTranslate();
  const journalPath = ctx.state.get<string>(LAST_JOURNAL_KEY);
  if (!journalPath) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No run yet: apply a .licenses file first.'));
    return undefined;
  }
  const engine = await loadEngine();
  const journal = await engine.readJournal(journalPath);
  const groups = engine.groupsStillProcessing(journal);
  if (groups.length === 0) {
    void vscode.window.showInformationMessage(t('No group of the journal is still processing.'));
    return undefined;
  }
  // The tenant the run was made against: the one its files named, else the signed-in one.
  const session = (await ctx.tenants.forJournal(journal))?.session;
  if (!session) return undefined;
  const mismatch = engine.tenantMismatch(journal, { label: session.label, id: session.tenantId }, t);
  if (mismatch) {
    void vscode.window.showErrorMessage(t('{0}: not followed: {1}.', journalPath, mismatch));
    return undefined;
  }
  const connection = await connectionFor(session);
  const skus = await engine.loadTenantSkus(connection);
  if (!skus.ok) {
    void vscode.window.showErrorMessage(
      t('Cannot read {0}: [{1}] {2}', session.label, skus.error.code, skus.error.message),
    );
    return undefined;
  }
  const log = output();
  const report = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Following group processing…'),
      cancellable: true,
    },
    (progress, token) =>
      engine.followGroups(connection, groups, skus.value, {
        t,
        cancellation: token,
        onState: (g, state) => {
          progress.report({ message: t('{0}: {1}', oneLineText(g.displayName ?? g.group), state) });
          log.info(t('{0}: {1}', oneLineText(g.displayName ?? g.group), state));
        },
      }),
  );
  // Appended as the run's journal is: never through a symbolic link planted at its path.
  await engine.appendToJournal(journalPath, report.lines);
  for (const e of report.memberErrors)
    log.error(`✗ ${oneLineText(e.user)} [${e.sku} ${e.error}] ${oneLineText(e.group)} — ${e.fix}`);
  log.show(true);
  const waiting = report.groups.filter((g) => !g.done).length;
  const inError = new Set(report.memberErrors.map((e) => e.userId)).size;
  const message =
    waiting > 0
      ? plural(
          t,
          waiting,
          '{0} group still processing: follow it again later.',
          '{0} groups still processing: follow them again later.',
        )
      : inError > 0
        ? plural(
            t,
            inError,
            'Group processing ended with {0} member in error: fix the cause, then Reprocess Members in Error.',
            'Group processing ended with {0} members in error: fix the causes, then Reprocess Members in Error.',
          )
        : vscode.l10n.t('Group processing ended with no member in error.');
  void (waiting === 0 && inError === 0
    ? vscode.window.showInformationMessage(message)
    : vscode.window.showWarningMessage(message));
  return report;
}
