import * as vscode from 'vscode';
import { Catalog } from './core/catalog/catalog';
import { AnalysisCache } from './vscode/analysis-cache';
import { DiagnosticsController } from './vscode/diagnostics';
import { registerLanguageFeatures } from './vscode/language-features';
import { TenantFindings } from './vscode/tenant-findings';

/** Registrations only: nothing here reads the tenant, signs in or validates (activation stays under 50 ms). */
export function activate(context: vscode.ExtensionContext): void {
  const catalog = () => Catalog.builtIn(); // built on first use, not at activation
  const cache = new AnalysisCache(catalog);
  const tenantFindings = new TenantFindings(catalog);
  context.subscriptions.push(
    tenantFindings,
    new DiagnosticsController(cache, tenantFindings),
    ...registerLanguageFeatures(catalog, cache, tenantFindings),
  );
}

export function deactivate(): void {}
