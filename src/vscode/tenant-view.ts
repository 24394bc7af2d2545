import * as vscode from 'vscode';
import { productNameFor, type Catalog } from '../core/catalog/catalog';
import { acceptsNewAssignments, seatsLacking } from '../core/tenant/seat-arithmetic';
import type { ServicePlanInfo } from '../core/graph/resources';
import type { Translate } from '../core/text/translate';
import type { TenantSku } from '../core/tenant/tenant-skus';
import type { TenantSkusState } from '../core/tenant/tenant-state';
import { planRow, skuRow, sortedPlans, type ViewRow } from '../core/tenant/view-rows';
import type { CustomerTenant } from '../core/partner/relationship-health';
import { customerRow, customersRow, customersToAskRow, showCustomersRow } from '../core/partner/customer-rows';
import { uiLocale } from './convert';
import type { TenantManager } from './tenant-manager';

type Node =
  | { kind: 'sku'; sku: TenantSku }
  | { kind: 'plan'; plan: ServicePlanInfo }
  /**
   * "Customer tenants": shown when the signed-in tenant is a partner with GDAP relationships, or when its session may
   * ask to read them (`ask`: its one child is "Show customer tenants…").
   */
  | { kind: 'customers'; tenants: readonly CustomerTenant[]; ask?: boolean }
  | { kind: 'customer'; tenant: CustomerTenant }
  | { kind: 'askCustomers' };

/** The command of "Show customer tenants…": asks for the partner's permissions, then lists the customer tenants. */
export const SHOW_CUSTOMERS_COMMAND = 'licenses.showCustomerTenants';

/** The view's id, in its own view container (package.json `viewsContainers.activitybar`). */
export const TENANT_VIEW = 'licenses.tenant';

/**
 * The "Licenses" view (its own activity bar entry, so it has room for its welcome buttons): the
 * tenant's SKUs with seats and product name, service plans as children, A to Z. It renders the
 * tenant state (TenantManager.skus); it never reads Graph itself.
 */
