import * as vscode from 'vscode';
import { requestedAction, type PageActionId, type ReportView } from '../../core/report/report-view';
import { makeNonce, pageHtml } from './page-html';

/** What a page's button does: the extension runs one of its own commands. */
export type PageActionHandler = (action: PageActionId) => unknown;

interface Page {
  readonly panel: vscode.WebviewPanel;
  view: ReportView;
  onAction?: PageActionHandler;
}

/**
 * The one panel manager of every page (the preview, the results, the tenant report): one panel
 * per subject (a file, a journal, a tenant), shown again and refreshed rather than stacked.
 * Nothing is loaded from disk or the network (`localResourceRoots: []` and the page's CSP); a
 * page's message runs an action only if the page shows that button enabled (requestedAction).
 */
export class PagePanels implements vscode.Disposable {
  private readonly pages = new Map<string, Page>();

  constructor(
    private readonly viewType: string,
    private readonly column: vscode.ViewColumn = vscode.ViewColumn.Beside,
  ) {}

  show(subject: string, view: ReportView, onAction?: PageActionHandler): vscode.WebviewPanel {
    let page = this.pages.get(subject);
    if (page) page.panel.reveal(undefined, true);
    else {
      const panel = vscode.window.createWebviewPanel(
        this.viewType,
        view.title,
        { viewColumn: this.column, preserveFocus: this.column === vscode.ViewColumn.Beside },
        { enableScripts: true, enableFindWidget: true, localResourceRoots: [] },
      );
      const created: Page = { panel, view };
      page = created;
      this.pages.set(subject, created);
      panel.webview.onDidReceiveMessage((message: unknown) => {
        const action = requestedAction(message, created.view);
        if (action) void created.onAction?.(action);
      });
      panel.onDidDispose(() => this.pages.get(subject) === created && this.pages.delete(subject));
    }
    page.onAction = onAction;
    this.render(page, view);
    return page.panel;
  }

  /** Every open page, changed by `change` (the preview marked stale after a run). */
  updateAll(change: (view: ReportView) => ReportView): void {
    for (const page of this.pages.values()) this.render(page, change(page.view));
  }

  private render(page: Page, view: ReportView): void {
    page.view = view;
    page.panel.title = view.title;
    page.panel.webview.html = pageHtml(view, {
      nonce: makeNonce(),
      lang: vscode.env.language,
      labels: {
        filter: vscode.l10n.t('Filter users'),
        matching: vscode.l10n.t('{0} of {1} users shown'),
        noMatch: vscode.l10n.t('No user matches the filter.'),
      },
    });
  }

  dispose(): void {
    for (const page of this.pages.values()) page.panel.dispose();
    this.pages.clear();
  }
}
