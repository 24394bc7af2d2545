/**
 * The one licensing table of the product: what Microsoft documents (or Graph's refusals show) about
 * service plans that need, or exclude, others. Both the editor's rules (src/core/rules) and the
 * planner's check of each user's resulting set (src/core/plan/license-rules.ts) read it, so every
 * dependency the planner refuses is one the editor flags (test/unit/catalog/licensing-rules.test.ts
 * holds both to every row). Rows are written over service-plan names, never SKU names, so bundles are
 * judged by what they contain. Each row cites its source; docs/licensing-rules.md quotes them.
 * The emulator keeps its own table on purpose (src/emulator/licensing/licensing-rule-table.ts).
 */

/** Where a row comes from: a Microsoft page (`doc`), or an answer Graph or the admin center gave (`observed`). */
export interface Citation {
  readonly kind: 'doc' | 'observed';
  readonly source: string;
  readonly quote: string;
}

/**
 * Phone System (Teams Phone Standard): MCOEV, and MCOEV_GOV in GCC SKUs.
 * A Calling Plan needs it first: "You must first purchase a Phone System add-on license."
 * (OfficeDocs-SkypeForBusiness Teams/calling-plans-for-office-365.md)
 */
const PHONE_SYSTEM_PLANS: readonly string[] = ['MCOEV', 'MCOEV_GOV'];

/**
 * Calling Plan service plans. MCOPSTN1/2/5 come from Microsoft's table of plans that cannot be
 * assigned together (entra-docs licensing-service-plan-reference.md, "Service plans that cannot be
 * assigned at the same time"); the newer ones (MCOPSTN6, MCOPSTN8, PSTN5_US, pay-as-you-go, GOV,
 * EAU, "Domestic Small") are Calling Plans by their product names in the official CSV.
 */
const CALLING_PLAN_PLANS: readonly string[] = [
  'MCOPSTN1',
  'MCOPSTN2',
  'MCOPSTN3',
  'MCOPSTN5',
  'MCOPSTN6',
  'MCOPSTN8',
  'PSTN5_US',
  'MCOPSTN_PAYG_1',
  'MCOPSTN1_GOV',
  'MCOPSTNEAU',
  'Skype for Business PSTN Calling Domestic Small',
];

/** No Calling Plan for users on on-premises PSTN / Direct Routing (the `pstn on-premises` directive). */
export const ON_PREMISES_PSTN: Citation = {
  kind: 'doc',
  source: 'Microsoft Learn, Teams, "Assign Teams add-ons" (teams-add-on-licensing/assign-teams-add-on-licenses.md)',
  quote:
    "If you're using on-premises PSTN connectivity for users, you only need to assign a Teams Phone Standard license. Do NOT assign a Calling Plan license.",
};

export interface ExclusiveGroup {
  readonly name: string;
  readonly plans: readonly string[];
}

/** The citation of every row of EXCLUSIVE_GROUPS. */
export const EXCLUSIVE_SOURCE: Citation = {
  kind: 'doc',
  source:
    'Microsoft Learn, Entra ID, "Product names and service plan identifiers for licensing", section "Service plans that cannot be assigned at the same time" (2025-10-29)',
  quote:
    'Some products contain service plans that cannot be assigned to the same user at the same time. ... Microsoft does not plan to update them for newly added services periodically.',
};

/**
 * Service plans that "cannot be assigned to the same user at the same time" (MutuallyExclusiveViolation),
 * verbatim from Microsoft's table (entra-docs licensing-service-plan-reference.md, commit 067a0c7b, 2025-10-29).
 * Microsoft does not extend the table to new plans, so only these are treated as certain.
 */
