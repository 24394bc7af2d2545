import type { AccessTokenProvider } from '../auth/access-token';
import { fileLine } from '../text/tenant-text';
import { english, type Translate } from '../text/translate';
import { LICENSING_ROLES } from './gdap-roles';
import type { Relationship } from './relationships';
import type { DomainTenant } from './tenant-by-domain';

/** Why a tenant cannot be reached, found before anything is read from it. */
type ReachReason = 'no-relationship' | 'relationship-expired' | 'role-missing' | 'app-not-consented' | 'unknown-tenant';

export interface ReachRefusal {
  /** The tenant as the file or the setting names it (id or domain). */
  readonly tenant: string;
  readonly reason: ReachReason;
  /** One line naming the tenant and why, with what to do; prefixed with `where` when given. */
  readonly message: string;
}

/** The tenant to reach: as named (id or domain), its id when known, its display name (tenant text) when known. */
export interface TargetTenant {
  readonly name: string;
  readonly tenantId?: string;
  readonly displayName?: string;
}

const named = (target: TargetTenant): string => {
  const display = target.displayName ? fileLine(target.displayName).trim() : '';
  return display ? `"${display}" (${target.name})` : target.name;
};

function refusal(target: TargetTenant, reason: ReachReason, t: Translate, where?: string, end?: string): ReachRefusal {
  const tenant = named(target);
  const why = {
    'no-relationship': () =>
      t(
        'Cannot reach tenant {0}: the partner has no GDAP relationship with it. Ask the customer to approve one that grants License Administrator.',
        tenant,
      ),
    'relationship-expired': () =>
      t(
        'Cannot reach tenant {0}: its GDAP relationship ended on {1}. Ask the customer to approve a new one (Partner Center → Customers → Admin relationships).',
        tenant,
        end ?? '?',
      ),
    'role-missing': () =>
      t(
        'Cannot reach tenant {0}: its active GDAP relationship grants no role that assigns licenses (License Administrator, User Administrator, Directory Writers or Global Administrator). Add License Administrator to it.',
        tenant,
      ),
    'app-not-consented': () =>
      t(
        'Cannot reach tenant {0}: the app is not consented there. An administrator of that tenant grants admin consent to the app (or the partner does, through Partner Center), then run again.',
        tenant,
      ),
    'unknown-tenant': () =>
      t('Cannot reach tenant {0}: Microsoft knows no tenant by that id or domain. Correct the tenant line.', tenant),
  }[reason]();
  return { tenant: target.name, reason, message: where ? `${where}: ${why}` : why };
}

/**
 * Can a partner admin's delegated token reach `target` through GDAP, at `nowMs`? Undefined when an active
 * relationship with the customer grants a role that assigns licenses (gdap-roles.ts LICENSING_ROLES); else why not:
 * no relationship, every relationship ended (expired or terminated, or active past its end without auto-extend), or
 * no licensing role. `relationships` are the partner's (relationship-reads.ts); `target.tenantId` is needed.
 */
export function delegatedReach(
  target: TargetTenant,
  relationships: readonly Relationship[],
  nowMs: number,
  t: Translate = english,
  where?: string,
): ReachRefusal | undefined {
  const id = (target.tenantId ?? target.name).toLowerCase();
  const mine = relationships.filter((r) => r.customer.tenantId === id);
  const withName = { ...target, displayName: target.displayName ?? mine[0]?.customer.displayName };
  if (!mine.length) return refusal(withName, 'no-relationship', t, where);
  const live = mine.filter(
    (r) =>
      (r.status === 'active' || r.status === 'expiring') &&
      (r.endDateTime === null || Date.parse(r.endDateTime) > nowMs || r.autoExtendDuration === 'P180D'),
  );
  if (!live.length) {
    const last = mine
      .map((r) => r.endDateTime)
      .filter((e): e is string => e !== null)
      .sort()
      .pop();
    return refusal(withName, 'relationship-expired', t, where, last?.slice(0, 10));
  }
  const granted = new Set(live.flatMap((r) => r.roleDefinitionIds));
  if (!LICENSING_ROLES.some((role) => granted.has(role))) return refusal(withName, 'role-missing', t, where);
  return undefined;
}

const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a `tenant` line names its tenant by id (else by a domain). */
export const isTenantId = (name: string): boolean => TENANT_ID.test(name.trim());

/**
 * The partner's own check before a partner admin signs in to a customer's tenant (delegated, GDAP), so that a tenant
 * it cannot reach is refused in our words (no relationship, ended, no licensing role: delegatedReach) rather than by
 * Entra's sign-in errors or a 403 after the sign-in. It needs the partner's relationships (read when the signed-in
 * session holds DelegatedAdminRelationship.Read.All: undefined otherwise) and the tenant's id: a relationship names
 * its customer by id alone. A tenant named by a domain is judged by the id `domain` found for it
 * (tenant-by-domain.ts readTenantByDomain); a domain no tenant holds is refused; without `domain` (not read: the
 * session may not) it is left to the sign-in. Undefined: no refusal of ours, sign in.
 */
export function reachBeforeSignIn(
  name: string,
  relationships: readonly Relationship[] | undefined,
  nowMs: number,
  t: Translate = english,
  where?: string,
  domain?: DomainTenant,
): ReachRefusal | undefined {
  const named = name.trim();
  if (!relationships) return undefined;
  if (isTenantId(named)) return delegatedReach({ name: named, tenantId: named }, relationships, nowMs, t, where);
  if (domain?.kind === 'unknown') return refusal({ name: named }, 'unknown-tenant', t, where);
  if (domain?.kind !== 'found') return undefined;
  const target = { name: named, tenantId: domain.tenantId, displayName: domain.displayName || undefined };
  return delegatedReach(target, relationships, nowMs, t, where);
}

/**
 * Microsoft Entra's sign-in refusals that say the tenant cannot be reached (entra-docs reference-error-codes.md):
 * AADSTS700016 "The application wasn't found in the directory/tenant. This can happen if the application has not been
 * installed by the administrator of the tenant or consented to by any user in the tenant", AADSTS7000229 (the client
 * application is missing its service principal in the tenant) and AADSTS65001 "The user or administrator has not
 * consented to use the application": not consented; AADSTS90002 "The tenant name wasn't found": no such tenant;
 * AADSTS50020 (the user's account does not exist in the tenant): for a partner admin, no relationship.
 */
export function reachFromSignInError(
  target: TargetTenant,
  message: string,
  t: Translate = english,
  where?: string,
): ReachRefusal | undefined {
  const code = /\bAADSTS(\d+)\b/.exec(message)?.[1];
  if (code === '700016' || code === '7000229' || code === '65001')
    return refusal(target, 'app-not-consented', t, where);
  if (code === '90002') return refusal(target, 'unknown-tenant', t, where);
  if (code === '50020') return refusal(target, 'no-relationship', t, where);
  return undefined;
}

/**
 * Asks for the tenant's token (app-only: one multi-tenant app, `{authority}/{tenant}`), before any read: undefined
 * when it comes; the refusal when Entra says the tenant cannot be reached; any other sign-in failure is thrown.
 */
export async function appOnlyReach(
  target: TargetTenant,
  getToken: AccessTokenProvider,
  t: Translate = english,
  where?: string,
): Promise<ReachRefusal | undefined> {
  try {
    await getToken();
    return undefined;
  } catch (e) {
    const refused = reachFromSignInError(target, e instanceof Error ? e.message : String(e), t, where);
    if (refused) return refused;
    throw e;
  }
}
