import * as vscode from 'vscode';
import type { Catalog } from '../../core/catalog/catalog';
import { parseLicensesFile } from '../../core/format';
import { desiredUsers } from '../../core/desired/desired-users';
import { desiredGroups, type DesiredGroup } from '../../core/desired/desired-groups';
import { validate } from '../../core/rules';
import type { DesiredUser } from '../../core/desired/desired';
import { LANGUAGE_ID } from '../convert';
import { count, singular } from '../words';
import { uiTranslate } from '../translator';

export interface FileInput {
  readonly document: vscode.TextDocument;
  readonly desired: DesiredUser[];
  /** The file's `group` target lines. */
  readonly groups: DesiredGroup[];
  /** No directives at all: the seed script's plain UPN list, SKUs chosen at run time. */
  readonly plainList: boolean;
  /** The tenant the file's `tenant` line names (id or domain); absent: the signed-in tenant. */
  readonly tenant?: string;
}

/** The `.licenses` document a command acts on: the URI it was given (menus), else the active editor. */
export async function documentFor(uri: unknown): Promise<vscode.TextDocument | undefined> {
  if (uri instanceof vscode.Uri) return vscode.workspace.openTextDocument(uri);
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === LANGUAGE_ID) return active;
  void vscode.window.showErrorMessage(
    vscode.l10n.t('Open a .licenses file first (or run the command from its context menu).'),
  );
  return undefined;
}

/** Reads the file, refusing one with errors: the Problems panel says what to fix. */
export function readInput(document: vscode.TextDocument, catalog: Catalog): FileInput | undefined {
  const parsed = parseLicensesFile(document.getText());
  const errors = validate(parsed, catalog, uiTranslate()).filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0];
    const file = vscode.workspace.asRelativePath(document.uri);
    const line = first.range.start.line + 1;
    void vscode.window.showErrorMessage(
      singular(errors.length)
        ? vscode.l10n.t(
            '{0} has {1} error; fix it first. Line {2}: {3}',
            file,
            count(errors.length),
            line,
            first.message,
          )
        : vscode.l10n.t(
            '{0} has {1} errors; fix them first. Line {2}: {3}',
            file,
            count(errors.length),
            line,
            first.message,
          ),
    );
    void vscode.commands.executeCommand('workbench.actions.view.problems');
    return undefined;
  }
  const desired = desiredUsers(parsed, catalog);
  const groups = desiredGroups(parsed, catalog);
  if (desired.length === 0 && groups.length === 0) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('{0} lists no users.', vscode.workspace.asRelativePath(document.uri)),
    );
    return undefined;
  }
  const tenant = parsed.tenant?.words[0]?.text;
  return { document, desired, groups, plainList: !parsed.hasDirectives, ...(tenant ? { tenant } : {}) };
}
