/**
 * Tenant fixture (plain data, serialisable) and the live state the emulator serves and mutates.
 * Shapes follow Graph v1.0 resources: subscribedSku, servicePlanInfo, licenseUnitsDetail,
 * assignedLicense, licenseAssignmentState, user (graph-docs api-reference/v1.0/resources/*.md).
 */

import { type ReplicationLagOptions } from './replication';
import { type TeamsFixture } from '../teams/teams-fixture';
import { type AppConsentFixture, type RelationshipFixture } from '../partner/gdap-fixture';

export type AppliesTo = 'User' | 'Company';
/** graph-docs subscribedsku.md: "Possible values: Enabled, Warning, Suspended, Deleted, LockedOut." */
export type CapabilityStatus = 'Enabled' | 'Warning' | 'Suspended' | 'Deleted' | 'LockedOut';

export interface ServicePlanFixture {
  readonly servicePlanId: string;
  readonly servicePlanName: string;
  readonly appliesTo?: AppliesTo;
}

export interface SkuFixture {
  readonly skuId: string;
  readonly skuPartNumber: string;
  /** "Only SKUs with target class User are assignable." (graph-docs subscribedsku.md) */
  readonly appliesTo?: AppliesTo;
  readonly capabilityStatus?: CapabilityStatus;
  readonly prepaidUnits: {
    readonly enabled: number;
    readonly warning?: number;
    readonly suspended?: number;
    readonly lockedOut?: number;
  };
  readonly servicePlans: readonly ServicePlanFixture[];
  readonly subscriptionIds?: readonly string[];
}

export interface LicenseFixture {
  readonly skuId: string;
  /** servicePlanIds (not names), as in assignedLicense.disabledPlans. */
  readonly disabledPlans?: readonly string[];
}

export interface GroupFixture {
  readonly id: string;
  readonly displayName: string;
  /** Licenses the group assigns to its members (group-based licensing). */
  readonly licenses: readonly LicenseFixture[];
  /**
   * Default true. graph-docs groups-overview.md tells the kinds apart by groupTypes, mailEnabled and securityEnabled.
   */
  readonly securityEnabled?: boolean;
  /** Default false (a security group); true for Microsoft 365 groups and distribution lists. */
  readonly mailEnabled?: boolean;
  /** `['Unified']` for a Microsoft 365 group. Default []. */
  readonly groupTypes?: readonly string[];
  /** Ids of groups that are members of this one: they receive none of its licenses (groups-processing.ts). */
  readonly memberGroups?: readonly string[];
}

/** licenseAssignmentState.state (graph-docs api-reference/v1.0/resources/licenseassignmentstate.md):
 *  "The possible values are Active, ActiveWithError, Disabled, and Error." */
export type AssignmentState = 'Active' | 'ActiveWithError' | 'Disabled' | 'Error';

/** licenseAssignmentState.error (same page): "CountViolation, MutuallyExclusiveViolation, DependencyViolation,
 *  ProhibitedInUsageLocationViolation, UniquenessViolation, and Other"; "None" on success in practice
 *  (entra-docs licensing-ps-examples.md output), and "Other", not the "Others" an older page said
 *  (microsoft-graph-docs#15734). */
export type AssignmentError =
  | 'CountViolation'
  | 'MutuallyExclusiveViolation'
  | 'DependencyViolation'
  | 'ProhibitedInUsageLocationViolation'
  | 'UniquenessViolation'
  | 'Other';

/**
 * A group license that group-based licensing could not process for this user. "When you're using
 * group-based licensing, the same errors can occur, but they happen in the background ... they're
 * recorded on the user object ... The original intent to license the user is never lost, but it's recorded
 * in an error state" (entra-docs licensing-groups-resolve-problems.md). Graph shows it in the user's
 * licenseAssignmentStates, with assignedByGroup = the group.
 * - `Error`: the license was not assigned ("the user cannot be assigned a license of this subscription",
 *   CountViolation as a Microsoft engineer explains it in microsoft-graph-docs#3167; the group statistics
 *   script of entra-docs licensing-ps-examples.md counts such members apart from the licensed ones). So it
 *   is not in assignedLicenses, licenseDetails or assignedPlans, and takes no seat.
 * - `ActiveWithError`: [INF] the license is still assigned (counts, enables its plans) and an error is
 *   recorded; the docs name the state without defining it.
 * The record stays until the group is reprocessed ("you need to trigger the processing of groups that
 * previously failed", same doc, "Force group license processing"): the emulator never clears it.
 */
export interface GroupLicenseErrorFixture {
  readonly groupId: string;
  readonly skuId: string;
  readonly state: 'Error' | 'ActiveWithError';
  readonly error: AssignmentError;
}

