import * as vscode from 'vscode';
import type { Words } from '../core/report/report-view';
import { formatCount, isSingular } from '../core/text/plural';
import { uiTranslate } from './translator';

/** The core's messages in VS Code's display language: its translator and its locale for numbers and plurals. */
export function uiWords(): Words {
  return { t: uiTranslate(), locale: vscode.env.language };
}

/** `1,700` / `1 700`, in VS Code's display language. */
export const count = (n: number): string => formatCount(n, vscode.env.language);

/** The display language's plural choice for `n`: callers pass both translated forms. */
export const singular = (n: number): boolean => isSingular(n, vscode.env.language);
