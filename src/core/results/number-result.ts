import type { DesiredUser } from '../desired/desired';
import type { UserError } from '../graph/user-error';
import type { NumberType } from '../numbers/number-writes';
import type { NumberPlan } from '../plan/number-plan';
import type { UserPlan } from '../plan/user-plan';

/**
 * What the run did with one user's Teams number: one line per user in the journal (`kind: "number"`), the output
 * and the CSV, beside the user's license line. `pending`: written before the number is sent (a crash leaves it for
 * retry), and the end of a user Teams has not seen licensed within the wait (`resumeCommand` picks it up).
 */
export interface NumberLine {
  readonly kind: 'number';
  readonly user: string;
  readonly outcome: 'changed' | 'unchanged' | 'pending' | 'failed' | 'skipped';
  readonly at: string;
  /** The number given, canonical E.164 (`;ext=` for Direct Routing), and its type. */
  readonly assigned?: string;
  readonly numberType?: NumberType;
  /** Numbers taken back. */
  readonly unassigned?: readonly string[];
  /** `confirmed`: userConfigurations shows it; `not-yet-visible`: the operation succeeded, Teams' reads lag. */
  readonly readBack?: 'confirmed' | 'not-yet-visible';
  readonly isEnterpriseVoiceEnabled?: boolean;
  /** "Not licensed yet" answers waited out before Teams took the number (or before the user was left pending). */
  readonly licenseRetries?: number;
  /** On a pending user: the command that resumes it. */
  readonly resumeCommand?: string;
  /** What the user held before the run (undo gives these back); on every line of a user the run may write. */
  readonly before?: readonly { readonly telephoneNumber: string; readonly numberType: NumberType }[];
  /** On pending, failed and skipped lines: what the file wanted, so a retry needs only the journal. */
  readonly desired?: DesiredUser;
  readonly error?: UserError;
}

/** Where number lines go: the journal, in the same file as the users' license lines. */
export interface NumberSink {
  appendNumberLines(lines: readonly NumberLine[]): Promise<void>;
}

const beforeOf = (n: NumberPlan): NumberLine['before'] =>
  n.before.map((b) => ({ telephoneNumber: b.telephoneNumber, numberType: b.numberType }));

/** The line written before a user's number is sent. */
export function numberPendingLine(plan: UserPlan): NumberLine {
  return {
    kind: 'number',
    user: plan.user,
    outcome: 'pending',
    at: new Date().toISOString(),
    before: beforeOf(plan.number!),
    desired: plan.desired,
  };
}

/** A number the plan settled without a write: already as wanted, or will not be written (with why). */
export function numberLineWithoutWrites(plan: UserPlan): NumberLine {
  const n = plan.number!;
  const at = new Date().toISOString();
  if (n.kind === 'failed')
    return { kind: 'number', user: plan.user, outcome: 'failed', at, desired: plan.desired, error: n.error! };
  return { kind: 'number', user: plan.user, outcome: 'unchanged', at };
}

/** A number result of the stage, stamped with what retry and undo need. */
export function numberLine(plan: UserPlan, result: Omit<NumberLine, 'kind' | 'user' | 'at'>): NumberLine {
  const retryable = result.outcome === 'failed' || result.outcome === 'skipped' || result.outcome === 'pending';
  return {
    kind: 'number',
    user: plan.user,
    at: new Date().toISOString(),
    ...result,
    ...(result.outcome !== 'unchanged' ? { before: beforeOf(plan.number!) } : {}),
    ...(retryable ? { desired: plan.desired } : {}),
  };
}