export interface UserFixture {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
  readonly givenName?: string | null;
  readonly surname?: string | null;
  readonly mail?: string | null;
  readonly jobTitle?: string | null;
  readonly officeLocation?: string | null;
  readonly mobilePhone?: string | null;
  readonly preferredLanguage?: string | null;
  readonly businessPhones?: readonly string[];
  readonly department?: string | null;
  readonly accountEnabled?: boolean;
  /** Two-letter ISO 3166 code, or null: direct assignment then fails until it is set. */
  readonly usageLocation?: string | null;
  /** Directly assigned licenses. */
  readonly licenses?: readonly LicenseFixture[];
  /** Ids of licensed groups the user is a (direct) member of. */
  readonly groups?: readonly string[];
  /** Group licenses (of groups in `groups`) that group-based licensing recorded in an error state. */
  readonly groupLicenseErrors?: readonly GroupLicenseErrorFixture[];
  /** Last interactive sign-in (signinactivity.md, lastSignInDateTime); unset = never signed in. */
  readonly lastSignInDateTime?: string | null;
}

export interface TenantFixture {
  readonly tenantId: string;
  /** Application (client) id the emulator's token stands for; used in x-ms-throttle-scope. */
  readonly appId?: string;
  readonly accountName?: string;
  readonly skus: readonly SkuFixture[];
  readonly groups?: readonly GroupFixture[];
  readonly users: readonly UserFixture[];
  /** Eventual consistency for this tenant (replication.ts) unless EmulatorOptions.replicationLag says otherwise. */
  readonly replicationLag?: ReplicationLagOptions;
  /** Teams: the telephone number inventory and the licensing-to-Teams lag (teams/teams-fixture.ts). */
  readonly teams?: TeamsFixture;
  // --- several tenants behind one emulator (partner/, CONTRACT.md "Several tenants") ---
  /** Verified domains that name the tenant in a token request (`{authority}/{domain}/oauth2/v2.0/token`). */
  readonly domains?: readonly string[];
  /**
   * Multi-tenant apps consented in this tenant (their service principal and granted application permissions).
   * Only read for tenants other than the emulator's home tenant, where the emulator's own app is always consented.
   */
  readonly consentedApps?: readonly AppConsentFixture[];
  /** GDAP relationships this tenant holds as a partner (GET /tenantRelationships/delegatedAdminRelationships). */
  readonly delegatedAdminRelationships?: readonly RelationshipFixture[];
}

// ---------------------------------------------------------------------------------------------
// Live state

interface ServicePlan {
  readonly servicePlanId: string;
  readonly servicePlanName: string;
  readonly appliesTo: AppliesTo;
}

export interface EmulatorSku {
  readonly skuId: string;
  readonly skuPartNumber: string;
  appliesTo: AppliesTo;
  capabilityStatus: CapabilityStatus;
  prepaidUnits: { enabled: number; warning: number; suspended: number; lockedOut: number };
  /** Users holding the SKU, directly or through a group, each counted once. Kept up to date by
   *  assignLicense; call `EmulatorTenant.recount()` after editing users by hand. */
  consumedUnits: number;
  readonly servicePlans: readonly ServicePlan[];
  readonly subscriptionIds: readonly string[];
}

export interface LicenseAssignment {
  readonly skuId: string;
  disabledPlans: string[];
  lastUpdatedDateTime: string;
}

export interface EmulatorGroup {
  readonly id: string;
  displayName: string;
  /**
   * What the members hold now: changed by an assignLicense only once its processing completes (group-processing.ts).
   */
  licenses: LicenseAssignment[];
  securityEnabled: boolean;
  mailEnabled: boolean;
  groupTypes: string[];
  memberGroups: string[];
  /** An assignLicense still being processed: what the group asked for, when processing starts and ends (Graph time),
   *  and whether it ends ProcessingFailed (FaultOptions.groupProcessingFails, group-processing.ts). */
  processing?: {
    readonly licenses: LicenseAssignment[];
    readonly startsAt: number;
    readonly completesAt: number;
    readonly fails?: boolean;
  };
  /**
   * The last processing ended ProcessingFailed and a member is still in error from it: cleared once reprocessing leaves
   * none.
   */
  processingFailed?: boolean;
}

export interface EmulatorUser {
  readonly id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  jobTitle: string | null;
  officeLocation: string | null;
  mobilePhone: string | null;
  preferredLanguage: string | null;
  businessPhones: string[];
  department: string | null;
  accountEnabled: boolean;
  usageLocation: string | null;
  /** Direct assignments only; group ones come from `groups`. */
  licenses: LicenseAssignment[];
  groups: string[];
  /** Group licenses in an error state (see GroupLicenseErrorFixture); ids in lower case. */
  groupLicenseErrors: GroupLicenseError[];
  lastSignInDateTime: string | null;
}

