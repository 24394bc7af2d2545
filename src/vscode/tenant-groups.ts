import type * as vscode from 'vscode';
import { TenantGroups, tenantGroupOf } from '../core/tenant/tenant-groups';
import { TenantGroupsState } from '../core/tenant/tenant-groups-state';
import type { TenantState } from '../core/tenant/tenant-state';
import type { TenantSession } from './auth/tenant-session';
import { connectionFor, loadEngine } from './engine-connection';

/** A tenant the editor reads: its session (undefined: signed out) and its SKUs, which its groups and numbers follow. */
export interface EditorTenant {
  readonly session: TenantSession | undefined;
  readonly skus: TenantState<TenantSession>;
}

/**
 * The tenant's groups for the editor, read again whenever the tenant's SKUs are (sign-in, refresh,
 * after a run), so completions, hovers and the group checks follow the same session.
 */
export function tenantGroupsFor(
  tenant: EditorTenant,
): { readonly state: TenantGroupsState<TenantSession> } & vscode.Disposable {
  const state = new TenantGroupsState<TenantSession>(() => tenant.session, readGroups);
  return { state, dispose: refreshWithSkus(tenant.skus, state).dispose };
}

/** Every group of the session's tenant, with the member counts of the security groups. */
async function readGroups(session: TenantSession) {
  const engine = await loadEngine();
  const connection = await connectionFor(session);
  const read = await engine.readAllGroups(connection);
  if (!read.ok) return read;
  // Completions show member counts of the security groups (the only ones offered).
  const counts = await engine.readMemberCounts(
    connection,
    read.value.filter((g) => g.securityEnabled).map((g) => g.id),
  );
  return {
    ok: true as const,
    value: new TenantGroups(read.value.map((g) => tenantGroupOf(g, counts.get(g.id.toLowerCase())))),
  };
}

/**
 * Reads `state` again whenever the tenant's SKUs are read again (sign-in, Refresh Tenant Licenses, after a run): once
 * per read (loading → loaded), and at once on sign-out. The groups and the telephone numbers follow the SKUs alike.
 */
export function refreshWithSkus(
  skus: TenantState<TenantSession>,
  state: { refresh(): Promise<unknown> },
): vscode.Disposable {
  let last: string | undefined;
  return skus.onDidChange((s) => {
    if (s.kind === 'loading' || s.kind === last) return;
    last = s.kind;
    void state.refresh();
  });
}
