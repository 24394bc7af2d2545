/**
 * The demo tenant: "Contoso", deterministic (same ids, users and licenses on every call).
 *
 * SKUs (real skuIds and service plans from the generated catalog; seats left = prepaid − consumed):
 *   ENTERPRISEPACK (Office 365 E3) 50 left · ENTERPRISEPREMIUM (Office 365 E5) 10 left · SPE_E5 20 left ·
 *   STANDARDPACK (E1) 15 left · MCOEV (Teams Phone Standard) 25 left · MCOPSTN1 (Domestic Calling) 20 left ·
 *   MCOPSTN2 (Domestic + International) 5 left of 10 (so a demo can run out of seats) ·
 *   MCOMEETADV (Audio Conferencing) 10 left · MCOPSTNC (Communications Credits) 10 left ·
 *   MCOPSTN_6 (Domestic Calling 240 min, skuId 729dbb8f-…) 10 left · FLOW_FREE 9,000 left ·
 *   CRMSTORAGE (appliesTo "Company": assigning it to a user is refused) 10 left.
 *   consumedUnits is derived from the users (direct or group, once per user).
 *   demoTenant({ strainedSubscriptions: true }) adds VISIOCLIENT over-assigned and POWER_BI_PRO Suspended
 *   (see DemoTenantOptions), the states a shrunk or expired subscription leaves behind.
 *
 * Groups (group-based licensing): "All Sales" assigns E3; "Phone System Pilot" assigns MCOEV; "E5 Pilot"
 * assigns Office 365 E5 (only catherine is a member, and it could not license her; the group "Sales Interns" is
 * a member too, and nested groups pass no license on). Unlicensed: "Voice Rollout" (security, members: the
 * generated users with i % 30 = 11), "Sales Interns" (security), "Marketing Team" (Microsoft 365 group
 * without security) and "Contoso Newsletter" (distribution list): the last two cannot be licensed.
 *
 * Named users (@contoso.com), for samples/ and demos:
 *   alice         US, no licenses
 *   bob           US, E3 direct with YAMMER_ENTERPRISE disabled
 *   carol         no usageLocation, no licenses (direct assignment fails until it is set)
 *   dave          GB, E3 only through "All Sales" (removing it directly is refused)
 *   erin          US, Office 365 E5 + MCOPSTN1 (removing E5 alone breaks the Calling Plan dependency)
 *   frank         FR, E3 both direct and through "All Sales" (one seat)
 *   adele.vance, grady.archie, lidia.holloway, lynne.robbins, miriam.graham
 *                 US, Office 365 E5 + MCOPSTN2 (the 5 consumed MCOPSTN2 seats)
 *   alex.wilber   US, E3 direct with YAMMER_ENTERPRISE and SWAY disabled
 *   megan.bowen   US, SPE_E5
 *   lee.gu        no usageLocation, E3 through "All Sales"
 *   nestor.wilke  US, MCOEV through "Phone System Pilot" + MCOPSTN1 direct
 *   patti.fernandez US, E1 (adding E3 is refused: SharePoint plans are mutually exclusive)
 *   isaiah.langer no usageLocation, no licenses
 *   johanna.lorenz DE, E3 direct
 *   diego.siciliani US, E3 + MCOMEETADV
 *   henrietta.mueller DE, E3 through "All Sales" and direct with SWAY disabled
 *   christie.cline, debra.berger, emily.braun, enrico.cattaneo, pradeep.gupta, allan.deyoung,
 *   joni.sherman, irvin.sayers   various countries, no licenses
 * Users whose GROUP license is in an error state (licenseAssignmentStates; see GroupLicenseErrorFixture in
 * tenant.ts; catherine and anna are named after the error listing of entra-docs licensing-ps-examples.md):
 *   catherine.gibson GB, member of "E5 Pilot": E5 state "Error", error "CountViolation" ("Not enough
 *                 licenses", entra-docs licensing-groups-resolve-problems.md). She does not have E5 and uses no
 *                 seat. E5 has seats again, but the record stays until the group is reprocessed (same doc).
 *   anna.bergman  US, E1 direct, member of "All Sales": E3 state "Error", error "MutuallyExclusiveViolation"
 *                 (E1's SHAREPOINTSTANDARD vs E3's SHAREPOINTENTERPRISE, the "E1 and E3" example of
 *                 entra-docs licensing-service-plan-reference.md: "When using group-based licensing, you
 *                 experience [this error condition]"). She keeps E1, does not have E3, uses no E3 seat.
 *   cameron.white US, MCOPSTN1 direct, MCOEV through "Phone System Pilot" in state "ActiveWithError", error
 *                 "DependencyViolation": the group could not take MCOEV away because his Calling Plan depends
 *                 on it ("This error occurs when Microsoft Entra ID attempts to remove the underlying service
 *                 plan. For example, ... when you remove the user from the group.", same resolve-problems doc).
 *                 He keeps MCOEV (one seat). [INF] The state for "kept, with an error" is ActiveWithError:
 *                 the docs list the value without defining it.
 * Direct assignments are never in an error state: assignLicense refuses them at once instead ("The problem is
 * immediately reported back to you", resolve-problems doc). Nothing documents a direct assignment turning a
 * group license of the same user into an error, so assignLicense never creates error records either.
 * Generated users fill the tenant up to 300 as first.last@contoso.com (first × last name lists), with
 * patterned states: every 10th (i % 10 = 3) has no usageLocation, i % 4 = 0 holds E3 (every 12th of
 * them with YAMMER_ENTERPRISE disabled), i % 9 = 1 is in "All Sales", i % 20 = 5 holds Office 365 E5,
 * i % 25 = 7 holds E1 (only when it holds no E3).
 *
 * Teams numbers of each type, some held, most free, and a 20 s licensing-to-Teams lag: teams/demo-numbers.ts.
 *
 * demoTenant({ users: N }) with N > 300 keeps all of the above and adds user00001@contoso.com … (US, no
 * licenses) up to N users; every SKU then has at least N seats left, so a benchmark can license everyone.
 */