export interface GroupLicenseError {
  readonly groupId: string;
  readonly skuId: string;
  state: 'Error' | 'ActiveWithError';
  error: AssignmentError;
  lastUpdatedDateTime: string;
}

/** One group license as it reaches a user, with the state licenseAssignmentStates reports for it. */
export interface GroupAssignment {
  readonly group: EmulatorGroup;
  readonly license: LicenseAssignment;
  readonly state: AssignmentState;
  /** "None" when the assignment succeeded. */
  readonly error: AssignmentError | 'None';
  readonly lastUpdatedDateTime: string;
}

const lower = (s: string) => s.toLowerCase();
const FIXTURE_DATE = '2025-01-06T09:00:00Z';

/**
 * The fixture's users as live users, worked out once per fixture (tests start hundreds of emulators from the same
 * frozen fixture): each emulator then copies them (cloneUser) into a live state of its own.
 */
const LIVE_USERS = new WeakMap<readonly UserFixture[], readonly EmulatorUser[]>();
function liveUsers(users: readonly UserFixture[]): readonly EmulatorUser[] {
  let live = LIVE_USERS.get(users);
  if (!live) {
    const license = (l: LicenseFixture): LicenseAssignment => ({
      skuId: lower(l.skuId),
      disabledPlans: (l.disabledPlans ?? []).map(lower),
      lastUpdatedDateTime: FIXTURE_DATE,
    });
    live = users.map((u) => ({
      id: lower(u.id),
      userPrincipalName: u.userPrincipalName,
      displayName: u.displayName,
      givenName: u.givenName ?? null,
      surname: u.surname ?? null,
      mail: u.mail === undefined ? u.userPrincipalName : u.mail,
      jobTitle: u.jobTitle ?? null,
      officeLocation: u.officeLocation ?? null,
      mobilePhone: u.mobilePhone ?? null,
      preferredLanguage: u.preferredLanguage ?? null,
      businessPhones: [...(u.businessPhones ?? [])],
      department: u.department ?? null,
      accountEnabled: u.accountEnabled ?? true,
      usageLocation: u.usageLocation ?? null,
      licenses: (u.licenses ?? []).map(license),
      groups: (u.groups ?? []).map(lower),
      groupLicenseErrors: (u.groupLicenseErrors ?? []).map((e) => ({
        groupId: lower(e.groupId),
        skuId: lower(e.skuId),
        state: e.state,
        error: e.error,
        lastUpdatedDateTime: FIXTURE_DATE,
      })),
      lastSignInDateTime: u.lastSignInDateTime ?? null,
    }));
    // A fixture a test builds and then edits in place (not frozen) is read again next time.
    if (Object.isFrozen(users)) LIVE_USERS.set(users, live);
  }
  return live;
}

/** A live user of its own: every array and object an emulator writes to is copied. */
const cloneUser = (u: EmulatorUser): EmulatorUser => ({
  ...u,
  businessPhones: [...u.businessPhones],
  licenses: u.licenses.map((l) => ({ ...l, disabledPlans: [...l.disabledPlans] })),
  groups: [...u.groups],
  groupLicenseErrors: u.groupLicenseErrors.map((e) => ({ ...e })),
});

export class EmulatorTenant {
  readonly tenantId: string;
  readonly appId: string;
  readonly accountName: string;
  readonly skus: EmulatorSku[];
  readonly groups: EmulatorGroup[];
  readonly users: EmulatorUser[];
  private readonly userIndex = new Map<string, EmulatorUser>();
  /** skuId → SKU and group id → group: the SKU and group of every license are looked up on each request. */
  private readonly skuIndex = new Map<string, EmulatorSku>();
  private readonly groupIndex = new Map<string, EmulatorGroup>();

  constructor(fixture: TenantFixture) {
    this.tenantId = lower(fixture.tenantId);
    this.appId = lower(fixture.appId ?? '00000000-0000-0000-0000-000000000001');
    this.accountName = fixture.accountName ?? 'Contoso';
    this.skus = fixture.skus.map((s) => ({
      skuId: lower(s.skuId),
      skuPartNumber: s.skuPartNumber,
      appliesTo: s.appliesTo ?? 'User',
      capabilityStatus: s.capabilityStatus ?? 'Enabled',
      prepaidUnits: {
        enabled: s.prepaidUnits.enabled,
        warning: s.prepaidUnits.warning ?? 0,
        suspended: s.prepaidUnits.suspended ?? 0,
        lockedOut: s.prepaidUnits.lockedOut ?? 0,
      },
      consumedUnits: 0,
      servicePlans: s.servicePlans.map((p) => ({
        servicePlanId: lower(p.servicePlanId),
        servicePlanName: p.servicePlanName,
        appliesTo: p.appliesTo ?? 'User',
      })),
      subscriptionIds: [...(s.subscriptionIds ?? [])],
    }));
    const license = (l: LicenseFixture): LicenseAssignment => ({
      skuId: lower(l.skuId),
      disabledPlans: (l.disabledPlans ?? []).map(lower),
      lastUpdatedDateTime: FIXTURE_DATE,
    });
    this.groups = (fixture.groups ?? []).map((g) => ({
      id: lower(g.id),
      displayName: g.displayName,
      licenses: g.licenses.map(license),
      securityEnabled: g.securityEnabled ?? true,
      mailEnabled: g.mailEnabled ?? false,
      groupTypes: [...(g.groupTypes ?? [])],
      memberGroups: (g.memberGroups ?? []).map(lower),
    }));
    this.users = liveUsers(fixture.users).map(cloneUser);
    for (const u of this.users) this.index(u);
    this.recount();
  }

