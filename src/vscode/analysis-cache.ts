import type * as vscode from 'vscode';
import type { Catalog } from '../core/catalog/catalog';
import { parseLicensesFile, validate, type Finding, type ParsedFile } from '../core/format';

export interface Analysis {
  readonly version: number;
  readonly parsed: ParsedFile;
  readonly findings: readonly Finding[];
}

/**
 * One parse + validation per document version, shared by diagnostics, quick fixes and the
 * commands: typing in a 50,000-user file must not validate it three times.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, Analysis>();

  constructor(private readonly catalog: () => Catalog) {}

  get(document: vscode.TextDocument): Analysis {
    const key = document.uri.toString();
    const hit = this.entries.get(key);
    if (hit && hit.version === document.version) return hit;
    const parsed = parseLicensesFile(document.getText());
    const analysis = { version: document.version, parsed, findings: validate(parsed, this.catalog()) };
    this.entries.set(key, analysis);
    return analysis;
  }

  forget(document: vscode.TextDocument): void {
    this.entries.delete(document.uri.toString());
  }
}
