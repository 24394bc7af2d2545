/**
 * The emulator's own licensing rules, written from Microsoft's documentation and nothing else, by
 * service plan id (what Graph's subscribedSkus and assignLicense carry). It is deliberately not
 * shared with the validator's table (src/core/catalog/licensing-rules.ts): if either table is
 * wrong, the emulator must not be wrong the same way. test/unit/emulator/plan-rules-agreement.test.ts
 * compares the two and lists where they differ on purpose. Sources: src/emulator/CONTRACT.md,
 * "Licensing rules".
 */

export interface RulePlan {
  readonly id: string;
  /** servicePlanName, for readers and messages only: the rules match on `id`. */
  readonly name: string;
}

const plan = (name: string, id: string): RulePlan => ({ id, name });

/**
 * "The following service plans cannot be assigned together", one table per service, verbatim
 * (names and GUIDs) from entra-docs docs/identity/users/licensing-service-plan-reference.md,
 * "Service plans that cannot be assigned at the same time". Microsoft says it does not extend the
 * tables to new services, so nothing is added to them here.
 */
export const MUTUALLY_EXCLUSIVE: readonly { readonly service: string; readonly plans: readonly RulePlan[] }[] = [
  {
    service: 'Dynamics CRM',
    plans: [
      plan('CRMPLAN1', '119cf168-b6cf-41fb-b82e-7fee7bae5814'),
      plan('CRMPLAN2', 'bf36ca64-95c6-4918-9275-eb9f4ce2c04f'),
      plan('CRMSTANDARD', 'f9646fb2-e3b2-4309-95de-dc4833737456'),
      plan('DYN365_ENTERPRISE_P1_IW', '056a5f80-b4e0-4983-a8be-7ad254a113c9'),
      plan('DYN365_ENTERPRISE_SALES', '2da8e897-7791-486b-b08f-cc63c8129df7'),
      plan('DYN365_ENTERPRISE_TEAM_MEMBERS', '6a54b05e-4fab-40e7-9828-428db3b336fa'),
      plan('EMPLOYEE_SELF_SERVICE', 'ba5f0cfa-d54a-4ea0-8cf4-a7e1dc4423d8'),
    ],
  },
  {
    service: 'Exchange Online',
    plans: [
      plan('EXCHANGE_B_STANDARD', '90927877-dcff-4af6-b346-2332c0b15bb7'),
      plan('EXCHANGE_S_ARCHIVE', 'da040e0a-b393-4bea-bb76-928b3fa1cf5a'),
      plan('EXCHANGE_S_DESKLESS', '4a82b400-a79f-41a4-b4e2-e94f5787b113'),
      plan('EXCHANGE_S_ESSENTIALS', '1126bef5-da20-4f07-b45e-ad25d2581aa8'),
      plan('EXCHANGE_S_STANDARD', '9aaf7827-d63c-4b61-89c3-182f06f82e5c'),
      plan('EXCHANGE_S_STANDARD_MIDMARKET', 'fc52cc4b-ed7d-472d-bbe7-b081c23ecc56'),
    ],
  },
  {
    service: 'Microsoft 365',
    plans: [
      plan('RMS_S_ENTERPRISE', 'bea4c11e-220a-4e6d-8eb8-8ea15d019f90'),
      plan('RMS_S_ENTERPRISE_GOV', '6a76346d-5d6e-4051-9fe3-ed3f312b5597'),
    ],
  },
  {
    service: 'Intune',
    plans: [
      plan('INTUNE_A', 'c1ec4a95-1f05-45b3-a911-aa3fa01094f5'),
      plan('INTUNE_A_VL', '3e170737-c728-4eae-bbb9-3f3360f7184c'),
      plan('INTUNE_B', '2dc63b8a-df3d-448f-b683-8655877c9360'),
    ],
  },
  {
    service: 'SharePoint Online',
    plans: [
      plan('ONEDRIVEENTERPRISE', 'afcafa6a-d966-4462-918c-ec0b4e0fe642'),
      plan('SHAREPOINT_S_DEVELOPER', 'a361d6e2-509e-4e25-a8ad-950060064ef4'),
      plan('SHAREPOINTDESKLESS', '902b47e5-dcb2-4fdc-858b-c63a90a2bdb9'),
      plan('SHAREPOINTENTERPRISE', '5dbe027f-2339-4123-9542-606e4d348a72'),
      plan('SHAREPOINTENTERPRISE_EDU', '63038b2c-28d0-45f6-bc36-33062963b498'),
      plan('SHAREPOINTENTERPRISE_MIDMARKET', '6b5b6a67-fc72-4a1f-a2b5-beecf05de761'),
      plan('SHAREPOINTLITE', 'a1f3d0a8-84c0-4ae0-bae4-685917b8ab48'),
      plan('SHAREPOINTSTANDARD', 'c7699d2e-19aa-44de-8edf-1736da088ca1'),
      plan('SHAREPOINTSTANDARD_EDU', '0a4983bb-d3e5-4a09-95d8-b2d0127b3df5'),
      plan('SHAREPOINTSTANDARD_YAMMERSHADOW', '4c9efd0c-8de7-4c71-8295-9f5fdb0dd048'),
    ],
  },
  {
    service: 'Skype for Business',
    plans: [
      plan('MCOIMP', 'afc06cb0-b4f4-4473-8286-d644f70d8faf'),
      plan('MCOSTANDARD_MIDMARKET', 'b2669e95-76ef-4e7e-a367-002f60a39f3e'),
      plan('MCOSTANDARD', '0feaeb32-d00e-4d66-bd5a-43b5b83db82c'),
      plan('MCOLITE', '70710b6b-3ab4-4a38-9f6d-9f169461650a'),
    ],
  },
  {
    // The second Skype for Business table of the page: the Calling Plans.
    service: 'Skype for Business (Calling Plans)',
    plans: [
      plan('MCOPSTN1', '4ed3ff63-69d7-4fb7-b984-5aec7f605ca8'),
      plan('MCOPSTN2', '5a10155d-f5c1-411a-a8ec-e99aae125390'),
      plan('MCOPSTN5', '54a152dc-90de-4996-93d2-bc47e670fc06'),
    ],
  },
  {
    service: 'Yammer',
    plans: [
      plan('YAMMER_ENTERPRISE', '7547a3fe-08ee-4ccb-b430-5077c5041653'),
      plan('YAMMER_EDU', '2078e8df-cff6-4290-98cb-5408261a760a'),
      plan('YAMMER_MIDSIZE', '41bf139a-4e60-409f-9346-a1361efc6dfb'),
    ],
  },
];

