import * as vscode from 'vscode';
import type { Range } from '../core/format';
import type { Severity } from '../core/rules/codes';

export const LANGUAGE_ID = 'licenses';
export const DIAGNOSTIC_SOURCE = 'licenses';

export const toRange = (r: Range): vscode.Range =>
  new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

export function toSeverity(s: Severity): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    default:
      return vscode.DiagnosticSeverity.Information;
  }
}

/** The UI language, for product names in French. */
export const uiLocale = (): string => vscode.env.language;