import { catalogSku, planIdIn } from './licensing/catalog-skus';
import { stableGuid } from './directory/ids';
import { type ReplicationLagOptions } from './directory/replication';
import { demoTeams } from './teams/demo-numbers';
import { demoRelationships } from './partner/demo-customers';
import {
  type GroupFixture,
  type GroupLicenseErrorFixture,
  type LicenseFixture,
  type SkuFixture,
  type TenantFixture,
  type UserFixture,
} from './directory/tenant';

const DEMO_DOMAIN = 'contoso.com';
export const DEMO_TENANT_ID = stableGuid('contoso', 'tenant');
export const DEMO_APP_ID = stableGuid('contoso', 'license-tool-app');
export const ALL_SALES_GROUP_ID = stableGuid('contoso', 'group', 'All Sales');
export const PHONE_PILOT_GROUP_ID = stableGuid('contoso', 'group', 'Phone System Pilot');
export const E5_PILOT_GROUP_ID = stableGuid('contoso', 'group', 'E5 Pilot');
export const VOICE_ROLLOUT_GROUP_ID = stableGuid('contoso', 'group', 'Voice Rollout');
export const SALES_INTERNS_GROUP_ID = stableGuid('contoso', 'group', 'Sales Interns');
export const MARKETING_GROUP_ID = stableGuid('contoso', 'group', 'Marketing Team');
export const NEWSLETTER_GROUP_ID = stableGuid('contoso', 'group', 'Contoso Newsletter');
export const DEFAULT_DEMO_USERS = 300;

export interface DemoTenantOptions {
  /** Total number of users (default 300); beyond 300 users are user00001@contoso.com and so on. */
  readonly users?: number;
  /** Eventual consistency of the demo tenant (replication.ts); default DEMO_REPLICATION_LAG; false = none. */
  readonly replicationLag?: ReplicationLagOptions | false;
  /**
   * Adds two subscriptions in trouble (seats.ts): VISIOCLIENT over-assigned (2 enabled units, held by
   * joni.sherman, irvin.sayers and allan.deyoung: consumedUnits 3) and POWER_BI_PRO Suspended (0 enabled,
   * 10 suspended, held by pradeep.gupta). Adds to either are refused; removals work. Default false.
   */
  readonly strainedSubscriptions?: boolean;
}

