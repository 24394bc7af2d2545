import * as vscode from 'vscode';
import { Catalog } from './core/catalog/catalog';
import type { TenantSkusReader } from './core/tenant/tenant-state';
import { AnalysisCache } from './vscode/analysis-cache';
import { newFileCommand } from './vscode/commands/new-file';
import { DiagnosticsController } from './vscode/diagnostics';
import { registerLanguageFeatures } from './vscode/language-features';
import { TenantFindings } from './vscode/tenant-findings';
import { TENANT_VIEW } from './vscode/tenant-view';
import { trackLicensesFileMade } from './vscode/walkthrough-progress';

/**
 * The `browser` entry (dist/web-extension.js), for VS Code for the Web (vscode.dev, github.dev),
 * where admins review `.licenses` files in pull requests. There is no Node.js there: no loopback
 * demo tenant, no MSAL, no journal written with `fs`. So the file's own features run (validation,
 * completions, hovers, quick fixes, New License File) against the built-in catalog, and every
 * command that needs a tenant says where it works instead. A desktop or remote window runs `main`.
 */
export function activate(context: vscode.ExtensionContext): void {
  const catalog = () => Catalog.builtIn();
  const cache = new AnalysisCache(catalog);
  // No tenant in the browser: tenant-aware rules add nothing, the catalog-only ones still run.
  const noTenant: TenantSkusReader = {
    current: () => undefined,
    state: { kind: 'signed-out' },
    onDidChange: () => ({ dispose() {} }),
  };
  const tenantFindings = new TenantFindings(catalog, noTenant);
  const own = new Map<string, (...args: never[]) => unknown>([['licenses.newFile', () => newFileCommand()]]);
  void vscode.commands.executeCommand('setContext', 'licenses.web', true);

  context.subscriptions.push(
    cache,
    tenantFindings,
    new DiagnosticsController(cache, tenantFindings),
    ...registerLanguageFeatures(catalog, cache, tenantFindings),
    trackLicensesFileMade(),
    // Empty, so the view shows its browser welcome (package.json viewsWelcome, "licenses.web").
    vscode.window.registerTreeDataProvider<never>(TENANT_VIEW, { getChildren: () => [], getTreeItem: (item) => item }),
    ...contributedCommands(context).map((id) =>
      vscode.commands.registerCommand(id, own.get(id) ?? (() => needsDesktop(id, context))),
    ),
  );
}

/** Every command package.json contributes, so one added later cannot fail with "command not found" here. */
function contributedCommands(context: vscode.ExtensionContext): string[] {
  const commands =
    (context.extension.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes?.commands ??
    [];
  return commands.map((c) => c.command);
}

function needsDesktop(id: string, context: vscode.ExtensionContext): void {
  const title = (
    context.extension.packageJSON as { contributes?: { commands?: { command: string; title: string }[] } }
  ).contributes?.commands?.find((c) => c.command === id)?.title;
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      '"{0}" needs VS Code on the desktop or a remote window (Codespaces, SSH, WSL, a container): in the browser, .licenses files are checked, completed and fixed, but no tenant is read or written.',
      title && !title.startsWith('%') ? title : id,
    ),
  );
}

export function deactivate(): void {}
