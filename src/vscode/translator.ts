import * as vscode from 'vscode';
import { withLocale, type Translate } from '../core/text/translate';

let cached: Translate | undefined;

/**
 * The core's translator in the extension: `vscode.l10n.t` (this extension's bundle for VS Code's
 * display language), with that language attached so counts are written the way it writes them.
 * The display language is fixed for a window's life, so one translator serves it.
 */
export function uiTranslate(): Translate {
  return (cached ??= withLocale((message, ...args) => vscode.l10n.t(message, ...args), vscode.env.language));
}
