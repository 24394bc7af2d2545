import { neverCancelled, type Cancellation } from '../graph/cancellation';
import type { GraphConnection } from '../graph/connection';
import { readGroupNames, type CurrentUser } from '../reads/tenant-reads';
import type { UserError } from '../graph/user-error';
import { LISTING_CANCELLED, listLicensedUsers, NO_PREMIUM, type ListedUser } from '../reads/user-listing';
import type { GroupNames } from '../plan/holding';
import { loadTenantSkus, type TenantSkus } from '../tenant/tenant-skus';
import { english, type Translate } from '../text/translate';
import { userLicenses } from './user-licenses';
import { readNumberInventory } from '../numbers/teams-reads';
import { readUsers } from '../reads/tenant-reads';
import { numberFindings, type NumberFindings } from './number-report';

/**
 * The inventory: per SKU the seats paid, assigned and left and who holds them (directly, through a
 * group, or both), and the licenses that can be reclaimed: direct copies a group already gives,
 * licenses of disabled accounts, and licenses of users who have not signed in for N days.
 */
export interface SkuSeats {
  readonly skuId: string;
  readonly partNumber: string;
  /** prepaidUnits.enabled */
  readonly paid: number;
  /** consumedUnits */
  readonly assigned: number;
  /** paid − assigned; negative when over-assigned. */
  readonly left: number;
  /** Users holding it directly (whether or not a group gives it too). */
  readonly direct: number;
  /** Users holding it through a group (whether or not they hold it directly too). */
  readonly inherited: number;
  /** Users holding it both ways: the direct copy is redundant. */
  readonly both: number;
}

interface HolderRef {
  readonly user: string;
  readonly userId: string;
  readonly displayName: string | null;
}

/** A direct copy of a SKU the user also gets from groups: removing it frees no seat and loses nothing. */
export interface RedundantDirect extends HolderRef {
  readonly skuId: string;
  readonly partNumber: string;
  readonly groups: readonly string[];
}

/** A user whose direct licenses are candidates for reclaiming (disabled account, no recent sign-in). */
export interface ReclaimHolder extends HolderRef {
  /** Direct licenses (what a file can remove). */
  readonly direct: readonly { readonly skuId: string; readonly partNumber: string }[];
  /** SKUs held through groups: only the group can take them away. */
  readonly inherited: readonly string[];
  /** The latest of the sign-in dates Graph has; null: never signed in, or (with `signInNotRead`) not known. */
  readonly lastSignIn: string | null;
  /** Graph gave no sign-in activity for this user: neither active nor inactive as far as the report can tell. */
  readonly signInNotRead?: true;
}

export type InactiveFinding =
  | {
      readonly available: true;
      readonly days: number;
      /** Users whose activity was read and is older than `days` (or who never signed in). */
      readonly users: readonly ReclaimHolder[];
      /** Licensed users whose activity Graph did not give: left out of `users` and of any removal file. */
      readonly notRead: number;
    }
  | { readonly available: false; readonly days: number; readonly reason: string };

export interface TenantReport {
  readonly tenant: string;
  readonly readAt: string;
  /** Licensed users read. */
  readonly users: number;
  readonly skus: readonly SkuSeats[];
  readonly redundantDirect: readonly RedundantDirect[];
  readonly disabledAccounts: readonly ReclaimHolder[];
  readonly inactive: InactiveFinding;
  /** Teams numbers: calling licenses without a number, numbers of unlicensed or disabled users (number-report.ts). */
  readonly numbers?: NumberFindings;
}

export const DEFAULT_INACTIVE_DAYS = 90;
const DAY_MS = 86_400_000;

interface BuildReportOptions {
  readonly tenantLabel: string;
  readonly now: Date;
  readonly days: number;
  /** Why sign-in dates are missing; undefined when `users` carry them. */
  readonly signInsUnavailable?: string;
}

