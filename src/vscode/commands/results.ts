import { writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { resultsCsv } from '../../core/report/csv';
import { withGroupRows } from '../../core/report/group-csv';
import { loadEngine } from '../engine-connection';
import { LAST_JOURNAL_KEY, type CommandContext } from './context';

function lastJournal(ctx: CommandContext): string | undefined {
  const journal = ctx.state.get<string>(LAST_JOURNAL_KEY);
  if (!journal) void vscode.window.showInformationMessage(vscode.l10n.t('No run yet: apply a .licenses file first.'));
  return journal;
}

/** "Open Last Results": the last run's journal (JSON Lines, one result per user). */
export async function openLastResultsCommand(ctx: CommandContext): Promise<vscode.TextDocument | undefined> {
  const journal = lastJournal(ctx);
  if (!journal) return undefined;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(journal));
  await vscode.window.showTextDocument(document, { preview: true });
  return document;
}

/** "Export Results as CSV": the last result per user, for a spreadsheet or a ticket. */
export async function exportCsvCommand(ctx: CommandContext, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const journal = lastJournal(ctx);
  if (!journal) return undefined;
  const uri =
    target ??
    (await vscode.window.showSaveDialog({
      filters: { CSV: ['csv'] },
      defaultUri: vscode.Uri.file(journal.replace(/\.jsonl$/, '.csv')),
      title: vscode.l10n.t('Export results as CSV'),
    }));
  if (!uri) return undefined;
  const { readJournal } = await loadEngine();
  const { latest, groupLines } = await readJournal(journal);
  await writeFile(uri.fsPath, withGroupRows(resultsCsv(latest.values()), groupLines), 'utf8');
  void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} results to {1}.', latest.size, uri.fsPath));
  return uri;
}