/** The holders of the strained subscriptions, by UPN local part. */
const OVER_ASSIGNED_HOLDERS = ['joni.sherman', 'irvin.sayers', 'allan.deyoung'];
const SUSPENDED_HOLDERS = ['pradeep.gupta'];

/**
 * The demo tenant's default replication lag. A real tenant replicates with a lag ("A successful write to
 * Microsoft Entra does not guarantee that an immediate read will reflect that change", Entra identity blog,
 * "Designing for Eventual Consistency"), so the demo shows it: each user's and each SKU count's writes
 * reach reads after up to 2 s (seeded, so a demo run is the same every time).
 */
export const DEMO_REPLICATION_LAG: ReplicationLagOptions | undefined = { maxSeconds: 2, seed: 1 };

/** [partNumber, seats left in the default tenant, options] */
const SKU_PLAN: readonly [string, number, { appliesTo?: 'Company' }?][] = [
  ['ENTERPRISEPACK', 50],
  ['ENTERPRISEPREMIUM', 10],
  ['SPE_E5', 20],
  ['STANDARDPACK', 15],
  ['MCOEV', 25],
  ['MCOPSTN1', 20],
  ['MCOPSTN2', 5],
  ['MCOMEETADV', 10],
  ['MCOPSTNC', 10],
  ['MCOPSTN_6', 10],
  ['FLOW_FREE', 9000],
  ['CRMSTORAGE', 10, { appliesTo: 'Company' }],
];

const FIRST = [
  'Adam',
  'Bianca',
  'Carlos',
  'Dana',
  'Elena',
  'Felix',
  'Gloria',
  'Hugo',
  'Ines',
  'Jonas',
  'Kara',
  'Liam',
  'Mona',
  'Nora',
  'Oscar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tara',
  'Umar',
  'Vera',
  'Wen',
  'Yusuf',
  'Zoe',
];
const LAST = [
  'Abbott',
  'Berg',
  'Castro',
  'Dubois',
  'Eriksen',
  'Fontaine',
  'Garcia',
  'Haddad',
  'Ito',
  'Jensen',
  'Kowalski',
  'Larsen',
  'Moreau',
  'Novak',
  'Okafor',
  'Petrov',
  'Rossi',
  'Sato',
  'Tanaka',
  'Urban',
];
const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'CA', 'NL', 'JP', 'AU', 'ES', 'SE'];
const TITLES = [
  'Sales Representative',
  'Marketing Manager',
  'Engineer',
  'Support Specialist',
  'Accountant',
  'Product Manager',
  'Designer',
  'HR Generalist',
];
const OFFICES = ['Redmond', 'London', 'Munich', 'Paris', 'Toronto', 'Amsterdam', 'Tokyo', 'Sydney'];

