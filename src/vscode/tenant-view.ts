import * as vscode from 'vscode';
import { productNameFor, type Catalog } from '../core/catalog/catalog';
import { acceptsNewAssignments, seatsLacking } from '../core/tenant/seat-arithmetic';
import type { TenantSku } from '../core/tenant/tenant-skus';
import type { TenantSkusState } from '../core/tenant/tenant-state';
import { uiLocale } from './convert';
import type { TenantManager } from './tenant-manager';

type Node = { kind: 'sku'; sku: TenantSku } | { kind: 'plan'; name: string; id: string; status?: string };

/**
 * The Explorer's "Licenses" view: the tenant's SKUs with product name and seats, service plans as
 * children. It renders the tenant state (TenantManager.skus); it never reads Graph itself.
 */
export class TenantView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly tenants: TenantManager,
    private readonly catalog: () => Catalog,
  ) {
    this.subscription = tenants.skus.onDidChange((state) => this.render(state));
  }

  /** Reads /subscribedSkus again (Refresh Tenant Licenses); answers the SKUs shown, by part number. */
  async refresh(): Promise<readonly TenantSku[]> {
    await this.tenants.skus.refresh();
    return this.tenants.skus.current()?.sorted ?? [];
  }

  private render(state: TenantSkusState): void {
    // Offline or not allowed: the catalog-only validation keeps working; say why the view is empty.
    if (state.kind === 'unreadable') {
      void vscode.window.showWarningMessage(vscode.l10n.t('Could not read the tenant\'s licenses: {0}', [state.error.message, state.error.hint].filter(Boolean).join(' ')));
    }
    this.changed.fire();
  }

  getChildren(node?: Node): Node[] {
    if (!node) return (this.tenants.skus.current()?.sorted ?? []).map((sku) => ({ kind: 'sku', sku }));
    if (node.kind === 'sku') return node.sku.plans.map((p) => ({ kind: 'plan', name: p.servicePlanName, id: p.servicePlanId, status: p.provisioningStatus }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'plan') {
      const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.None);
      item.description = this.catalog().planById(node.id)?.friendlyName;
      item.tooltip = `${node.name}\n${node.id}${node.status ? `\n${node.status}` : ''}`;
      item.contextValue = 'plan';
      return item;
    }
    const s = node.sku;
    const known = this.catalog().skuById(s.skuId);
    const item = new vscode.TreeItem(s.partNumber, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = vscode.l10n.t('{0} · {1}/{2} used', known ? productNameFor(known, uiLocale()) : '', s.seatsUsed, s.seatsTotal);
    item.tooltip = new vscode.MarkdownString([`**${known?.productName ?? s.partNumber}**`, `\`${s.partNumber}\` · \`${s.skuId}\``, ...seatLines(s)].join('\n\n'));
    // The same arithmetic as the seat check: could one more user get it now?
    item.iconPath = new vscode.ThemeIcon(seatsLacking(s, 1) > 0 ? 'warning' : 'package');
    item.contextValue = 'sku';
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function seatLines(s: TenantSku): string[] {
  const lines = [
    !acceptsNewAssignments(s) ? vscode.l10n.t('Subscription {0}: no new assignments', s.capabilityStatus)
    : s.seatsLeft < 0 ? vscode.l10n.t('{0} assigned of {1} seats: {2} must be freed before any new assignment', s.seatsUsed, s.seatsTotal, -s.seatsLeft)
    : vscode.l10n.t('{0} seats left of {1}', s.seatsLeft, s.seatsTotal),
  ];
  if (s.seatsWarning || s.seatsSuspended || s.seatsLockedOut) {
    lines.push(vscode.l10n.t('Not assignable: {0} in warning (expired), {1} suspended, {2} locked out', s.seatsWarning, s.seatsSuspended, s.seatsLockedOut));
  }
  return lines;
}

export function copyPartNumber(node: Node | undefined): Thenable<void> | undefined {
  return node?.kind === 'sku' ? vscode.env.clipboard.writeText(node.sku.partNumber) : undefined;
}

/** Inserts the part number at the cursor of the active `.licenses` editor. */
export async function insertSku(node: Node | undefined): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (node?.kind !== 'sku' || !editor) return;
  await editor.edit((b) => b.insert(editor.selection.active, node.sku.partNumber));
}
