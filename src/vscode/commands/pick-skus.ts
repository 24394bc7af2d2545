import * as vscode from 'vscode';
import { productNameFor, type Catalog } from '../../core/catalog/catalog';
import type { TenantSku } from '../../core/tenant/tenant-skus';
import { uiLocale } from '../convert';
import { count } from '../words';

/** The SKUs (by id) a plain list gets and loses. */
export interface PickedSkus {
  readonly assign: readonly string[];
  readonly remove: readonly string[];
}

interface SkuItem extends vscode.QuickPickItem {
  readonly skuId?: string;
  readonly action?: 'assign' | 'remove';
}

/**
 * A plain UPN list names no licenses: ask, in one list, which of the tenant's SKUs to assign and
 * which to remove, showing seats left; `previous` (the choice made for this file before) comes
 * pre-selected. Undefined when the admin backs out or picks nothing.
 */
export async function pickSkusForPlainList(
  skus: readonly TenantSku[],
  catalog: Catalog,
  previous?: PickedSkus,
): Promise<PickedSkus | undefined> {
  const assignable = skus.filter((s) => s.assignableToUsers);
  const item = (s: TenantSku, action: 'assign' | 'remove'): SkuItem => {
    const known = catalog.skuById(s.skuId);
    return {
      label: `${action === 'assign' ? '+' : '−'} ${s.partNumber}`,
      description: known ? productNameFor(known, uiLocale()) : undefined,
      detail: action === 'assign' ? vscode.l10n.t('{0} seats left', count(s.seatsLeft)) : undefined,
      skuId: s.skuId,
      action,
      picked: (action === 'assign' ? previous?.assign : previous?.remove)?.includes(s.skuId) ?? false,
    };
  };
  const items: SkuItem[] = [
    { label: vscode.l10n.t('Assign'), kind: vscode.QuickPickItemKind.Separator },
    ...assignable.map((s) => item(s, 'assign')),
    { label: vscode.l10n.t('Remove'), kind: vscode.QuickPickItemKind.Separator },
    ...assignable.map((s) => item(s, 'remove')),
  ];
  for (;;) {
    const chosen = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      title: vscode.l10n.t('This file is a plain list of users: which licenses should they get or lose?'),
      placeHolder: vscode.l10n.t('Select the SKUs to assign (+) and to remove (−)'),
      ignoreFocusOut: true,
    });
    if (!chosen || chosen.length === 0) return undefined;
    const assign = chosen.filter((i) => i.action === 'assign').map((i) => i.skuId!);
    const remove = chosen.filter((i) => i.action === 'remove').map((i) => i.skuId!);
    const both = assign.filter((id) => remove.includes(id));
    if (both.length === 0) return { assign, remove };
    const names = assignable.filter((s) => both.includes(s.skuId)).map((s) => s.partNumber);
    await vscode.window.showWarningMessage(
      vscode.l10n.t('{0}: a license cannot be both assigned and removed. Pick one of the two.', names.join(', ')),
      { modal: true },
    );
    for (const i of items) (i as { picked?: boolean }).picked = chosen.includes(i);
  }
}
