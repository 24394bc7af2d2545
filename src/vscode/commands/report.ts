import * as vscode from 'vscode';
import type { ReclaimKind, TenantReport } from '../../core/inventory';
import { plural } from '../../core/text/translate';
import type { TenantSkus } from '../../core/tenant/tenant-skus';
import { connectionFor } from '../engine-connection';
import { engineBundle } from '../engine-bundle-loader';
import { tenantReportView } from '../../core/report/tenant-report-view';
import { uiTranslate } from '../translator';
import { PagePanels } from '../webviews/page-panels';
import { uiWords } from '../words';
import type { CommandContext } from './context';

export interface ReportCommandOptions {
  /** Days without sign-in that count as inactive; default 90. */
  readonly days?: number;
}

export interface OpenedReport {
  readonly report: TenantReport;
  readonly panel: vscode.WebviewPanel;
  /** What a "Create a file…" button does; for tests. */
  reclaim(kind: ReclaimKind): Promise<vscode.TextDocument | undefined>;
}

/** The webview type of report panels (tests find the tab by it). */
const REPORT_VIEW_TYPE = 'licenses.report';

/** One report panel per tenant: reading the report again refreshes it. */
export class ReportPanels extends PagePanels {
  constructor() {
    super(REPORT_VIEW_TYPE, vscode.ViewColumn.Active);
  }
}

/**
 * "Licenses: Tenant License Report": seats per SKU and what can be reclaimed, in a webview with
 * sortable tables and a chart of seats. Each finding's button opens the `.licenses` file that removes
 * exactly those licenses, unsaved, and its preview: nothing is applied until the admin applies it.
 */
export async function tenantReportCommand(
  ctx: CommandContext,
  panels: ReportPanels,
  options: ReportCommandOptions = {},
): Promise<OpenedReport | undefined> {
  const session = await ctx.tenants.require();
  if (!session) return undefined;
  const t = uiTranslate();
  const connection = await connectionFor(session);
  const engine = engineBundle();
  const outcome = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Reading licenses from {0}…', session.label),
      cancellable: true,
    },
    (progress, token) =>
      engine.readTenantReport(connection, {
        tenantLabel: session.label,
        ...(options.days ? { days: options.days } : {}),
        cancellation: token,
        t,
        onProgress: (n) => progress.report({ message: plural(t, n, '{0} user read', '{0} users read') }),
      }),
  );
  if (outcome.kind === 'cancelled') return undefined;
  if (outcome.kind === 'tenant-error')
    throw new Error(
      `[${outcome.error.code}] ${outcome.error.message}${outcome.error.hint ? ` ${outcome.error.hint}` : ''}`,
    );
  const { report, skus } = outcome;
  const reclaim = (kind: ReclaimKind) => openReclaimFile(report, skus, kind);
  const panel = panels.show(report.tenant, tenantReportView(report, uiWords()), (action) => {
    if (action === 'reclaim-redundant') return reclaim('redundant');
    if (action === 'reclaim-disabled') return reclaim('disabled');
    if (action === 'reclaim-inactive') return reclaim('inactive');
    return undefined;
  });
  return { report, panel, reclaim };
}

/** The removal file for one finding, as an unsaved `.licenses` document, and its preview. */
async function openReclaimFile(
  report: TenantReport,
  skus: TenantSkus,
  kind: ReclaimKind,
): Promise<vscode.TextDocument | undefined> {
  const text = engineBundle().reclaimFile(report, kind, skus);
  if (text === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to reclaim here.'));
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'licenses', content: text });
  await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.Beside });
  await vscode.commands.executeCommand('licenses.preview', document.uri);
  return document;
}