const PHONE_SYSTEM = [
  plan('MCOEV', '4828c8ec-dc2e-4779-b502-87ac9ce28ab7'), // "Microsoft 365 Phone System"
  plan('MCOEV_GOV', 'db23fce2-a974-42ef-9002-d78dd42a0f22'), // "Microsoft 365 Phone System for Government"
];

/**
 * Calling Plans: the four the Teams licensing page lists (MCOPSTN1, MCOPSTN2, MCOPSTN5, MCOPSTN6 in
 * OfficeDocs-SkypeForBusiness Teams/teams-add-on-licensing/assign-teams-add-on-licenses.md), and the
 * service plans that Microsoft's own product names call a Calling Plan (licensing-service-plan-reference.md).
 * MCOPSTN3 is not one: its SKU MCOPSTNPP is "Communications Credits" on the Teams page.
 */
const CALLING_PLANS = [
  plan('MCOPSTN1', '4ed3ff63-69d7-4fb7-b984-5aec7f605ca8'), // "Microsoft 365 Domestic Calling Plan"
  plan('MCOPSTN2', '5a10155d-f5c1-411a-a8ec-e99aae125390'), // "Domestic and International Calling Plan"
  plan('MCOPSTN5', '54a152dc-90de-4996-93d2-bc47e670fc06'), // "Domestic Calling Plan"
  plan('MCOPSTN6', '346d83bf-6fe6-42ca-b424-b9300d2e21bf'), // "Microsoft 365 Domestic Calling Plan (240 min)"
  // "Microsoft 365 Domestic Calling Plan (120 min) at User Level"
  plan('MCOPSTN8', '16935b20-87c0-4908-934a-22aa267d0d26'),
  plan('PSTN5_US', '1346d5e6-15a6-4b88-9693-806ff7296a7a'), // "Microsoft 365 Domestic Calling Plan - US (120 minutes)"
  // "Microsoft Teams Calling Plan pay-as-you-go - country zone 1"
  plan('MCOPSTN_PAYG_1', '156a1efe-17cd-4b03-9f17-2eb512298fb3'),
  plan('MCOPSTN1_GOV', '3c8a8792-7866-409b-bb61-1b20ace0368b'), // "Domestic Calling Plan for Government"
  plan('MCOPSTNEAU', '7861360b-dc3b-4eba-a3fc-0d323a035746'), // "AUSTRALIA CALLING PLAN"
];

