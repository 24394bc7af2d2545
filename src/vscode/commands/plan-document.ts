import * as vscode from 'vscode';
import type { DesiredUser } from '../../core/plan/desired';
import type { RunPlan } from '../../core/run';
import { connectionFor, loadEngine } from '../engine-connection';
import type { CommandContext } from './context';
import type { FileInput } from './file-input';
import { pickSkusForPlainList } from './pick-skus';

export interface PlannedInput {
  readonly plan: RunPlan;
  readonly desired: readonly DesiredUser[];
}

/**
 * Reads the tenant and plans the file (shared by Preview and Apply). Shows the reason and returns
 * undefined when the tenant cannot be read or the admin cancels.
 */
export async function planInput(ctx: CommandContext, input: FileInput): Promise<PlannedInput | undefined> {
  const session = await ctx.tenants.require();
  if (!session) return undefined;
  const engine = await loadEngine();
  const connection = await connectionFor(session);
  let desired: readonly DesiredUser[] = input.desired;

  if (input.plainList) {
    const skus = await engine.loadTenantSkus(connection);
    if (!skus.ok) return showTenantError(skus.error);
    const picked = await pickSkusForPlainList(skus.value.all, ctx.catalog());
    if (!picked) return undefined;
    desired = engine.withDefaultSkus(desired, picked);
  }

  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading {0} users from {1}…', desired.length, session.label), cancellable: true },
    (_progress, token) => engine.planLicenses(connection, desired, token),
  );
  if (outcome.kind === 'cancelled') return undefined;
  if (outcome.kind === 'tenant-error') return showTenantError(outcome.error);
  return { plan: outcome.plan, desired };
}

function showTenantError(error: { message: string; hint?: string }): undefined {
  void vscode.window.showErrorMessage(vscode.l10n.t('Could not read the tenant: {0}{1}', error.message, error.hint ? ` ${error.hint}` : ''));
  return undefined;
}
