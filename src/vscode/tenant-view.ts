import * as vscode from 'vscode';
import { productNameFor, type Catalog } from '../core/catalog/catalog';
import type { SubscribedSku } from '../core/graph/resources';
import type { TenantSkuSeats } from '../core/rules/tenant-rules';
import { uiLocale } from './convert';
import { connectionFor } from './engine-connection';
import type { TenantManager } from './tenant-manager';

type Node = { kind: 'sku'; sku: SubscribedSku } | { kind: 'plan'; name: string; id: string; status?: string };

/**
 * The Explorer's "Licenses" view: the tenant's SKUs with product name and seats, service plans as
 * children. Loading it also feeds tenant-aware validation (sku-not-in-tenant, not-enough-seats).
 */
export class TenantView implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private skus: readonly SubscribedSku[] = [];

  constructor(
    private readonly tenants: TenantManager,
    private readonly catalog: () => Catalog,
    private readonly onSkus: (seats: readonly TenantSkuSeats[] | undefined) => void,
  ) {}

  /** Reads /subscribedSkus again: after sign-in, after each Apply or Retry, and on demand. */
  async refresh(): Promise<readonly SubscribedSku[]> {
    const session = this.tenants.session;
    if (!session) {
      this.skus = [];
      this.onSkus(undefined);
    } else {
      try {
        const connection = await connectionFor(session);
        const body = (await connection.client.api('/subscribedSkus').get()) as { value: SubscribedSku[] };
        // Signed in elsewhere meanwhile: a newer refresh owns the view.
        if (this.tenants.session !== session) return this.skus;
        this.skus = [...body.value].sort((a, b) => a.skuPartNumber.localeCompare(b.skuPartNumber));
        this.onSkus(
          this.skus.map((s) => ({ skuId: s.skuId.toLowerCase(), partNumber: s.skuPartNumber, seatsLeft: s.prepaidUnits.enabled - s.consumedUnits, seatsTotal: s.prepaidUnits.enabled })),
        );
      } catch (e) {
        if (this.tenants.session !== session) return this.skus; // an answer for a session since replaced
        // Offline: the catalog-only validation keeps working; say why the view is empty.
        this.skus = [];
        this.onSkus(undefined);
        void vscode.window.showWarningMessage(vscode.l10n.t('Could not read the tenant\'s licenses: {0}', (e as Error).message));
      }
    }
    this.changed.fire();
    return this.skus;
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.skus.map((sku) => ({ kind: 'sku', sku }));
    if (node.kind === 'sku') return node.sku.servicePlans.map((p) => ({ kind: 'plan', name: p.servicePlanName, id: p.servicePlanId, status: p.provisioningStatus }));
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
    const item = new vscode.TreeItem(s.skuPartNumber, vscode.TreeItemCollapsibleState.Collapsed);
    const left = s.prepaidUnits.enabled - s.consumedUnits;
    item.description = vscode.l10n.t('{0} · {1}/{2} used', known ? productNameFor(known, uiLocale()) : '', s.consumedUnits, s.prepaidUnits.enabled);
    item.tooltip = new vscode.MarkdownString(`**${known?.productName ?? s.skuPartNumber}**\n\n\`${s.skuPartNumber}\` · \`${s.skuId}\`\n\n${vscode.l10n.t('{0} seats left of {1}', left, s.prepaidUnits.enabled)}`);
    item.iconPath = new vscode.ThemeIcon(left <= 0 ? 'warning' : 'package');
    item.contextValue = 'sku';
    return item;
  }
}

export function copyPartNumber(node: Node | undefined): Thenable<void> | undefined {
  return node?.kind === 'sku' ? vscode.env.clipboard.writeText(node.sku.skuPartNumber) : undefined;
}

/** Inserts the part number at the cursor of the active `.licenses` editor. */
export async function insertSku(node: Node | undefined): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (node?.kind !== 'sku' || !editor) return;
  await editor.edit((b) => b.insert(editor.selection.active, node.sku.skuPartNumber));
}