export function demoTenant(options: DemoTenantOptions = {}): TenantFixture {
  const total = Math.max(options.users ?? DEFAULT_DEMO_USERS, 0);
  const sku = new Map(SKU_PLAN.map(([part, , opts]) => [part, catalogSku(part, 0, opts)]));
  const id = (part: string) => sku.get(part)!.skuId;
  const lic = (part: string, ...disabled: string[]): LicenseFixture => ({
    skuId: id(part),
    disabledPlans: disabled.map((name) => planIdIn(sku.get(part)!, name)),
  });

  const groups: GroupFixture[] = [
    { id: ALL_SALES_GROUP_ID, displayName: 'All Sales', licenses: [lic('ENTERPRISEPACK')] },
    { id: PHONE_PILOT_GROUP_ID, displayName: 'Phone System Pilot', licenses: [lic('MCOEV')] },
    {
      id: E5_PILOT_GROUP_ID,
      displayName: 'E5 Pilot',
      licenses: [lic('ENTERPRISEPREMIUM')],
      memberGroups: [SALES_INTERNS_GROUP_ID],
    },
    // Unlicensed groups a file may name: a security group, a nested one, and two kinds that cannot be licensed.
    { id: VOICE_ROLLOUT_GROUP_ID, displayName: 'Voice Rollout', licenses: [] },
    { id: SALES_INTERNS_GROUP_ID, displayName: 'Sales Interns', licenses: [] },
    {
      id: MARKETING_GROUP_ID,
      displayName: 'Marketing Team',
      licenses: [],
      securityEnabled: false,
      mailEnabled: true,
      groupTypes: ['Unified'],
    },
    {
      id: NEWSLETTER_GROUP_ID,
      displayName: 'Contoso Newsletter',
      licenses: [],
      securityEnabled: false,
      mailEnabled: true,
    },
  ];

  const users: UserFixture[] = [];
  const add = (
    given: string,
    surname: string,
    upnLocal: string,
    usageLocation: string | null,
    licenses: LicenseFixture[] = [],
    groupIds: string[] = [],
    groupLicenseErrors: GroupLicenseErrorFixture[] = [],
  ) => {
    const n = users.length;
    const upn = `${upnLocal}@${DEMO_DOMAIN}`;
    users.push({
      id: stableGuid('contoso', 'user', upn),
      userPrincipalName: upn,
      displayName: `${given} ${surname}`,
      givenName: given,
      surname,
      mail: upn,
      jobTitle: TITLES[n % TITLES.length],
      officeLocation: OFFICES[n % OFFICES.length],
      businessPhones: n % 3 === 0 ? [] : [`+1 425 555 ${String(1000 + n).slice(-4)}`],
      preferredLanguage: 'en-US',
      usageLocation,
      licenses,
      groups: groupIds,
      ...(groupLicenseErrors.length ? { groupLicenseErrors } : {}),
    });
  };

  // Users the samples/ files name.
  add('Alice', 'Adams', 'alice', 'US');
  add('Bob', 'Brown', 'bob', 'US', [lic('ENTERPRISEPACK', 'YAMMER_ENTERPRISE')]);
  add('Carol', 'Clark', 'carol', null);
  add('Dave', 'Davis', 'dave', 'GB', [], [ALL_SALES_GROUP_ID]);
  add('Erin', 'Evans', 'erin', 'US', [lic('ENTERPRISEPREMIUM'), lic('MCOPSTN1')]);
  add('Frank', 'Fischer', 'frank', 'FR', [lic('ENTERPRISEPACK')], [ALL_SALES_GROUP_ID]);
  // Contoso's demo personas.
  for (const [g, s] of [
    ['Adele', 'Vance'],
    ['Grady', 'Archie'],
    ['Lidia', 'Holloway'],
    ['Lynne', 'Robbins'],
    ['Miriam', 'Graham'],
  ]) {
    add(g, s, `${g}.${s}`.toLowerCase(), 'US', [lic('ENTERPRISEPREMIUM'), lic('MCOPSTN2')]);
  }
  add('Alex', 'Wilber', 'alex.wilber', 'US', [lic('ENTERPRISEPACK', 'YAMMER_ENTERPRISE', 'SWAY')]);
  add('Megan', 'Bowen', 'megan.bowen', 'US', [lic('SPE_E5')]);
  add('Lee', 'Gu', 'lee.gu', null, [], [ALL_SALES_GROUP_ID]);
  add('Nestor', 'Wilke', 'nestor.wilke', 'US', [lic('MCOPSTN1')], [PHONE_PILOT_GROUP_ID]);
  add('Patti', 'Fernandez', 'patti.fernandez', 'US', [lic('STANDARDPACK')]);
  add('Isaiah', 'Langer', 'isaiah.langer', null);
  add('Johanna', 'Lorenz', 'johanna.lorenz', 'DE', [lic('ENTERPRISEPACK')]);
  add('Diego', 'Siciliani', 'diego.siciliani', 'US', [lic('ENTERPRISEPACK'), lic('MCOMEETADV')]);
  add('Henrietta', 'Mueller', 'henrietta.mueller', 'DE', [lic('ENTERPRISEPACK', 'SWAY')], [ALL_SALES_GROUP_ID]);
  const plain: [string, string, string][] = [
    ['Christie', 'Cline', 'US'],
    ['Debra', 'Berger', 'US'],
    ['Emily', 'Braun', 'CA'],
    ['Enrico', 'Cattaneo', 'IT'],
    ['Pradeep', 'Gupta', 'IN'],
    ['Allan', 'Deyoung', 'US'],
    ['Joni', 'Sherman', 'GB'],
    ['Irvin', 'Sayers', 'US'],
  ];
  for (const [g, s, c] of plain) add(g, s, `${g}.${s}`.toLowerCase(), c);
  // Group licenses in an error state (header above).
  add(
    'Catherine',
    'Gibson',
    'catherine.gibson',
    'GB',
    [],
    [E5_PILOT_GROUP_ID],
    [{ groupId: E5_PILOT_GROUP_ID, skuId: id('ENTERPRISEPREMIUM'), state: 'Error', error: 'CountViolation' }],
  );
  add(
    'Anna',
    'Bergman',
    'anna.bergman',
    'US',
    [lic('STANDARDPACK')],
    [ALL_SALES_GROUP_ID],
    [{ groupId: ALL_SALES_GROUP_ID, skuId: id('ENTERPRISEPACK'), state: 'Error', error: 'MutuallyExclusiveViolation' }],
  );
  add(
    'Cameron',
    'White',
    'cameron.white',
    'US',
    [lic('MCOPSTN1')],
    [PHONE_PILOT_GROUP_ID],
    [{ groupId: PHONE_PILOT_GROUP_ID, skuId: id('MCOEV'), state: 'ActiveWithError', error: 'DependencyViolation' }],
  );

  const namedUsers = users.length;
  // Generated Contoso-style users up to 300 (or fewer if asked).
  const styled = Math.min(total, DEFAULT_DEMO_USERS);
  for (let i = 0; users.length < styled; i++) {
    const given = FIRST[i % FIRST.length];
    const surname = LAST[Math.floor(i / FIRST.length) % LAST.length];
    const licenses: LicenseFixture[] = [];
    const groupIds: string[] = [];
    const hasE3 = i % 4 === 0;
    if (hasE3) licenses.push(i % 12 === 0 ? lic('ENTERPRISEPACK', 'YAMMER_ENTERPRISE') : lic('ENTERPRISEPACK'));
    if (i % 9 === 1) groupIds.push(ALL_SALES_GROUP_ID);
    if (i % 30 === 11) groupIds.push(VOICE_ROLLOUT_GROUP_ID);
    if (i % 20 === 5) licenses.push(lic('ENTERPRISEPREMIUM'));
    if (i % 25 === 7 && !hasE3 && !groupIds.length) licenses.push(lic('STANDARDPACK'));
    add(
      given,
      surname,
      `${given}.${surname}`.toLowerCase(),
      i % 10 === 3 ? null : COUNTRIES[i % COUNTRIES.length],
      licenses,
      groupIds,
    );
  }
  users.splice(styled); // a tenant smaller than the named set keeps only its first users
  withAccountsAndSignIns(users, namedUsers);

  // Bulk users for benchmarks.
  for (let n = 1; users.length < total; n++) {
    const local = `user${String(n).padStart(5, '0')}`;
    const upn = `${local}@${DEMO_DOMAIN}`;
    users.push({
      id: stableGuid('contoso', 'user', upn),
      userPrincipalName: upn,
      displayName: `User ${String(n).padStart(5, '0')}`,
      givenName: 'User',
      surname: String(n).padStart(5, '0'),
      usageLocation: 'US',
    });
  }

  // Subscriptions in trouble, on request: their holders exist, their seats do not.
  const strained: SkuFixture[] = [];
  if (options.strainedSubscriptions) {
    const visio = catalogSku('VISIOCLIENT', 2);
    const powerBi = catalogSku('POWER_BI_PRO', 0, { suspended: 10, capabilityStatus: 'Suspended' });
    strained.push(visio, powerBi);
    for (let i = 0; i < users.length; i++) {
      const local = users[i].userPrincipalName.split('@')[0];
      const extra = [
        ...(OVER_ASSIGNED_HOLDERS.includes(local) ? [visio.skuId] : []),
        ...(SUSPENDED_HOLDERS.includes(local) ? [powerBi.skuId] : []),
      ];
      if (extra.length)
        users[i] = { ...users[i], licenses: [...(users[i].licenses ?? []), ...extra.map((skuId) => ({ skuId }))] };
    }
  }

  // Seats: consumed comes from the users; prepaid = consumed + seats left.
  const consumed = new Map<string, number>();
  const groupSkus = new Map(groups.map((g) => [g.id, g.licenses.map((l) => l.skuId)]));
  for (const u of users) {
    // A group license in state Error was never assigned: it takes no seat (tenant.ts, GroupLicenseErrorFixture).
    const failed = new Set(
      (u.groupLicenseErrors ?? []).filter((e) => e.state === 'Error').map((e) => `${e.groupId}|${e.skuId}`),
    );
    const fromGroups = (u.groups ?? []).flatMap((g) =>
      (groupSkus.get(g) ?? []).filter((s) => !failed.has(`${g}|${s}`)),
    );
    const held = new Set([...(u.licenses ?? []).map((l) => l.skuId), ...fromGroups]);
    for (const s of held) consumed.set(s, (consumed.get(s) ?? 0) + 1);
  }
  const skus: SkuFixture[] = SKU_PLAN.map(([part, left]) => {
    const base = sku.get(part)!;
    const free = total > DEFAULT_DEMO_USERS ? Math.max(left, total) : left;
    return { ...base, prepaidUnits: { ...base.prepaidUnits, enabled: (consumed.get(base.skuId) ?? 0) + free } };
  });
  skus.push(...strained);

  const lag = options.replicationLag === undefined ? DEMO_REPLICATION_LAG : options.replicationLag || undefined;
  return {
    tenantId: DEMO_TENANT_ID,
    appId: DEMO_APP_ID,
    accountName: 'Contoso',
    skus,
    groups,
    users,
    ...(lag ? { replicationLag: lag } : {}),
    teams: demoTeams(),
    // Contoso is also a partner with three customers (partner/demo-customers.ts), served beside it by default.
    delegatedAdminRelationships: demoRelationships(),
  };
}