  private index(u: EmulatorUser): void {
    this.userIndex.set(u.id, u);
    this.userIndex.set(lower(u.userPrincipalName), u);
  }

  /**
   * By object id or userPrincipalName, case-insensitively (Graph accepts either in /users/{id | userPrincipalName}).
   */
  findUser(idOrUpn: string): EmulatorUser | undefined {
    const key = lower(idOrUpn);
    const hit = this.userIndex.get(key);
    if (hit && (hit.id === key || lower(hit.userPrincipalName) === key)) return hit;
    // Tests may push users or rename them directly: fall back to a scan and re-index.
    const found = this.users.find((u) => u.id === key || lower(u.userPrincipalName) === key);
    if (found) this.index(found);
    return found;
  }

  /** By skuId or skuPartNumber, case-insensitively. */
  findSku(idOrPartNumber: string): EmulatorSku | undefined {
    const key = lower(idOrPartNumber);
    const hit = this.skuIndex.get(key);
    if (hit?.skuId === key) return hit;
    const found = this.skus.find((s) => s.skuId === key) ?? this.skus.find((s) => lower(s.skuPartNumber) === key);
    if (found?.skuId === key) this.skuIndex.set(key, found);
    return found;
  }

  findGroup(id: string): EmulatorGroup | undefined {
    const key = lower(id);
    const hit = this.groupIndex.get(key);
    if (hit?.id === key) return hit;
    const found = this.groups.find((g) => g.id === key);
    if (found) this.groupIndex.set(key, found);
    return found;
  }

  /** The users who are direct members of the group (licenses reach direct members only). */
  membersOf(group: EmulatorGroup): EmulatorUser[] {
    return this.users.filter((u) => u.groups.includes(group.id));
  }

  /**
   * Every group license that reaches this user, one per (group, SKU), with its state: what
   * licenseAssignmentStates lists. Applied ones are `Active` with error "None".
   */
  groupAssignments(user: EmulatorUser): GroupAssignment[] {
    const out: GroupAssignment[] = [];
    for (const gid of user.groups) {
      const group = this.findGroup(gid);
      if (!group) continue;
      for (const license of group.licenses) {
        const e = user.groupLicenseErrors.find((x) => x.groupId === group.id && x.skuId === license.skuId);
        out.push(
          e
            ? { group, license, state: e.state, error: e.error, lastUpdatedDateTime: e.lastUpdatedDateTime }
            : { group, license, state: 'Active', error: 'None', lastUpdatedDateTime: license.lastUpdatedDateTime },
        );
      }
    }
    return out;
  }

  /** Group licenses the user actually has: all but those in state `Error`, which were never assigned. */
  groupLicenses(user: EmulatorUser): { group: EmulatorGroup; license: LicenseAssignment }[] {
    return this.groupAssignments(user)
      .filter((a) => a.state !== 'Error')
      .map(({ group, license }) => ({ group, license }));
  }

  /** SKUs the user holds, directly or through groups (a group license in state Error is not held). */
  heldSkuIds(user: EmulatorUser): Set<string> {
    const held = new Set(user.licenses.map((l) => l.skuId));
    if (user.groups.length) for (const { license } of this.groupLicenses(user)) held.add(license.skuId);
    return held;
  }

  /** prepaidUnits.enabled − consumedUnits: negative for an over-assigned SKU (seats.ts). */
  seatsLeft(idOrPartNumber: string): number {
    const sku = this.findSku(idOrPartNumber);
    if (!sku) throw new Error(`No SKU ${idOrPartNumber} in the emulated tenant`);
    return sku.prepaidUnits.enabled - sku.consumedUnits;
  }

  /** Recomputes every consumedUnits from the users: a user counts once per SKU even when the SKU is
   *  both direct and group-assigned ("still use only one license of a product", entra-docs
   *  licensing-group-advanced.md). */
  recount(): void {
    const counts = new Map<string, number>();
    for (const u of this.users) for (const id of this.heldSkuIds(u)) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const s of this.skus) s.consumedUnits = counts.get(s.skuId) ?? 0;
  }
}