export interface PlanDependencyRule {
  readonly name: string;
  /** Each of these needs one of `requiresAnyOf` enabled on the same user. */
  readonly dependents: readonly RulePlan[];
  readonly requiresAnyOf: readonly RulePlan[];
}

/** DependencyViolation: "a service plan that depends on another service plan but the user doesn't have that". */
export const DEPENDENCIES: readonly PlanDependencyRule[] = [
  {
    // calling-plans-for-office-365.md: "You must first purchase a Phone System add-on license."
    name: 'A Calling Plan needs Phone System',
    dependents: CALLING_PLANS,
    requiresAnyOf: PHONE_SYSTEM,
  },
  {
    // entra-docs licensing-groups-resolve-problems.md: "Audio Conferencing is dependent on Skype for
    // Business", said of Office 365 E3/E5 "with a Skype for Business service plan enabled": MCOSTANDARD.
    name: 'Audio Conferencing needs Skype for Business Online (Plan 2)',
    dependents: [plan('MCOMEETADV', '3e26ee1f-8a5f-4d52-aee2-b81ce45c8f40')],
    requiresAnyOf: [plan('MCOSTANDARD', '0feaeb32-d00e-4d66-bd5a-43b5b83db82c')],
  },
  {
    // The Microsoft 365 admin center's refusal, quoted in MicrosoftDocs/OfficeDocs-Enterprise#627: "to assign
    // a license that contains Office for the web, you must also assign one of the following service plans:
    // SharePoint Online (Plan 2), SharePoint Online Kiosk, SharePoint Online (Plan 1)."
    name: 'Office for the web needs SharePoint Online',
    dependents: [plan('SHAREPOINTWAC', 'e95bec33-7c88-4a70-8e19-b10bd9d0c014')],
    requiresAnyOf: [
      plan('SHAREPOINTENTERPRISE', '5dbe027f-2339-4123-9542-606e4d348a72'),
      plan('SHAREPOINTDESKLESS', '902b47e5-dcb2-4fdc-858b-c63a90a2bdb9'),
      plan('SHAREPOINTSTANDARD', 'c7699d2e-19aa-44de-8edf-1736da088ca1'),
    ],
  },
  {
    // A captured Graph answer (reprocessLicenseAssignment, Request_BadRequest): "License assignment failed
    // because service plan fe71d6c3-... depends on the service plan(s) 5dbe027f-...".
    name: 'Project Online Service needs SharePoint (Plan 2)',
    dependents: [plan('SHAREPOINT_PROJECT', 'fe71d6c3-a2ea-4499-9778-da042bf08063')],
    requiresAnyOf: [plan('SHAREPOINTENTERPRISE', '5dbe027f-2339-4123-9542-606e4d348a72')],
  },
  {
    // entra-docs licensing-groups-resolve-problems.md, "Manage licenses for products with prerequisites":
    // Workplace Analytics can be assigned only "when one of the following prerequisites is also assigned:
    // Exchange Online (Plan 1), Exchange Online (Plan 2)".
    name: 'Workplace Analytics needs Exchange Online',
    dependents: [plan('WORKPLACE_ANALYTICS', 'f477b0f0-3bb1-4890-940c-40fcee6ce05f')],
    requiresAnyOf: [
      plan('EXCHANGE_S_STANDARD', '9aaf7827-d63c-4b61-89c3-182f06f82e5c'),
      plan('EXCHANGE_S_ENTERPRISE', 'efb87545-963c-4e0d-99df-69c6916d9eb0'),
    ],
  },
];
