import * as vscode from 'vscode';
import { Catalog } from './core/catalog/catalog';
import { AnalysisCache } from './vscode/analysis-cache';
import type { DemoOptions } from './vscode/auth/demo-session';
import { applyCommand, retryFailedCommand, type ApplyCommandOptions } from './vscode/commands/apply';
import { undoLastRunCommand } from './vscode/commands/undo';
import { reprocessCommand, type ReprocessCommandOptions } from './vscode/commands/reprocess';
import { followGroupsCommand } from './vscode/commands/follow-groups';
import { tenantGroupsFor } from './vscode/tenant-groups';
import { tenantNumbersFor } from './vscode/tenant-numbers';
import { RunningRuns, type CommandContext } from './vscode/commands/context';
import { exportTenantCommand, type ExportCommandOptions } from './vscode/commands/export';
import { newFileCommand } from './vscode/commands/new-file';
import { ReportPanels, tenantReportCommand, type ReportCommandOptions } from './vscode/commands/report';
import { PreviewPanels, previewCommand } from './vscode/commands/preview';
import { exportCsvCommand, openLastResultsCommand, ResultsPanels } from './vscode/commands/results';
import { setUpAppCommand } from './vscode/commands/set-up-app';
import { DiagnosticsController } from './vscode/diagnostics';
import { registerLanguageFeatures } from './vscode/language-features';
import { disposeOutput, output } from './vscode/output';
import { createStatusBar } from './vscode/status-bar';
import { TenantFindings } from './vscode/tenant-findings';
import { SET_UP_APP_COMMAND, signInTestOptions, TenantManager } from './vscode/tenant-manager';
import {
  copyPartNumber,
  copyTenantId,
  insertSku,
  SHOW_CUSTOMERS_COMMAND,
  showCustomerTenants,
  TENANT_VIEW,
  TenantView,
} from './vscode/tenant-view';
import { trackLicensesFileMade } from './vscode/walkthrough-progress';

/** Set by the bundle's first and last lines (scripts/build.mjs): when evaluating this module began and ended. */
declare const __bundleLoadStart: number | undefined;
declare let __bundleLoadEnd: number | undefined;

/** What activate() returns: how long loading and activating took, as the host tests and the bench report it. */
export interface ExtensionApi {
  /** Ours: evaluating the bundle plus running activate(). */
  readonly activationMs: number;
  readonly loadMs: number;
  readonly activateMs: number;
  /** VS Code's own work between loading the module and calling activate() (creating the context). */
  readonly hostWaitMs: number;
  /** The extension's global storage (inside VS Code's user data): the token test searches that tree. */
  readonly globalStoragePath: string;
}

