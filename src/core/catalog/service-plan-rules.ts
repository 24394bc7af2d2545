/**
 * Licensing knowledge that Microsoft publishes only as prose, expressed over service-plan names
 * (never SKU names), so that bundles are judged by what they contain: MCOTEAMS_ESSENTIALS and
 * BUSINESS_VOICE hold a Calling Plan, every E5 variant holds Phone System, and so on.
 * Each rule cites the Microsoft document it comes from.
 */

/**
 * Phone System (Teams Phone Standard): MCOEV, and MCOEV_GOV in GCC SKUs.
 * A Calling Plan needs it first: "You must first purchase a Phone System add-on license."
 * (OfficeDocs-SkypeForBusiness Teams/calling-plans-for-office-365.md)
 */
export const PHONE_SYSTEM_PLANS: readonly string[] = ['MCOEV', 'MCOEV_GOV'];

/**
 * Calling Plan service plans. MCOPSTN1/2/5 come from Microsoft's table of plans that cannot be
 * assigned together (entra-docs licensing-service-plan-reference.md, "Service plans that cannot be
 * assigned at the same time"); the newer ones (MCOPSTN6, MCOPSTN8, PSTN5_US, pay-as-you-go, GOV,
 * EAU, "Domestic Small") are Calling Plans by their product names in the official CSV.
 */
export const CALLING_PLAN_PLANS: readonly string[] = [
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

export interface ExclusiveGroup {
  readonly name: string;
  readonly plans: readonly string[];
}

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

export interface PlanDependency {
  /** Plans that need one of `requiresAnyOf` enabled on the same user. */
  readonly plans: readonly string[];
  readonly requiresAnyOf: readonly string[];
  readonly source: string;
}

/** DependencyViolation: "a service plan that depends on another service plan but the user doesn't have that". */
export const PLAN_DEPENDENCIES: readonly PlanDependency[] = [
  {
    plans: CALLING_PLAN_PLANS,
    requiresAnyOf: PHONE_SYSTEM_PLANS,
    source:
      'OfficeDocs-SkypeForBusiness Teams/calling-plans-for-office-365.md: "You must first purchase a Phone System add-on license."',
  },
  {
    plans: ['MCOMEETADV'],
    requiresAnyOf: ['MCOSTANDARD', 'MCOSTANDARD_GOV'],
    source: 'entra-docs licensing-groups-resolve-problems.md: "Audio Conferencing is dependent on Skype for Business"',
  },
];

const upper = (names: readonly string[]) => new Set(names.map((n) => n.toUpperCase()));
const PHONE_SYSTEM = upper(PHONE_SYSTEM_PLANS);
const CALLING = upper(CALLING_PLAN_PLANS);

export const isPhoneSystemPlan = (planName: string): boolean => PHONE_SYSTEM.has(planName.toUpperCase());
export const isCallingPlan = (planName: string): boolean => CALLING.has(planName.toUpperCase());
