import { planKeys } from '../licensing/plan-rules';
import { type EmulatorSku, type EmulatorTenant, type EmulatorUser } from '../directory/tenant';
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

/** Each SKU's voice plans (lower-case servicePlanId → capability), worked out once per SKU: Teams asks each read. */
const VOICE_PLANS = new WeakMap<EmulatorSku, ReadonlyMap<string, VoiceCapability>>();
function voicePlans(sku: EmulatorSku): ReadonlyMap<string, VoiceCapability> {
  let plans = VOICE_PLANS.get(sku);
  if (!plans) {
    const table = new Map<string, VoiceCapability>();
    for (const p of sku.servicePlans) {
      const name = p.servicePlanName.toUpperCase();
      const capability = PHONE_SYSTEM.has(name) ? 'phoneSystem' : CALLING_PLAN.has(name) ? 'callingPlan' : undefined;
      if (capability) table.set(p.servicePlanId.toLowerCase(), capability);
    }
    plans = table;
    VOICE_PLANS.set(sku, plans);
  }
  return plans;
}

/** The tenant's SKUs that carry a voice plan, by lower-case skuId; worked out again if the SKU list grows. */
const VOICE_SKUS = new WeakMap<readonly EmulatorSku[], { readonly count: number; readonly ids: ReadonlySet<string> }>();
function voiceSkuIds(tenant: EmulatorTenant): ReadonlySet<string> {
  let known = VOICE_SKUS.get(tenant.skus);
  if (!known || known.count !== tenant.skus.length) {
    known = {
      count: tenant.skus.length,
      ids: new Set(tenant.skus.filter((s) => voicePlans(s).size > 0).map((s) => s.skuId.toLowerCase())),
    };
    VOICE_SKUS.set(tenant.skus, known);
  }
  return known.ids;
}

/** The voice capabilities the user's enabled plans give right now (direct and group licenses alike). */
export function voiceCapabilities(tenant: EmulatorTenant, user: EmulatorUser): Set<VoiceCapability> {
  const out = new Set<VoiceCapability>();
  const assignments = user.groups.length
    ? [...user.licenses, ...tenant.groupLicenses(user).map((g) => g.license)]
    : user.licenses;
  // Most users hold no SKU with a voice plan: Teams sees nothing, and every user is asked at each start.
  const voice = voiceSkuIds(tenant);
  if (!assignments.some((a) => voice.has(a.skuId.toLowerCase()))) return out;
  const skus = assignments.map((a) => tenant.findSku(a.skuId));
  // A voice plan counts when some assignment enables it: its SKU has the plan and the assignment does not disable it.
  const enabled = (planId: string) =>
    assignments.some(
      (a, i) =>
        skus[i] !== undefined &&
        planKeys(skus[i]).some(([key]) => key === planId) &&
        !a.disabledPlans.some((d) => d.toLowerCase() === planId),
    );
  for (const sku of skus)
    if (sku) for (const [planId, capability] of voicePlans(sku)) if (enabled(planId)) out.add(capability);
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
