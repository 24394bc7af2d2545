import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { resultsCsv, withNumberRows } from '../../core/report/csv';
import type { ReportView } from '../../core/report/report-view';
import { resultsView } from '../../core/report/results-view';
import { withGroupRows } from '../../core/report/group-csv';
import { loadEngine } from '../engine-connection';
import { PagePanels } from '../webviews/page-panels';
import { count, singular, uiWords } from '../words';
import { LAST_JOURNAL_KEY, type CommandContext } from './context';

/** The webview type of results panels (tests find the tab by it). */
const RESULTS_VIEW_TYPE = 'licenses.results';

export class ResultsPanels extends PagePanels {
  constructor() {
    super(RESULTS_VIEW_TYPE);
  }
}

/** What "Open Last Results" answers: the journal it read and the page it showed. */
export interface OpenedResults {
  readonly uri: vscode.Uri;
  readonly view: ReportView;
}

function lastJournal(ctx: CommandContext): string | undefined {
  const journal = ctx.state.get<string>(LAST_JOURNAL_KEY);
  if (!journal) void vscode.window.showInformationMessage(vscode.l10n.t('No run yet: apply a .licenses file first.'));
  return journal;
}

/**
 * "Open Last Results": the last run's journal as a table people read (outcomes, failures grouped
 * by cause, a filter), not its JSON Lines. The journal itself stays one click away in the Explorer.
 */
export async function openLastResultsCommand(
  ctx: CommandContext,
  panels: ResultsPanels,
): Promise<OpenedResults | undefined> {
  const journal = lastJournal(ctx);
  if (!journal) return undefined;
  const { readJournal, membersToReprocess } = await loadEngine();
  let read: Awaited<ReturnType<typeof readJournal>>;
  try {
    read = await readJournal(journal);
  } catch (e) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        'Cannot read the results {0}: {1}',
        journal,
        (e as NodeJS.ErrnoException).code ?? (e as Error).message,
      ),
    );
    return undefined;
  }
  const view = resultsView(
    {
      name: path.basename(journal),
      headers: read.headers,
      latest: read.latest.values(),
      damagedLines: read.damagedLines,
      groups: {
        changed: (read.groupLines ?? []).filter((l) => l.kind === 'group' && l.outcome === 'changed').length,
        membersInError: membersToReprocess(read).length,
      },
      ...(read.groupLines ? { groupLines: read.groupLines } : {}),
    },
    uiWords(),
  );
  // The page's buttons run the same commands as the palette and the run's notification.
  panels.show(journal, view, (action) => {
    if (action === 'retry') return vscode.commands.executeCommand('licenses.retryFailed');
    if (action === 'reprocess') return vscode.commands.executeCommand('licenses.reprocessMembers');
    if (action === 'undo') return vscode.commands.executeCommand('licenses.undoLastRun', journal);
    if (action === 'export-csv') return vscode.commands.executeCommand('licenses.exportCsv');
    return undefined;
  });
  return { uri: vscode.Uri.file(journal), view };
}

/** "Export Results as CSV": the last result per user, for a spreadsheet or a ticket; proposed next to the journal. */
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
  const { latest, groupLines, numbers } = await readJournal(journal);
  await writeFile(
    uri.fsPath,
    withNumberRows(withGroupRows(resultsCsv(latest.values()), groupLines), numbers?.values()),
    'utf8',
  );
  const n = latest.size;
  void vscode.window.showInformationMessage(
    singular(n)
      ? vscode.l10n.t('Exported {0} result to {1}.', count(n), uri.fsPath)
      : vscode.l10n.t('Exported {0} results to {1}.', count(n), uri.fsPath),
  );
  return uri;
}
