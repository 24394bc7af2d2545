import * as path from 'node:path';
import * as vscode from 'vscode';
import { plural } from '../../core/text/translate';
import type { UndoFile } from '../../core/undo/undo-file';
import { engineBundle } from '../engine-bundle-loader';
import { writeFreshFile } from '../fresh-file';
import { connectionFor } from '../engine-connection';
import { output } from '../output';
import { uiTranslate } from '../translator';
import { LAST_JOURNAL_KEY, type CommandContext } from './context';
import { showTenantError } from './plan-document';

export interface UndoCommandResult {
  readonly path: string;
  readonly file: UndoFile;
}

/** The undo file's path: beside the journal, a new name each time (an earlier one may hold the admin's edits). */

/** No run in this window yet: a journal chosen by hand (from another window, or the CLI's). */
async function pickJournal(ctx: CommandContext): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { [vscode.l10n.t('Results journal')]: ['jsonl'] },
    defaultUri: vscode.Uri.joinPath(ctx.storageUri, 'results'),
    title: vscode.l10n.t('Undo the run of which results journal?'),
  });
  return picked?.[0]?.fsPath;
}

/**
 * "Undo Last Run…": writes the `.licenses` file that puts back what the last run (or the journal
 * given) changed, opens it, and previews it. Nothing is written to the tenant here: the file is
 * applied like any other, with its own confirmation and journal.
 */
export async function undoLastRunCommand(
  ctx: CommandContext,
  journal?: unknown,
): Promise<UndoCommandResult | undefined> {
  const journalPath =
    journal instanceof vscode.Uri
      ? journal.fsPath
      : typeof journal === 'string'
        ? journal
        : (ctx.state.get<string>(LAST_JOURNAL_KEY) ?? (await pickJournal(ctx)));
  if (!journalPath) return undefined;
  // The bundle itself: undo is exported beside the run engine (src/engine-bundle.ts).
  const engine = engineBundle();
  // The tenant the run was made against: the one its files named (the header's `fileTenant`), as the CLI's undo
  // connects, else the signed-in one. A journal that cannot be read is prepareUndo's to say.
  const journalRead = await engine.readJournal(journalPath).catch(() => undefined);
  const session = (await ctx.tenants.forJournal(journalRead ?? { headers: [] }))?.session;
  if (!session) return undefined;
  const connection = await connectionFor(session);
  const outcome = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Reading what {0} changed…', path.basename(journalPath)),
      cancellable: true,
    },
    (_progress, token) =>
      engine.prepareUndo(
        connection,
        journalPath,
        { label: session.label, id: session.tenantId },
        { cancellation: token, t: uiTranslate() },
      ),
  );
  switch (outcome.kind) {
    case 'refused':
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot undo: {0}', outcome.message));
      return undefined;
    case 'tenant-error':
      return showTenantError(outcome.error);
    case 'cancelled':
      return undefined;
    case 'ready':
      break;
  }
  for (const warning of outcome.warnings) output().warn(warning);
  const { file } = outcome;
  // Created exclusively: an existing file or a planted link (even a dangling one) is never written through.
  const target = await writeFreshFile(engine.undoFileName(journalPath), file.text);
  output().info(
    `undo of ${journalPath}: ${file.restored.length} to restore, ${file.changedSince.length} changed since, ${file.unreadable.length} unreadable → ${target}`,
  );
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(target));
  await vscode.window.showTextDocument(document, { preview: false });
  if (file.restored.length + file.groups.restored.length > 0)
    void vscode.commands.executeCommand('licenses.preview', document.uri);
  const leftOut = file.changedSince.length + file.unreadable.length;
  const t = uiTranslate();
  if (leftOut > 0) {
    void vscode.window.showWarningMessage(
      plural(
        t,
        leftOut,
        '{0} user is not in the undo file: changed since by someone else, or unreadable. The comments at the end of the file say what differs.',
        '{0} users are not in the undo file: changed since by someone else, or unreadable. The comments at the end of the file say what differs.',
      ),
    );
  } else if (file.restored.length + file.groups.restored.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Nothing to undo: every user the run changed already holds what they held before.'),
    );
  }
  return { path: target, file };
}
