import * as vscode from 'vscode';
import { productNameFor, type Catalog } from '../../core/catalog/catalog';
import type { TenantSku } from '../../core/tenant/tenant-skus';
import { uiLocale } from '../convert';

/**
 * A plain UPN list names no licenses: ask which of the tenant's SKUs to assign and remove,
 * showing seats left. Returns undefined when the admin backs out.
 */
export async function pickSkusForPlainList(skus: readonly TenantSku[], catalog: Catalog): Promise<{ assign: string[]; remove: string[] } | undefined> {
  const items = skus
    .filter((s) => s.assignableToUsers)
    .map((s) => {
      const known = catalog.skuById(s.skuId);
      return {
        label: s.partNumber,
        description: known ? productNameFor(known, uiLocale()) : undefined,
        detail: vscode.l10n.t('{0} seats left', s.seatsLeft),
        skuId: s.skuId,
      };
    });
  const assign = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: vscode.l10n.t('This file is a plain list of users: which licenses should they get?'),
    placeHolder: vscode.l10n.t('Select the SKUs to assign'),
    ignoreFocusOut: true,
  });
  if (!assign) return undefined;
  const remove = await vscode.window.showQuickPick(items.filter((i) => !assign.includes(i)), {
    canPickMany: true,
    title: vscode.l10n.t('Licenses to remove from these users (optional)'),
    placeHolder: vscode.l10n.t('Select none to only assign'),
    ignoreFocusOut: true,
  });
  if (!remove) return undefined;
  if (assign.length === 0 && remove.length === 0) return undefined;
  return { assign: assign.map((i) => i.skuId), remove: remove.map((i) => i.skuId) };
}
