import * as vscode from 'vscode';
import type { DesiredUser } from '../../core/desired/desired';
import type { DesiredGroup } from '../../core/desired/desired-groups';
import type { GraphConnection, PlanOutcome, RunPlan } from '../../core/run';
import type { TenantSession } from '../auth/tenant-session';
import { connectionFor, loadEngine } from '../engine-connection';
import { count, singular } from '../words';
import type { CommandContext } from './context';
import type { FileInput } from './file-input';
import { pickSkusForPlainList, type PickedSkus } from './pick-skus';
import { uiTranslate } from '../translator';
import type { TenantState } from '../../core/tenant/tenant-state';
import type { FileTenant } from '../tenant-manager';

export interface PlannedInput {
  readonly plan: RunPlan;
  readonly desired: readonly DesiredUser[];
  /** The session the file was planned against: its own tenant's when it names one. */
  readonly session: TenantSession;
}

/**
 * The session and tenant state the file runs against (TenantManager.forFile); a tenant that cannot be reached is said
 * (naming it and why) and undefined returned, before anything is read.
 */
export async function fileTenantFor(
  ctx: CommandContext,
  input: FileInput,
): Promise<FileTenant | UnreachableTenant | undefined> {
  const target = await ctx.tenants.forFile(input.tenant);
  if (target && 'refused' in target) {
    void vscode.window.showErrorMessage(target.refused);
    return { refused: 'unreachable-tenant', message: target.refused };
  }
  return target;
}

/** What Preview and Apply answer for a file whose tenant cannot be reached (tests and scripts read `message`). */
export interface UnreachableTenant {
  readonly refused: 'unreachable-tenant';
  readonly message: string;
}

/**
 * Reads the tenant and plans the file (Preview). Shows the reason and returns undefined when the
 * tenant cannot be read or the admin cancels.
 */
export async function planInput(
  ctx: CommandContext,
  input: FileInput,
): Promise<PlannedInput | UnreachableTenant | undefined> {
  const target = await fileTenantFor(ctx, input);
  if (!target || 'refused' in target) return target;
  const { session } = target;
  const connection = await connectionFor(session);
  const desired = await desiredOfInput(ctx, input);
  if (!desired) return undefined;
  const outcome = await planWithProgress(ctx, connection, session, desired, input.groups, target.skus);
  if (outcome.kind === 'cancelled') return undefined;
  if (outcome.kind === 'tenant-error') return showTenantError(outcome.error);
  return { plan: outcome.plan, desired, session };
}

/** Workspace-state key of the SKUs picked for a plain list, per file. */
const pickedKey = (document: vscode.TextDocument) => `licenses.plainListSkus:${document.uri.toString()}`;

/**
 * The file's users; for a plain list, with the SKUs the admin picks. Preview always asks (the last
 * choice for this file pre-selected); Apply (`reuse`) takes the choice made at Preview when the
 * tenant still has those SKUs, so the admin picks once, and the confirmation names them.
 * Undefined: cancelled or said why.
 */
export async function desiredOfInput(
  ctx: CommandContext,
  input: FileInput,
  reuse = false,
): Promise<readonly DesiredUser[] | undefined> {
  if (!input.plainList) return input.desired;
  const engine = await loadEngine();
  const skus = await ctx.tenants.skus.fresh();
  if (!skus.ok) return showTenantError(skus.error);
  const key = pickedKey(input.document);
  const remembered = ctx.workspaceState.get<PickedSkus>(key);
  const stillThere = (ids: readonly string[]) =>
    ids.every((id) => skus.value.all.some((s) => s.skuId === id && s.assignableToUsers));
  const usable =
    remembered &&
    Array.isArray(remembered.assign) &&
    Array.isArray(remembered.remove) &&
    stillThere([...remembered.assign, ...remembered.remove])
      ? remembered
      : undefined;
  const picked = reuse && usable ? usable : await pickSkusForPlainList(skus.value.all, ctx.catalog(), usable);
  if (!picked) return undefined;
  await ctx.workspaceState.update(key, { assign: [...picked.assign], remove: [...picked.remove] });
  return engine.withDefaultSkus(input.desired, { assign: [...picked.assign], remove: [...picked.remove] });
}

/** Reads the tenant and plans, in a cancellable notification. */
export async function planWithProgress(
  ctx: CommandContext,
  connection: GraphConnection,
  session: TenantSession,
  desired: readonly DesiredUser[],
  groups: readonly DesiredGroup[] = [],
  skus: TenantState<TenantSession> = ctx.tenants.skus,
): Promise<PlanOutcome> {
  const engine = await loadEngine();
  // The inventory is read only for a file with numbers: only then are the Teams permissions asked for.
  if (desired.some((d) => d.number)) await session.askForNumbers?.();
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: singular(desired.length)
        ? vscode.l10n.t('Reading {0} user from {1}…', count(desired.length), session.label)
        : vscode.l10n.t('Reading {0} users from {1}…', count(desired.length), session.label),
      cancellable: true,
    },
    (progress, token) => {
      // The users read so far, as pages and batches are answered: the first counts within a second at 20,000 users.
      let shown = 0;
      const reading = (read: number, total: number) => {
        const increment = total > 0 ? ((read - shown) / total) * 100 : 0;
        shown = read;
        progress.report({ message: vscode.l10n.t('Reading users: {0} of {1}', count(read), count(total)), increment });
      };
      return engine.planLicenses(connection, desired, token, () => skus.fresh(), groups, uiTranslate(), reading);
    },
  );
}

export function showTenantError(error: { message: string; hint?: string }): undefined {
  void vscode.window.showErrorMessage(
    vscode.l10n.t('Could not read the tenant: {0}{1}', error.message, error.hint ? ` ${error.hint}` : ''),
  );
  return undefined;
}
