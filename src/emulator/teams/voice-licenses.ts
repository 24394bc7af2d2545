import { enabledPlans } from '../licensing/plan-rules';
import { type EmulatorTenant, type EmulatorUser } from '../directory/tenant';
import { type NumberType } from './teams-fixture';

/**
 * Which service plans give Teams voice, by servicePlanName, from Microsoft's product names and service plan
 * identifiers table (entra-docs licensing-service-plan-reference.md): Phone System is MCOEV ("Microsoft 365
 * Phone System"), MCOEVSMB (Business Voice), MCOEV_VIRTUALUSER (resource accounts) and their _GOV forms;
 * Calling Plans are the MCOPSTN plans that carry minutes (MCOPSTN1 Domestic, MCOPSTN2 Domestic and
 * International, MCOPSTN5/6/8 the minute-capped ones, MCOPSTN_PAYG_1 pay-as-you-go, MCOPSTNEAU Telstra).
 * MCOPSTNC (Communications Credits) and MCOPSTN3 (dial-out conferencing) are not Calling Plans.
 */
const PHONE_SYSTEM = new Set(['MCOEV', 'MCOEVSMB', 'MCOEV_GOV', 'MCOEV_VIRTUALUSER', 'MCOEV_VIRTUALUSER_GOV']);
const CALLING_PLAN = new Set([
  'MCOPSTN1',
  'MCOPSTN1_GOV',
  'MCOPSTN2',
  'MCOPSTN5',
  'MCOPSTN6',
  'MCOPSTN8',
  'MCOPSTN_PAYG_1',
  'MCOPSTNEAU',
]);

export type VoiceCapability = 'phoneSystem' | 'callingPlan';

/** The voice capabilities the user's enabled plans give right now (direct and group licenses alike). */
export function voiceCapabilities(tenant: EmulatorTenant, user: EmulatorUser): Set<VoiceCapability> {
  const assignments = [...user.licenses, ...tenant.groupLicenses(user).map((g) => g.license)];
  const plans = enabledPlans(tenant, assignments);
  const names = new Set<string>();
  for (const a of assignments)
    for (const p of tenant.findSku(a.skuId)?.servicePlans ?? [])
      if (plans.has(p.servicePlanId.toLowerCase())) names.add(p.servicePlanName.toUpperCase());
  const out = new Set<VoiceCapability>();
  if ([...names].some((n) => PHONE_SYSTEM.has(n))) out.add('phoneSystem');
  if ([...names].some((n) => CALLING_PLAN.has(n))) out.add('callingPlan');
  return out;
}

/**
 * The license a number type needs (Set-CsPhoneNumberAssignment, office-docs-powershell: a Calling Plan
 * number goes to a user with a Calling Plan; Operator Connect and Direct Routing numbers to a user with
 * Phone System, "Teams Phone with Calling Plan / Operator Connect / Direct Routing" in the Teams docs'
 * PSTN connectivity options). A Calling Plan also needs Phone System, which assignLicense already enforces.
 */
export const NEEDED: Readonly<Record<NumberType, VoiceCapability>> = {
  callingPlan: 'callingPlan',
  operatorConnect: 'phoneSystem',
  directRouting: 'phoneSystem',
};

/** The word Teams uses for a number type in its messages ("a 'CallingPlan' number"). */
export const TEAMS_TYPE_NAME: Readonly<Record<NumberType, string>> = {
  callingPlan: 'CallingPlan',
  operatorConnect: 'OperatorConnect',
  directRouting: 'DirectRouting',
};
