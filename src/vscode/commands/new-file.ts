import * as vscode from 'vscode';
import { placeholderRange, proposedFileName } from '../../core/editor/new-file-name';
import {
  EXAMPLE_USER,
  newFileText,
  SCENARIO_TEMPLATES,
  type ScenarioTemplate,
} from '../../core/editor/scenario-templates';
import { LANGUAGE_ID } from '../convert';

interface Pick extends vscode.QuickPickItem {
  readonly template: ScenarioTemplate;
  /** The English label: file names do not change with the UI language. */
  readonly name: string;
}

/**
 * The scenarios offered by New License File, in the UI language. Their text comes from core's
 * scenario templates (shared with the snippets); the English strings are the l10n keys
 * (test/unit/editor/scenario-templates.test.ts checks that the French bundle has each).
 */
function picks(): Pick[] {
  return SCENARIO_TEMPLATES.flatMap((template) =>
    template.newFile
      ? [
          {
            label: vscode.l10n.t(template.newFile.label),
            detail: vscode.l10n.t(template.newFile.detail),
            template,
            name: template.newFile.label,
          },
        ]
      : [],
  );
}

/**
 * An untitled document named `name` in the first workspace folder: an untitled URI with a path is
 * VS Code's way to name a new file, and Save then writes it there (without a folder there is no
 * place to propose, and VS Code names it from its first line).
 */
async function untitledUri(label: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) return undefined;
  const taken = new Set<string>();
  try {
    for (const [entry] of await vscode.workspace.fs.readDirectory(folder)) taken.add(entry.toLowerCase());
  } catch {
    // Unreadable: VS Code itself refuses an untitled name over an existing file, so nothing is overwritten.
  }
  // A second New License File must open a second document, not the first one again.
  for (const d of vscode.workspace.textDocuments)
    if (d.isUntitled) taken.add(d.uri.path.split('/').pop()!.toLowerCase());
  return vscode.Uri.joinPath(folder, proposedFileName(label, taken)).with({ scheme: 'untitled' });
}

async function openUntitled(label: string, content: string): Promise<vscode.TextEditor> {
  const uri = await untitledUri(label);
  if (!uri)
    return vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content }));
  let document = await vscode.workspace.openTextDocument(uri);
  if (document.languageId !== LANGUAGE_ID)
    document = await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
  const editor = await vscode.window.showTextDocument(document);
  await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), content));
  return editor;
}

/** "New License File": an untitled `.licenses` document from a scenario, the example user selected. */
export async function newFileCommand(): Promise<vscode.TextDocument | undefined> {
  const picked = await vscode.window.showQuickPick(picks(), {
    title: vscode.l10n.t('New License File'),
    placeHolder: vscode.l10n.t('Start from a scenario'),
  });
  if (!picked) return undefined;
  const content = newFileText(picked.template, vscode.l10n.t(picked.template.comment));
  const editor = await openUntitled(picked.name, content);
  const user = placeholderRange(content, EXAMPLE_USER);
  if (user) {
    editor.selection = new vscode.Selection(user.line, user.start, user.line, user.end);
    editor.revealRange(editor.selection);
  }
  return editor.document;
}