export const EXCLUSIVE_GROUPS: readonly ExclusiveGroup[] = [
  { name: 'Calling Plans', plans: ['MCOPSTN1', 'MCOPSTN2', 'MCOPSTN5'] },
  { name: 'Skype for Business', plans: ['MCOIMP', 'MCOSTANDARD_MIDMARKET', 'MCOSTANDARD', 'MCOLITE'] },
  {
    name: 'Exchange Online',
    plans: [
      'EXCHANGE_B_STANDARD',
      'EXCHANGE_S_ARCHIVE',
      'EXCHANGE_S_DESKLESS',
      'EXCHANGE_S_ESSENTIALS',
      'EXCHANGE_S_STANDARD',
      'EXCHANGE_S_STANDARD_MIDMARKET',
    ],
  },
  {
    name: 'SharePoint Online',
    plans: [
      'ONEDRIVEENTERPRISE',
      'SHAREPOINT_S_DEVELOPER',
      'SHAREPOINTDESKLESS',
      'SHAREPOINTENTERPRISE',
      'SHAREPOINTENTERPRISE_EDU',
      'SHAREPOINTENTERPRISE_MIDMARKET',
      'SHAREPOINTLITE',
      'SHAREPOINTSTANDARD',
      'SHAREPOINTSTANDARD_EDU',
      'SHAREPOINTSTANDARD_YAMMERSHADOW',
    ],
  },
  { name: 'Intune', plans: ['INTUNE_A', 'INTUNE_A_VL', 'INTUNE_B'] },
  { name: 'Azure Rights Management', plans: ['RMS_S_ENTERPRISE', 'RMS_S_ENTERPRISE_GOV'] },
  {
    name: 'Dynamics CRM',
    plans: [
      'CRMPLAN1',
      'CRMPLAN2',
      'CRMSTANDARD',
      'DYN365_ENTERPRISE_P1_IW',
      'DYN365_ENTERPRISE_SALES',
      'DYN365_ENTERPRISE_TEAM_MEMBERS',
      'EMPLOYEE_SELF_SERVICE',
    ],
  },
  { name: 'Yammer', plans: ['YAMMER_ENTERPRISE', 'YAMMER_EDU', 'YAMMER_MIDSIZE'] },
];

/** The editor's rule that flags a row: the Calling Plan row keeps its own code and quick fix. */
type DependencyRuleCode = 'calling-plan-needs-phone-system' | 'plan-needs-plan';

/**
 * DependencyViolation: "a service plan that depends on another service plan but the user doesn't have
 * that" (Microsoft's definition, microsoftgraph/microsoft-graph-docs#3167). Graph's answer:
 * "License assignment failed because service plan {dependent} depends on the service plan(s) {required}."
 * It refuses a new dependent plan without its prerequisite, and a change that takes the prerequisite
 * away (a removed license, or the plan turned off with `disable`) while the dependent stays on, inside
 * one SKU or across SKUs. For a group, the prerequisite must be in the same group (GROUP_PREREQUISITE).
 */
export interface PlanDependency {
  /** Short name, for docs and tests. */
  readonly name: string;
  /** Plans that need one of `requiresAnyOf` enabled on the same user. */
  readonly plans: readonly string[];
  readonly requiresAnyOf: readonly string[];
  /** What the admin should read the prerequisite as ("Phone System (MCOEV)"). */
  readonly requiredLabel: string;
  readonly rule: DependencyRuleCode;
  readonly cite: Citation;
}

