import type { GraphGroup } from '../reads/group-resources';
import { editDistance } from '../text/distance';
import { isGuid } from '../text/guid';

/** A group of the tenant, as the rules, completions and hovers need it. */
export interface TenantGroup {
  readonly id: string;
  readonly displayName: string;
  /** Only security-enabled groups can be licensed (entra-docs licensing-groups-assign.md). */
  readonly securityEnabled: boolean;
  /** `microsoft-365`: groupTypes holds Unified; `distribution`: mail-enabled without security; else `security`. */
  readonly kind: 'security' | 'microsoft-365' | 'distribution';
  readonly assignedLicenses: readonly { readonly skuId: string; readonly disabledPlans: readonly string[] }[];
  /**
   * `ProcessingComplete`, `QueuedForProcessing`, `ProcessingInProgress`, `ProcessingFailed`; absent when Graph gave
   * none.
   */
  readonly processingState?: string;
  /** Direct members, when read (completions show it). */
  readonly memberCount?: number;
}

export type GroupLookup =
  | { readonly kind: 'found'; readonly group: TenantGroup }
  /** Several groups share the display name: the file must name one by id. */
  | { readonly kind: 'ambiguous'; readonly groups: readonly TenantGroup[] }
  | { readonly kind: 'none'; readonly closest: readonly TenantGroup[] };

export function tenantGroupOf(g: GraphGroup, memberCount?: number): TenantGroup {
  const types = (g.groupTypes ?? []).map((t) => t.toLowerCase());
  const securityEnabled = g.securityEnabled === true;
  const kind = types.includes('unified')
    ? 'microsoft-365'
    : !securityEnabled && g.mailEnabled
      ? 'distribution'
      : 'security';
  const state = g.licenseProcessingState?.state ?? undefined;
  return {
    id: g.id.toLowerCase(),
    displayName: g.displayName,
    securityEnabled,
    kind,
    assignedLicenses: (g.assignedLicenses ?? []).map((l) => ({
      skuId: l.skuId.toLowerCase(),
      disabledPlans: (l.disabledPlans ?? []).map((p) => p.toLowerCase()),
    })),
    ...(state ? { processingState: state } : {}),
    ...(memberCount !== undefined ? { memberCount } : {}),
  };
}

/** The tenant's groups, looked up by object id or display name (case-insensitive, as Graph's `$filter` compares). */
export class TenantGroups {
  private readonly byId = new Map<string, TenantGroup>();
  private readonly byName = new Map<string, TenantGroup[]>();

  constructor(readonly all: readonly TenantGroup[]) {
    for (const g of all) {
      this.byId.set(g.id, g);
      const key = g.displayName.toLowerCase();
      const list = this.byName.get(key);
      if (list) list.push(g);
      else this.byName.set(key, [g]);
    }
  }

  lookUp(nameOrId: string): GroupLookup {
    const key = nameOrId.toLowerCase();
    if (isGuid(nameOrId)) {
      const byId = this.byId.get(key);
      if (byId) return { kind: 'found', group: byId };
    }
    const named = this.byName.get(key);
    if (named && named.length === 1) return { kind: 'found', group: named[0] };
    if (named && named.length > 1) return { kind: 'ambiguous', groups: named };
    return { kind: 'none', closest: this.closest(key) };
  }

  /** Up to three groups whose names are close to `key` or contain it. */
  private closest(key: string): TenantGroup[] {
    const limit = Math.max(2, Math.floor(key.length / 3));
    return this.all
      .map((g) => ({
        g,
        d: g.displayName.toLowerCase().includes(key) ? 0 : editDistance(key, g.displayName.toLowerCase(), limit),
      }))
      .filter((x) => x.d <= limit)
      .sort((a, b) => a.d - b.d || a.g.displayName.localeCompare(b.g.displayName))
      .slice(0, 3)
      .map((x) => x.g);
  }
}