/** The latest sign-in of any kind Graph recorded, or null. */
function lastSignIn(user: ListedUser): string | null {
  const a = user.signInActivity;
  const dates = [a?.lastSignInDateTime, a?.lastNonInteractiveSignInDateTime, a?.lastSuccessfulSignInDateTime].filter(
    (d): d is string => !!d,
  );
  return dates.length ? dates.reduce((x, y) => (Date.parse(x) >= Date.parse(y) ? x : y)) : null;
}

/** Pure: the listing, the SKUs and the group names → the report. */
export function buildReport(
  users: readonly ListedUser[],
  skus: TenantSkus,
  groupNames: GroupNames,
  options: BuildReportOptions,
): TenantReport {
  const part = (skuId: string) => skus.byIdOrUndefined(skuId)?.partNumber ?? skuId;
  const counts = new Map<string, { direct: number; inherited: number; both: number }>();
  const count = (skuId: string) =>
    counts.get(skuId) ?? (counts.set(skuId, { direct: 0, inherited: 0, both: 0 }), counts.get(skuId)!);
  const redundantDirect: RedundantDirect[] = [];
  const disabledAccounts: ReclaimHolder[] = [];
  const inactive: ReclaimHolder[] = [];
  let notRead = 0;
  const cutoff = options.now.getTime() - options.days * DAY_MS;
  const sorted = [...users].sort((a, b) =>
    a.userPrincipalName.toLowerCase().localeCompare(b.userPrincipalName.toLowerCase()),
  );
  for (const user of sorted) {
    const held = userLicenses(user, groupNames);
    const ref: HolderRef = { user: user.userPrincipalName, userId: user.id, displayName: user.displayName };
    const inheritedIds = new Set(held.inherited.map((l) => l.skuId));
    for (const d of held.direct) {
      const c = count(d.skuId);
      c.direct++;
      if (inheritedIds.has(d.skuId)) {
        c.both++;
        redundantDirect.push({
          ...ref,
          skuId: d.skuId,
          partNumber: part(d.skuId),
          groups: held.inherited.filter((l) => l.skuId === d.skuId).map((l) => l.groupLabel),
        });
      }
    }
    for (const id of inheritedIds) count(id).inherited++;
    if (held.direct.length === 0 && inheritedIds.size === 0) continue;
    const holder: ReclaimHolder = {
      ...ref,
      direct: held.direct.map((d) => ({ skuId: d.skuId, partNumber: part(d.skuId) })),
      inherited: [...inheritedIds].map(part),
      lastSignIn: lastSignIn(user),
      ...(user.signInActivity === null ? { signInNotRead: true as const } : {}),
    };
    if (!user.accountEnabled) disabledAccounts.push(holder);
    if (options.signInsUnavailable !== undefined) continue;
    // "Not read" is not "never signed in": an active user must never be offered for removal for want of a read.
    if (holder.signInNotRead) notRead++;
    else if (holder.lastSignIn === null || Date.parse(holder.lastSignIn) < cutoff) inactive.push(holder);
  }
  const rows: SkuSeats[] = skus.sorted.map((s) => {
    const c = counts.get(s.skuId) ?? { direct: 0, inherited: 0, both: 0 };
    return {
      skuId: s.skuId,
      partNumber: s.partNumber,
      paid: s.seatsTotal,
      assigned: s.seatsUsed,
      left: s.seatsLeft,
      ...c,
    };
  });
  return {
    tenant: options.tenantLabel,
    readAt: options.now.toISOString(),
    users: users.length,
    skus: rows,
    redundantDirect,
    disabledAccounts,
    inactive:
      options.signInsUnavailable === undefined
        ? { available: true, days: options.days, users: inactive, notRead }
        : { available: false, days: options.days, reason: options.signInsUnavailable },
  };
}

