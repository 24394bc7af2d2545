import type * as vscode from 'vscode';
import { TenantNumbersState } from '../core/tenant/tenant-numbers';
import type { TenantSession } from './auth/tenant-session';
import { connectionFor, loadEngine } from './engine-connection';
import { refreshWithSkus, type EditorTenant } from './tenant-groups';

/**
 * The tenant's telephone numbers for the editor, read once a file has numbers and again whenever the tenant's SKUs
 * are (sign-in, refresh, after a run), with the users those files number, so the number checks, hovers and
 * completions follow the same session. Without TeamsTelephoneNumber.Read.All (held already: the editor asks for it
 * silently) the state says so and stays empty.
 */
export function tenantNumbersFor(
  tenant: EditorTenant,
): { readonly state: TenantNumbersState<TenantSession> } & vscode.Disposable {
  const state = new TenantNumbersState<TenantSession>(
    () => tenant.session,
    async (session) => {
      const engine = await loadEngine();
      // A file with numbers: the Teams permissions when they are held already, never a prompt from opening a file.
      await session.askForNumbers?.({ silent: true });
      return engine.readNumberInventory(await connectionFor(session));
    },
    async (session, references) => {
      const engine = await loadEngine();
      const read = await engine.readUsers(await connectionFor(session), references);
      return [...read.values()].flatMap((r) => (r.kind === 'found' ? [r.user] : []));
    },
  );
  return { state, dispose: refreshWithSkus(tenant.skus, state).dispose };
}