export class TenantView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };
  private readonly customerSubscription: { dispose(): void };

  constructor(
    private readonly tenants: TenantManager,
    private readonly catalog: () => Catalog,
  ) {
    this.subscription = tenants.skus.onDidChange((state) => this.render(state));
    this.customerSubscription = tenants.onDidChangeCustomers(() => this.changed.fire());
  }

  /**
   * Reads /subscribedSkus and the partner's relationships again (Refresh Tenant Licenses); answers the SKUs shown,
   * by part number.
   */
  async refresh(): Promise<readonly TenantSku[]> {
    await Promise.all([this.tenants.skus.refresh(), this.tenants.refreshCustomers()]);
    return this.tenants.skus.current()?.sorted ?? [];
  }

  private render(state: TenantSkusState): void {
    // Offline or not allowed: the catalog-only validation keeps working; say why the view is empty.
    if (state.kind === 'unreadable') {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          "Could not read the tenant's licenses: {0}",
          [state.error.message, state.error.hint].filter(Boolean).join(' '),
        ),
      );
    }
    this.changed.fire();
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const customers = this.tenants.customers();
      const skus: Node[] = (this.tenants.skus.current()?.sorted ?? []).map((sku) => ({ kind: 'sku', sku }));
      if (customers.length) return [{ kind: 'customers', tenants: customers }, ...skus];
      return this.tenants.mayAskForCustomers() ? [{ kind: 'customers', tenants: [], ask: true }, ...skus] : skus;
    }
    if (node.kind === 'sku') return sortedPlans(node.sku.plans).map((plan) => ({ kind: 'plan', plan }));
    if (node.kind === 'customers' && node.ask) return [{ kind: 'askCustomers' }];
    if (node.kind === 'customers') return node.tenants.map((tenant) => ({ kind: 'customer', tenant }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const t: Translate = (message, ...args) => vscode.l10n.t(message, ...args);
    if (node.kind === 'customers') return customersItem(node.tenants, t, node.ask);
    if (node.kind === 'customer') return customerItem(node.tenant, t);
    if (node.kind === 'askCustomers') {
      const item = treeItem(showCustomersRow(t), vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('unlock');
      item.command = { command: SHOW_CUSTOMERS_COMMAND, title: item.label as string };
      return item;
    }
    if (node.kind === 'plan') {
      const item = treeItem(
        planRow(node.plan, this.catalog().planById(node.plan.servicePlanId)?.friendlyName, t),
        vscode.TreeItemCollapsibleState.None,
      );
      item.contextValue = 'plan';
      return item;
    }
    const s = node.sku;
    const known = this.catalog().skuById(s.skuId);
    const row = skuRow(s, known && productNameFor(known, uiLocale()));
    const item = treeItem(
      { ...row, tooltip: [...row.tooltip, ...seatLines(s)] },
      vscode.TreeItemCollapsibleState.Collapsed,
    );
    // The same arithmetic as the seat check: could one more user get it now?
    item.iconPath = new vscode.ThemeIcon(seatsLacking(s, 1) > 0 ? 'warning' : 'package');
    item.contextValue = 'sku';
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.customerSubscription.dispose();
    this.changed.dispose();
  }
}

function customersItem(tenants: readonly CustomerTenant[], t: Translate, ask = false): vscode.TreeItem {
  const item = treeItem(
    ask ? customersToAskRow(t) : customersRow(tenants, t),
    vscode.TreeItemCollapsibleState.Collapsed,
  );
  item.iconPath = new vscode.ThemeIcon('organization');
  item.contextValue = 'customers';
  return item;
}

/** One customer tenant (core/partner/customer-rows.ts); its tenant text reaches the tooltip through appendText. */
function customerItem(c: CustomerTenant, t: Translate): vscode.TreeItem {
  const row = customerRow(c, Date.now(), t);
  const item = treeItem(row, vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon(row.flagged ? 'warning' : 'organization');
  item.contextValue = 'customerTenant';
  return item;
}

/**
 * "Show customer tenants…" (the view's item, or the command palette): the partner's consent asked, the relationships
 * read again; what came of it said when there is nothing to list. Answers the customers' display names (for tests).
 */
export async function showCustomerTenants(tenants: TenantManager): Promise<string[] | undefined> {
  const shown = await tenants.askForCustomers();
  if (!shown) return undefined;
  if (shown.why)
    void vscode.window.showWarningMessage(vscode.l10n.t('Could not read your customer tenants: {0}', shown.why));
  else if (shown.tenants.length === 0)
    void vscode.window.showInformationMessage(
      vscode.l10n.t('No customer tenants: this tenant has no GDAP relationships.'),
    );
  else await vscode.commands.executeCommand(`${TENANT_VIEW}.focus`);
  return shown.tenants.map((c) => c.displayName);
}

export function copyTenantId(node: Node | undefined): Thenable<void> | undefined {
  return node?.kind === 'customer' ? vscode.env.clipboard.writeText(node.tenant.tenantId) : undefined;
}

function treeItem(row: ViewRow, state: vscode.TreeItemCollapsibleState): vscode.TreeItem {
  const item = new vscode.TreeItem(row.label, state);
  item.description = row.description;
  const [title, ...rest] = row.tooltip;
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown('**').appendText(title).appendMarkdown('**');
  for (const line of rest) tooltip.appendMarkdown('\n\n').appendText(line);
  item.tooltip = tooltip;
  return item;
}

function seatLines(s: TenantSku): string[] {
  const lines = [
    !acceptsNewAssignments(s)
      ? vscode.l10n.t('Subscription {0}: no new assignments', s.capabilityStatus)
      : s.seatsLeft < 0
        ? vscode.l10n.t(
            '{0} assigned of {1} seats: {2} must be freed before any new assignment',
            s.seatsUsed,
            s.seatsTotal,
            -s.seatsLeft,
          )
        : vscode.l10n.t('{0} seats left of {1}', s.seatsLeft, s.seatsTotal),
  ];
  if (s.seatsWarning || s.seatsSuspended || s.seatsLockedOut) {
    lines.push(
      vscode.l10n.t(
        'Not assignable: {0} in warning (expired), {1} suspended, {2} locked out',
        s.seatsWarning,
        s.seatsSuspended,
        s.seatsLockedOut,
      ),
    );
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
