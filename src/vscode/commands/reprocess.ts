import * as vscode from 'vscode';
import type { ReprocessResult } from '../../core/run';
import { count, plural } from '../../core/text/translate';
import { connectionFor, loadEngine } from '../engine-connection';
import { output } from '../output';
import { uiTranslate } from '../translator';
import { requireTrust } from './apply';
import { LAST_JOURNAL_KEY, type CommandContext } from './context';

export interface ReprocessCommandOptions {
  /** For tests against the demo tenant only: a real tenant always asks. */
  readonly skipConfirmation?: boolean;
}

/**
 * "Reprocess Members in Error": once the admin fixed what kept group licensing from licensing some
 * members of the last run's groups, asks Graph to reprocess them and says who is licensed now.
 */
export async function reprocessCommand(
  ctx: CommandContext,
  options: ReprocessCommandOptions = {},
): Promise<readonly ReprocessResult[] | undefined> {
  if (!requireTrust()) return undefined;
  const t = uiTranslate();
  const journalPath = ctx.state.get<string>(LAST_JOURNAL_KEY);
  if (!journalPath) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No run yet: apply a .licenses file first.'));
    return undefined;
  }
  const engine = await loadEngine();
  const journal = await engine.readJournal(journalPath);
  const members = engine.membersToReprocess(journal);
  if (members.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The last run has no members in error.'));
    return undefined;
  }
  // The tenant the run was made against: the one its files named, else the signed-in one.
  const session = (await ctx.tenants.forJournal(journal))?.session;
  if (!session) return undefined;
  const mismatch = engine.tenantMismatch(journal, { label: session.label, id: session.tenantId }, t);
  if (mismatch) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Not reprocessed: {0}.', mismatch));
    return undefined;
  }
  if (!(options.skipConfirmation && session.kind === 'demo')) {
    const go = vscode.l10n.t('Reprocess');
    const choice = await vscode.window.showWarningMessage(
      plural(
        t,
        members.length,
        'Reprocess the group licenses of {0} member in error on {1}?',
        'Reprocess the group licenses of {0} members in error on {1}?',
        session.label,
      ),
      { modal: true, detail: members.map((m) => m.user).join('\n') },
      go,
    );
    if (choice !== go) return undefined;
  }
  const log = output();
  const connection = await connectionFor(session);
  const results = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: plural(t, members.length, 'Reprocessing {0} member…', 'Reprocessing {0} members…'),
      cancellable: true,
    },
    (_progress, token) =>
      engine.reprocessMembers(
        connection,
        members,
        (r) =>
          r.outcome === 'cleared'
            ? log.info(engine.formatReprocessLine(r, t))
            : log.error(engine.formatReprocessLine(r, t)),
        token,
        t,
      ),
  );
  const cleared = results.filter((r) => r.outcome === 'cleared').length;
  log.show(true);
  const message = plural(
    t,
    results.length,
    '{0} member reprocessed: {1} without error now, {2}.',
    '{0} members reprocessed: {1} without error now, {2}.',
    count(t, cleared),
    plural(
      t,
      results.length - cleared,
      '{0} still in error or not reprocessed//one',
      '{0} still in error or not reprocessed',
    ),
  );
  void (cleared === results.length
    ? vscode.window.showInformationMessage(message)
    : vscode.window.showWarningMessage(message));
  return results;
}