/** Registrations only: nothing here reads the tenant, signs in or validates (activation stays under 50 ms). */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const activateStart = performance.now();
  const loadStart = typeof __bundleLoadStart === 'number' ? __bundleLoadStart : activateStart;
  const loadEnd = typeof __bundleLoadEnd === 'number' ? __bundleLoadEnd : activateStart;
  const catalog = () => Catalog.builtIn(); // built on first use, not at activation
  const cache = new AnalysisCache(catalog);
  const tenants = new TenantManager(context.secrets);
  const groups = tenantGroupsFor(tenants);
  const numbers = tenantNumbersFor(tenants);
  const tenantFindings = new TenantFindings(catalog, tenants.skus, groups.state, numbers.state, tenants);
  const tenantView = new TenantView(tenants, catalog);
  const previews = new PreviewPanels();
  const resultsPanels = new ResultsPanels();
  const reportPanels = new ReportPanels();
  const runs = new RunningRuns(
    (running) => void vscode.commands.executeCommand('setContext', 'licenses.running', running),
  );
  const ctx: CommandContext = {
    tenants,
    catalog,
    storageUri: context.globalStorageUri,
    state: context.globalState,
    workspaceState: context.workspaceState,
    runs,
  };

  // Seats changed: the tenant state is read again (view, seat warnings, completions follow).
  const afterRun = async <T>(run: Promise<T>): Promise<T> => {
    const result = await run;
    if (tenants.session) void tenants.skus.refresh();
    // What the open previews say was read before this run: they say so until refreshed.
    if (result) previews.markStale();
    return result;
  };
  // VS Code hands command arguments over untyped; each command declares what it accepts.
  const command = <A extends unknown[]>(id: string, run: (...args: A) => unknown) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await run(...(args as A));
      } catch (e) {
        // Errors become messages that say what to do; the output channel keeps the detail.
        const message = (e as Error)?.message ?? String(e);
        output().error(`${id}: ${message}`);
        if ((e as Error)?.name !== 'SignInCancelled')
          void vscode.window.showErrorMessage(vscode.l10n.t('Licenses: {0}', message));
        return undefined;
      }
    });

  context.subscriptions.push(
    cache,
    tenantFindings,
    tenantView,
    groups,
    numbers,
    tenants,
    new DiagnosticsController(cache, tenantFindings),
    ...registerLanguageFeatures(catalog, cache, tenantFindings),
    createStatusBar(tenants),
    vscode.window.registerTreeDataProvider(TENANT_VIEW, tenantView),
    trackLicensesFileMade(),
    previews,
    resultsPanels,
    reportPanels,
    command('licenses.newFile', () => newFileCommand()),
    command('licenses.preview', (uri?: unknown) => previewCommand(ctx, previews, uri)),
    command('licenses.apply', (uri?: unknown, options?: ApplyCommandOptions) =>
      afterRun(applyCommand(ctx, uri, options)),
    ),
    command('licenses.retryFailed', (options?: ApplyCommandOptions) => afterRun(retryFailedCommand(ctx, options))),
    command('licenses.reprocessMembers', (options?: ReprocessCommandOptions) =>
      afterRun(reprocessCommand(ctx, options)),
    ),
    command('licenses.followGroupProcessing', () => followGroupsCommand(ctx)),
    command('licenses.cancelRun', () => runs.cancelAll()),
    command('licenses.openLastResults', () => openLastResultsCommand(ctx, resultsPanels)),
    command('licenses.exportCsv', (target?: vscode.Uri) => exportCsvCommand(ctx, target)),
    command('licenses.undoLastRun', (journal?: unknown) => undoLastRunCommand(ctx, journal)),
    command('licenses.exportTenant', (options?: ExportCommandOptions) =>
      exportTenantCommand(ctx, options && typeof options === 'object' ? options : {}),
    ),
    command('licenses.tenantReport', (options?: ReportCommandOptions) =>
      tenantReportCommand(ctx, reportPanels, options && typeof options === 'object' ? options : {}),
    ),
    command(
      'licenses.signIn',
      async (options?: unknown) => (await tenants.signIn(undefined, signInTestOptions(options)))?.label,
    ),
    command('licenses.signOut', () => tenants.signOut()),
    command(SET_UP_APP_COMMAND, () => setUpAppCommand()),
    command(
      'licenses.useDemoTenant',
      async (options?: DemoOptions) =>
        (await tenants.useDemo(options && typeof options === 'object' ? options : undefined)).label,
    ),
    command('licenses.refreshTenant', () => tenantView.refresh()),
    command('licenses.copyPartNumber', copyPartNumber),
    command('licenses.copyTenantId', copyTenantId),
    command(SHOW_CUSTOMERS_COMMAND, () => showCustomerTenants(tenants)),
    command('licenses.insertSku', insertSku),
    { dispose: disposeOutput },
  );
  const activateMs = performance.now() - activateStart;
  const loadMs = loadEnd - loadStart;
  return {
    activationMs: loadMs + activateMs,
    loadMs,
    activateMs,
    hostWaitMs: activateStart - loadEnd,
    globalStoragePath: context.globalStorageUri.fsPath,
  };
}

export function deactivate(): void {}
