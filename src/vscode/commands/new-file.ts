import * as vscode from 'vscode';
import { newFileText, SCENARIO_TEMPLATES, type ScenarioTemplate } from '../../core/editor/scenario-templates';
import { LANGUAGE_ID } from '../convert';

interface Pick extends vscode.QuickPickItem {
  readonly template: ScenarioTemplate;
}

/**
 * The scenarios offered by New License File, in the UI language. Their text comes from core's
 * scenario templates (shared with the snippets); the English strings are the l10n keys
 * (test/unit/scenario-templates.test.ts checks that the French bundle has each).
 */
function picks(): Pick[] {
  return SCENARIO_TEMPLATES.flatMap((template) =>
    template.newFile ? [{ label: vscode.l10n.t(template.newFile.label), detail: vscode.l10n.t(template.newFile.detail), template }] : [],
  );
}

/** "New License File": an untitled `.licenses` document from a scenario. */
export async function newFileCommand(): Promise<vscode.TextDocument | undefined> {
  const picked = await vscode.window.showQuickPick(picks(), { title: vscode.l10n.t('New License File'), placeHolder: vscode.l10n.t('Start from a scenario') });
  if (!picked) return undefined;
  const content = newFileText(picked.template, vscode.l10n.t(picked.template.comment));
  const document = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content });
  await vscode.window.showTextDocument(document);
  return document;
}
