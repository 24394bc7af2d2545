import * as vscode from 'vscode';
import type { ReportView } from '../../core/report/report-view';
import { reportHtml } from './report-html';

/**
 * Webview panels for reports (the preview, the last results): one per subject (a file, a journal),
 * shown again and refreshed rather than stacked. Scripts run only for the filter; nothing is
 * loaded from disk or the network (`localResourceRoots: []` and the page's CSP).
 */
export class ReportPanels implements vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();

  constructor(private readonly viewType: string) {}

  show(subject: string, view: ReportView): vscode.WebviewPanel {
    let panel = this.panels.get(subject);
    if (panel) panel.reveal(undefined, true);
    else {
      panel = vscode.window.createWebviewPanel(
        this.viewType,
        view.title,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, enableFindWidget: true, localResourceRoots: [] },
      );
      const created = panel;
      this.panels.set(subject, created);
      created.onDidDispose(() => this.panels.get(subject) === created && this.panels.delete(subject));
    }
    panel.title = view.title;
    panel.webview.html = reportHtml(view, {
      nonce: nonce(),
      lang: vscode.env.language,
      ...(view.at ? { localTime: new Date(view.at).toLocaleString(vscode.env.language) } : {}),
      labels: {
        filter: vscode.l10n.t('Filter users'),
        matching: vscode.l10n.t('{0} of {1} users shown'),
        noMatch: vscode.l10n.t('No user matches the filter.'),
      },
    });
    return panel;
  }

  dispose(): void {
    for (const panel of this.panels.values()) panel.dispose();
    this.panels.clear();
  }
}

function nonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