/** Days since the last sign-in of named users who stopped signing in (the rest signed in this week). */
const INACTIVE_NAMED: Readonly<Record<string, number>> = { 'megan.bowen': 120 };
const DAY_MS = 86_400_000;

/**
 * Account state and sign-in dates, for the inventory report: generated users with i % 40 = 8 (all
 * E3 holders) are disabled accounts (accountEnabled false); generated users signed in (i × 37) mod
 * 100 days ago, except i % 23 = 11 who never signed in; named users signed in 1 to 7 days ago, except
 * megan.bowen (SPE_E5) 120 days ago. Dates count back from the start of the current UTC day: the
 * tenant is the same all day, and "inactive for 90 days" finds the same users whenever it runs.
 */
function withAccountsAndSignIns(users: UserFixture[], namedUsers: number): void {
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const daysAgo = (d: number) => new Date(today - d * DAY_MS).toISOString().replace('.000Z', 'Z');
  for (let n = 0; n < users.length; n++) {
    const local = users[n].userPrincipalName.split('@')[0];
    const named = n < namedUsers;
    const i = n - namedUsers;
    const lastSignInDateTime = named
      ? daysAgo(INACTIVE_NAMED[local] ?? 1 + (n % 7))
      : i % 23 === 11
        ? null
        : daysAgo((i * 37) % 100);
    users[n] = { ...users[n], lastSignInDateTime, ...(!named && i % 40 === 8 ? { accountEnabled: false } : {}) };
  }
}
