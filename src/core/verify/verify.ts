import { hintForStateError } from '../graph/error-hints';
import { deferred, english, type Translate } from '../text/translate';
import type { GraphUser } from '../graph/resources';
import type { TenantSkus } from '../tenant/tenant-skus';
import type { UserPlan } from '../plan/user-plan';

/** Something the re-read user shows after the write. */
export interface VerifyFinding {
  readonly code: string;
  readonly text: string;
  readonly hint?: string;
  /** The change did not take (or a license it touched is in error): the user does not have what the file wants. */
  readonly blocking: boolean;
  /** The write is simply not visible yet: Graph's directory replicates, so read again before believing it. */
  readonly maybeNotYetVisible: boolean;
}

const IN_ERROR = new Set(['Error', 'ActiveWithError']);
const sameSet = (a: readonly string[], b: readonly string[]) => {
  const x = new Set(a.map((s) => s.toLowerCase()));
  const y = new Set(b.map((s) => s.toLowerCase()));
  return x.size === y.size && [...x].every((v) => y.has(v));
};

/**
 * After the write, does the tenant agree? Any license in an error state is
 * reported (blocking when this run touched it); anything the run sent that is not there is blocking.
 */
export function checkAfterWrite(
  plan: UserPlan,
  user: GraphUser,
  skus: TenantSkus,
  t: Translate = english,
): VerifyFinding[] {
  const findings: VerifyFinding[] = [];
  const name = (skuId: string) => skus.byIdOrUndefined(skuId)?.partNumber ?? skuId;
  const touched = new Set(plan.add.map((a) => a.skuId.toLowerCase()));
  const states = user.licenseAssignmentStates ?? [];

  for (const s of states) {
    const error = s.error && s.error !== 'None' ? s.error : undefined;
    if (!IN_ERROR.has(s.state ?? '') && !error) continue;
    const via = s.assignedByGroup ? t(' (through group {0})', s.assignedByGroup) : '';
    const hint = error ? hintForStateError(error) : undefined;
    findings.push({
      code: error ?? s.state ?? 'Error',
      text: error
        ? t('{0} is in state {1} with {2}{3}', name(s.skuId), s.state ?? t('unknown'), error, via)
        : t('{0} is in state {1}{2}', name(s.skuId), s.state ?? t('unknown'), via),
      ...(hint ? { hint } : {}),
      // What this run wrote is the direct assignment: an old error on a group's copy of the same
      // SKU is worth a note, not a failure of the change that landed. Only an explicit error state
      // fails it: `ActiveWithError` without a reason is the service still settling.
      blocking:
        (s.state === 'Error' || (s.state === 'ActiveWithError' && !!error)) &&
        !s.assignedByGroup &&
        touched.has(s.skuId.toLowerCase()),
      maybeNotYetVisible: false,
    });
  }

  const assigned = new Map((user.assignedLicenses ?? []).map((l) => [l.skuId.toLowerCase(), l]));
  const direct = new Map(states.filter((s) => !s.assignedByGroup).map((s) => [s.skuId.toLowerCase(), s]));
  const missing = (text: string): VerifyFinding => ({
    code: 'VerificationFailed',
    text,
    blocking: true,
    maybeNotYetVisible: true,
    hint: deferred(
      'Run the plan again in a few minutes; if it persists, check the user in the Microsoft 365 admin center.',
    ),
  });

  for (const a of plan.add) {
    const held = direct.get(a.skuId) ?? assigned.get(a.skuId);
    if (!held) findings.push(missing(t('{0} is not on the user after the write', a.partNumber)));
    else if (!sameSet(held.disabledPlans ?? [], a.disabledPlans))
      findings.push(missing(t('{0} does not have the disabled plans that were sent', a.partNumber)));
  }
  for (const r of plan.remove) {
    const stillDirect = states.length ? direct.has(r.skuId) : assigned.has(r.skuId);
    if (stillDirect) findings.push(missing(t('{0} is still assigned directly after the write', r.partNumber)));
  }
  if (plan.setUsageLocation && (user.usageLocation ?? '').toUpperCase() !== plan.setUsageLocation.toUpperCase()) {
    findings.push(
      missing(t('usage location is {0}, not {1}', user.usageLocation ?? t('empty'), plan.setUsageLocation)),
    );
  }
  return findings;
}