export const PLAN_DEPENDENCIES: readonly PlanDependency[] = [
  {
    name: 'A Calling Plan needs Phone System',
    plans: CALLING_PLAN_PLANS,
    requiresAnyOf: PHONE_SYSTEM_PLANS,
    requiredLabel: 'Phone System (MCOEV)',
    rule: 'calling-plan-needs-phone-system',
    cite: {
      kind: 'doc',
      source: 'Microsoft Learn, Teams, "Calling Plans for Microsoft 365" (calling-plans-for-office-365.md)',
      quote: 'You must first purchase a Phone System add-on license.',
    },
  },
  {
    name: 'Audio Conferencing needs Skype for Business Online (Plan 2)',
    plans: ['MCOMEETADV'],
    requiresAnyOf: ['MCOSTANDARD', 'MCOSTANDARD_GOV'],
    requiredLabel: 'Skype for Business Online (Plan 2) (MCOSTANDARD)',
    rule: 'plan-needs-plan',
    cite: {
      kind: 'doc',
      source:
        'Microsoft Learn, Entra ID, "Resolve group license assignment problems" (licensing-groups-resolve-problems.md)',
      quote: 'Because Audio Conferencing is dependent on Skype for Business, ...',
    },
  },
  {
    name: 'Office for the web needs SharePoint',
    plans: ['SHAREPOINTWAC'],
    requiresAnyOf: ['SHAREPOINTENTERPRISE', 'SHAREPOINTDESKLESS', 'SHAREPOINTSTANDARD'],
    requiredLabel: 'SharePoint (SHAREPOINTENTERPRISE, SHAREPOINTSTANDARD or SHAREPOINTDESKLESS)',
    rule: 'plan-needs-plan',
    cite: {
      kind: 'observed',
      source:
        'Microsoft 365 admin center refusal, quoted in MicrosoftDocs/OfficeDocs-Enterprise#627 (on "Disable access to services with PowerShell")',
      quote:
        'to assign a license that contains Office for the web, you must also assign one of the following service plans: SharePoint Online (Plan 2), SharePoint Online Kiosk, SharePoint Online (Plan 1).',
    },
  },
  {
    name: 'Project Online Service needs SharePoint (Plan 2)',
    plans: ['SHAREPOINT_PROJECT'],
    requiresAnyOf: ['SHAREPOINTENTERPRISE'],
    requiredLabel: 'SharePoint (Plan 2) (SHAREPOINTENTERPRISE)',
    rule: 'plan-needs-plan',
    cite: {
      kind: 'observed',
      source: 'Graph answer to POST /users/{id}/reprocessLicenseAssignment, Request_BadRequest (captured)',
      quote:
        'License assignment failed because service plan fe71d6c3-a2ea-4499-9778-da042bf08063 depends on the service plan(s) 5dbe027f-2339-4123-9542-606e4d348a72',
    },
  },
  {
    name: 'Workplace Analytics needs Exchange Online',
    plans: ['WORKPLACE_ANALYTICS'],
    requiresAnyOf: ['EXCHANGE_S_STANDARD', 'EXCHANGE_S_ENTERPRISE'],
    requiredLabel: 'Exchange Online (Plan 1 or Plan 2)',
    rule: 'plan-needs-plan',
    cite: {
      kind: 'doc',
      source:
        'Microsoft Learn, Entra ID, "Resolve group license assignment problems", section "Manage licenses for products with prerequisites"',
      quote:
        'We can only assign this service plan to a user, or group, when one of the following prerequisites is also assigned: Exchange Online (Plan 1), Exchange Online (Plan 2)',
    },
  },
];

/**
 * Group-based licensing: an add-on's prerequisite must be in the same group, and a group's licenses
 * are given to a member all together or not at all.
 */
export const GROUP_PREREQUISITE: Citation = {
  kind: 'doc',
  source:
    'Microsoft Learn, Entra ID, "Resolve group license assignment problems", section "Manage licenses for products with prerequisites"',
  quote:
    'With group-based licensing, the system requires that both the prerequisite and add-on service plans be present in the same group.',
};

export const GROUP_ALL_OR_NOTHING: Citation = {
  kind: 'doc',
  source:
    'Microsoft Learn, Entra ID, "Resolve group license assignment problems", section "More than one product license assigned to a group"',
  quote:
    "If Microsoft Entra ID can't assign one of the products because of business logic problems, it won't assign the other licenses in the group either.",
};

const upper = (names: readonly string[]) => new Set(names.map((n) => n.toUpperCase()));
const CALLING = upper(CALLING_PLAN_PLANS);

export const isCallingPlan = (planName: string): boolean => CALLING.has(planName.toUpperCase());

const PHONE_SYSTEM = upper(PHONE_SYSTEM_PLANS);

/** Phone System (Teams Phone Standard): what Operator Connect and Direct Routing numbers need (docs/numbers.md). */
export const isPhoneSystem = (planName: string): boolean => PHONE_SYSTEM.has(planName.toUpperCase());

/**
 * The first dependency a set of enabled plans breaks: a dependent plan on, and none of its prerequisites.
 * `has` answers for an upper-case plan name.
 */
export function brokenDependency(
  has: (upperName: string) => boolean,
): { readonly rule: PlanDependency; readonly dependent: string } | undefined {
  for (const rule of DEPENDENCY_KEYS) {
    if (rule.requires.some(has)) continue;
    const dependent = rule.plans.find(has);
    if (dependent) return { rule: rule.rule, dependent };
  }
  return undefined;
}

const DEPENDENCY_KEYS = PLAN_DEPENDENCIES.map((rule) => ({
  rule,
  plans: [...upper(rule.plans)],
  requires: [...upper(rule.requiresAnyOf)],
}));
