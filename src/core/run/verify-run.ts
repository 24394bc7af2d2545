import { sleep, type Cancellation } from '../graph/cancellation';
import type { GraphConnection } from '../graph/connection';
import type { GraphUser } from '../graph/resources';
import { readUsers } from '../graph/tenant-reads';
import type { TenantSkus } from '../plan/tenant-skus';
import { ENGINE_CODES } from '../graph/user-error';
import type { UserPlan } from '../plan/user-plan';
import type { Decided } from './apply-chunk';
import { changedResult } from './results';
import type { UserResult } from './user-result';
import { checkAfterWrite, type VerifyFinding } from './verify';

export interface VerifyOutcome {
  readonly verified: number;
  /** Results that change: a blocking finding turns `changed` into `failed`; others add notes. */
  readonly revisions: Decided;
  /** Users the tenant agrees with, marked `verified: true` (not journaled again: nothing changed). */
  readonly confirmed: Decided;
}

/** Graph's directory replicates: a write can take a moment to show. One second look before blaming it. */
const DEFAULT_RETRY_DELAY_MS = 3000;

/** Graph's `$batch` answer left the write out (apply-chunk.ts): only the re-read can say whether it landed. */
export const answerWasLost = (result: UserResult | undefined): boolean => result?.outcome === 'failed' && result.error?.code === ENGINE_CODES.answerLost;

function revise(plan: UserPlan, result: UserResult, findings: readonly VerifyFinding[]): UserResult {
  const blocking = findings.filter((f) => f.blocking);
  if (answerWasLost(result) && blocking.length === 0) {
    // The write landed although its answer was lost: report it as the change it is.
    const changed = changedResult(plan, true, ["Graph's answer was lost; re-reading the user shows the change applied"]);
    const notes = [...(changed.notes ?? []), ...findings.map((f) => f.text)];
    return { ...changed, verified: true, ...(notes.length ? { notes } : {}) };
  }
  const notes = [...(result.notes ?? []), ...findings.filter((f) => !f.blocking).map((f) => f.text)];
  if (blocking.length === 0) return { ...result, verified: true, ...(notes.length ? { notes } : {}) };
  return {
    ...result,
    outcome: 'failed',
    verified: false,
    error: {
      code: blocking.length === 1 ? blocking[0].code : ENGINE_CODES.verificationFailed,
      message: `After the write: ${blocking.map((f) => f.text).join('; ')}.`,
      ...(blocking.find((f) => f.hint) ? { hint: blocking.find((f) => f.hint)!.hint } : {}),
    },
    ...(notes.length ? { notes } : {}),
  };
}

/**
 * Re-reads the changed users (by object id, 20 to a batch) and checks each against its plan; also
 * those whose answer was lost (`answerWasLost`), which become `changed` when the tenant agrees.
 */
export async function verifyChanged(
  connection: GraphConnection,
  skus: TenantSkus,
  changed: readonly UserPlan[],
  finals: ReadonlyMap<UserPlan, UserResult>,
  cancellation: Cancellation,
  retryDelayMs = DEFAULT_RETRY_DELAY_MS,
): Promise<VerifyOutcome> {
  const revisions: { plan: UserPlan; result: UserResult }[] = [];
  const confirmed: { plan: UserPlan; result: UserResult }[] = [];
  let toRead = changed;
  let verified = 0;
  for (let look = 1; toRead.length > 0 && look <= 2; look++) {
    if (look === 2 && !(await sleep(retryDelayMs, cancellation))) break;
    const current = await readUsers(connection, toRead.map((p) => p.userId!), cancellation);
    const again: UserPlan[] = [];
    for (const plan of toRead) {
      const read = current.get(plan.userId!.toLowerCase());
      if (!read || read.kind !== 'found') continue;
      const findings = checkAfterWrite(plan, read.user as GraphUser, skus);
      if (look === 1 && findings.some((f) => f.maybeNotYetVisible)) {
        again.push(plan);
        continue;
      }
      verified++;
      const before = finals.get(plan)!;
      const result = revise(plan, before, findings);
      (findings.length || answerWasLost(before) ? revisions : confirmed).push({ plan, result });
    }
    toRead = again;
  }
  return { verified, revisions, confirmed };
}