export interface ReadReportOptions {
  readonly tenantLabel: string;
  /** Default DEFAULT_INACTIVE_DAYS. */
  readonly days?: number;
  readonly now?: () => Date;
  readonly cancellation?: Cancellation;
  readonly onProgress?: (usersRead: number) => void;
  readonly t?: Translate;
}

export type ReportOutcome =
  | { readonly kind: 'report'; readonly report: TenantReport; readonly skus: TenantSkus }
  | { readonly kind: 'tenant-error'; readonly error: UserError }
  | { readonly kind: 'cancelled' };

/**
 * Reads the SKUs and every licensed user with sign-in dates; where the tenant or the token does not
 * allow sign-in dates (Entra ID P1, AuditLog.Read.All), reads the users without them and says why.
 */
export async function readTenantReport(
  connection: GraphConnection,
  options: ReadReportOptions,
): Promise<ReportOutcome> {
  const t = options.t ?? english;
  const cancellation = options.cancellation ?? neverCancelled;
  const skus = await loadTenantSkus(connection);
  if (!skus.ok) return { kind: 'tenant-error', error: skus.error };
  let unavailable: string | undefined;
  let listed = await listLicensedUsers(connection, { signInActivity: true, cancellation, onPage: options.onProgress });
  if (!listed.ok && (listed.error.code === NO_PREMIUM || listed.error.code === 'Authorization_RequestDenied')) {
    unavailable =
      listed.error.code === NO_PREMIUM
        ? t(
            'Sign-in dates need a Microsoft Entra ID P1 or P2 license, which this tenant does not have: inactive users are not reported.',
          )
        : t(
            'Sign-in dates need the AuditLog.Read.All permission, which this sign-in does not have: inactive users are not reported.',
          );
    listed = await listLicensedUsers(connection, { cancellation, onPage: options.onProgress });
  }
  if (!listed.ok)
    return listed.error.code === LISTING_CANCELLED
      ? { kind: 'cancelled' }
      : { kind: 'tenant-error', error: listed.error };
  const found: CurrentUser[] = listed.value.map((user) => ({ kind: 'found', user }));
  const groupNames = await readGroupNames(connection, found, new Set(skus.value.all.map((s) => s.skuId)), cancellation);
  if (cancellation.isCancellationRequested) return { kind: 'cancelled' };
  const report = buildReport(listed.value, skus.value, groupNames, {
    tenantLabel: options.tenantLabel,
    now: (options.now ?? (() => new Date()))(),
    days: options.days ?? DEFAULT_INACTIVE_DAYS,
    signInsUnavailable: unavailable,
  });
  // Teams numbers, when the inventory can be read; else the report says once why they are absent.
  const inventory = await readNumberInventory(connection, { t, filter: "assignmentStatus eq 'userAssigned'" });
  if (cancellation.isCancellationRequested) return { kind: 'cancelled' };
  let numbers: NumberFindings;
  if (inventory.ok) {
    const licensed = new Set(listed.value.map((u) => u.id.toLowerCase()));
    const others = [
      ...new Set(
        inventory.value
          .map((n) => n.assignmentTargetId)
          .filter((id): id is string => !!id && !licensed.has(id.toLowerCase())),
      ),
    ];
    const read = others.length ? await readUsers(connection, others, cancellation) : new Map<string, CurrentUser>();
    if (cancellation.isCancellationRequested) return { kind: 'cancelled' };
    const names = new Map<string, string>();
    for (const id of others) {
      const r = read.get(id.toLowerCase());
      if (r?.kind === 'found') names.set(id.toLowerCase(), r.user.userPrincipalName);
    }
    numbers = numberFindings(listed.value, skus.value, groupNames, inventory.value, names);
  } else
    numbers = {
      available: false,
      reason: t(
        "Teams numbers are not reported: the tenant's telephone numbers could not be read ({0}).",
        inventory.error.message + (inventory.error.hint ? ` — ${t(inventory.error.hint)}` : ''),
      ),
    };
  return { kind: 'report', report: { ...report, numbers }, skus: skus.value };
}
