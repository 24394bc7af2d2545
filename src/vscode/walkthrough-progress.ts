import * as vscode from 'vscode';
import { LANGUAGE_ID } from './convert';

/**
 * Context key the walkthrough's "Create a .licenses file" step completes on (package.json
 * `onContext:`): true once a `.licenses` file exists, i.e. one is saved or opened from disk (or a
 * repository). Running New License File alone opens an untitled document, which does not count.
 */
const LICENSES_FILE_MADE = 'licenses.fileMade';

export function trackLicensesFileMade(): vscode.Disposable {
  const made = (d: vscode.TextDocument) => d.languageId === LANGUAGE_ID && !d.isUntitled;
  let marked = false;
  const mark = (d: vscode.TextDocument) => {
    if (marked || !made(d)) return;
    marked = true;
    void vscode.commands.executeCommand('setContext', LICENSES_FILE_MADE, true);
  };
  vscode.workspace.textDocuments.forEach(mark);
  return vscode.Disposable.from(
    vscode.workspace.onDidSaveTextDocument(mark),
    vscode.workspace.onDidOpenTextDocument(mark),
  );
}
