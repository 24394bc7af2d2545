import * as vscode from 'vscode';
import { ruleDocLink } from '../core/editor/rule-docs';
import type { AnalysisCache } from './analysis-cache';
import { DIAGNOSTIC_SOURCE, LANGUAGE_ID, toRange, toSeverity } from './convert';
import type { TenantFindings } from './tenant-findings';

/** Keeps the Problems panel in step with every open `.licenses` document, without blocking typing. */
export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly cache: AnalysisCache,
    private readonly tenant: TenantFindings,
    private readonly delayMs = 150,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, this.delayMs)),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d)),
      tenant.onDidChange(() => this.refreshAll()),
    );
    // Documents already open when the extension activated (activation itself stays instant).
    setTimeout(() => this.refreshAll(), 0);
  }

  refreshAll(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (document.languageId !== LANGUAGE_ID) return;
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        if (!document.isClosed) this.update(document);
      }, delay),
    );
  }

  private update(document: vscode.TextDocument): void {
    const analysis = this.cache.get(document);
    const diagnostics = [...analysis.findings, ...this.tenant.findingsFor(analysis)].map((f) => {
      const d = new vscode.Diagnostic(toRange(f.range), f.message, toSeverity(f.severity));
      // The code opens its explanation in docs/rules.md from the Problems panel and the hover.
      d.code = { value: f.code, target: vscode.Uri.parse(ruleDocLink(f.code)) };
      d.source = DIAGNOSTIC_SOURCE;
      return d;
    });
    this.collection.set(document.uri, diagnostics);
  }

  private clear(document: vscode.TextDocument): void {
    clearTimeout(this.pending.get(document.uri.toString()));
    this.collection.delete(document.uri);
    this.cache.forget(document);
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    this.collection.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
