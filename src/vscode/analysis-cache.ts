import * as vscode from 'vscode';
import type { Catalog } from '../core/catalog/catalog';
import { IncrementalParser, type ParsedFile } from '../core/format';
import { validate, type Finding } from '../core/rules';
import { uiTranslate } from './translator';

export interface Analysis {
  readonly version: number;
  readonly parsed: ParsedFile;
  readonly findings: readonly Finding[];
}

interface Entry {
  readonly parser: IncrementalParser;
  version: number;
  analysis?: Analysis;
}

/**
 * One parse + validation per document version, shared by diagnostics, quick fixes and the
 * commands. Edits are applied to an incremental parser, so a keystroke in a 50,000-user file
 * re-reads one line instead of the whole text.
 */
export class AnalysisCache implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly catalog: () => Catalog) {
    this.subscription = vscode.workspace.onDidChangeTextDocument((e) => this.applyChanges(e));
  }

  get(document: vscode.TextDocument): Analysis {
    const key = document.uri.toString();
    let entry = this.entries.get(key);
    if (!entry || entry.version !== document.version) {
      entry = { parser: new IncrementalParser(document.getText()), version: document.version };
      this.entries.set(key, entry);
    }
    entry.analysis ??= {
      version: entry.version,
      parsed: entry.parser.parsed,
      findings: validate(entry.parser.parsed, this.catalog(), uiTranslate()),
    };
    return entry.analysis;
  }

  forget(document: vscode.TextDocument): void {
    this.entries.delete(document.uri.toString());
  }

  private applyChanges(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    const entry = this.entries.get(key);
    if (!entry || e.contentChanges.length === 0) return;
    try {
      for (const c of e.contentChanges) entry.parser.apply({ start: c.range.start, end: c.range.end, text: c.text });
      entry.version = e.document.version;
      entry.analysis = undefined;
    } catch {
      // Out of step (a change we did not see): the next get() reads the whole text again.
      this.entries.delete(key);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.entries.clear();
  }
}
