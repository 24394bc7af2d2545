import { english, type Translate } from '../text/translate';
import { LICENSE_ADMINISTRATOR, USER_ADMINISTRATOR } from './gdap-roles';
import type { Relationship } from './relationships';

const DAY_MS = 86_400_000;
/** A relationship ending sooner than this, without extending itself, is flagged. */
const ENDING_SOON_DAYS = 30;

/** What a partner should fix about a customer tenant before licensing in it. */
export type TenantFlag =
  /** No active relationship grants License Administrator. */
  | 'no-license-administrator'
  /** No active relationship grants User Administrator (usage locations need it, or License Administrator). */
  | 'no-user-administrator'
  /** The active relationship ends within ENDING_SOON_DAYS and does not auto-extend. */
  | 'ending-soon'
  /** No relationship is active, and one has expired (or was terminated). */
  | 'expired';

/** One customer tenant, from all the partner's relationships with it. */
export interface CustomerTenant {
  readonly tenantId: string;
  /** Tenant text: hostile. */
  readonly displayName: string;
  /** Template ids of the roles the active relationships grant, in the order first seen. */
  readonly roles: readonly string[];
  /** The latest end of an active relationship; else of any; null when none has one. */
  readonly endDateTime: string | null;
  /** True when an active relationship extends itself (autoExtendDuration P180D). */
  readonly autoExtend: boolean;
  readonly active: boolean;
  readonly flags: readonly TenantFlag[];
  readonly relationships: readonly Relationship[];
}

const isActive = (r: Relationship) => r.status === 'active' || r.status === 'expiring';
const extendsItself = (r: Relationship) => r.autoExtendDuration !== 'PT0S' && r.autoExtendDuration !== 'P0D';
/** Graph marks an ended relationship `expired` or `terminated`; an `active` one past its end is expired too. */
const ended = (r: Relationship, nowMs: number) =>
  r.status === 'expired' ||
  r.status === 'terminated' ||
  (isActive(r) && r.endDateTime !== null && Date.parse(r.endDateTime) <= nowMs && !extendsItself(r));

/**
 * The customer tenants of the partner's relationships, with their flags at `nowMs` (an injected clock): those
 * lacking License Administrator or User Administrator, ending within 30 days without auto-extend, or expired.
 * Relationships still being set up (created, approvalPending, ...) only count when nothing else does. Sorted by
 * display name, then tenant id.
 */
export function customerTenants(relationships: readonly Relationship[], nowMs: number): CustomerTenant[] {
  const byTenant = new Map<string, Relationship[]>();
  for (const r of relationships) byTenant.set(r.customer.tenantId, [...(byTenant.get(r.customer.tenantId) ?? []), r]);
  const out: CustomerTenant[] = [];
  for (const [tenantId, all] of byTenant) {
    const active = all.filter((r) => isActive(r) && !ended(r, nowMs));
    const roles = [...new Set(active.flatMap((r) => r.roleDefinitionIds))];
    const ends = (rs: Relationship[]) =>
      rs
        .map((r) => r.endDateTime)
        .filter((e): e is string => e !== null)
        .sort((a, b) => Date.parse(b) - Date.parse(a))[0] ?? null;
    const autoExtend = active.some(extendsItself);
    const endDateTime = active.length ? ends(active) : ends(all);
    const flags: TenantFlag[] = [];
    if (active.length) {
      if (!roles.includes(LICENSE_ADMINISTRATOR)) flags.push('no-license-administrator');
      if (!roles.includes(USER_ADMINISTRATOR)) flags.push('no-user-administrator');
      if (!autoExtend && endDateTime !== null && Date.parse(endDateTime) - nowMs <= ENDING_SOON_DAYS * DAY_MS)
        flags.push('ending-soon');
    } else if (all.some((r) => ended(r, nowMs))) flags.push('expired');
    const named = active[0] ?? all[0];
    out.push({
      tenantId,
      displayName: named.customer.displayName,
      roles,
      endDateTime,
      autoExtend,
      active: active.length > 0,
      flags,
      relationships: all,
    });
  }
  return out.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.tenantId.localeCompare(b.tenantId));
}

/** Days from `nowMs` to the tenant's end, rounded down; undefined without an end. */
export function daysLeft(tenant: CustomerTenant, nowMs: number): number | undefined {
  return tenant.endDateTime === null ? undefined : Math.floor((Date.parse(tenant.endDateTime) - nowMs) / DAY_MS);
}

/** A flag in words, in `t`'s language. */
export function flagText(flag: TenantFlag, t: Translate = english): string {
  switch (flag) {
    case 'no-license-administrator':
      return t('no License Administrator role');
    case 'no-user-administrator':
      return t('no User Administrator role');
    case 'ending-soon':
      return t('ends within {0} days without auto-extend', ENDING_SOON_DAYS);
    case 'expired':
      return t('relationship expired');
  }
}
