import { ENGINE_CODES } from '../graph/user-error';
import type { UserPlan } from '../plan/user-plan';
import { changedResult } from '../results/results';
import type { UserResult } from '../results/user-result';
import type { VerifyFinding } from './verify';
import { deferred, english, type Translate } from '../text/translate';

/**
 * The note on a user whose write Graph accepted but whose re-reads still did not show it when the
 * verification ran out of time. Microsoft: "A successful write … does not guarantee that an
 * immediate read will reflect that change" (Entra, designing for eventual consistency): this is
 * not a failure, and a "retry failed" must not send it again.
 */
export const NOT_YET_VISIBLE_NOTE = deferred('not yet visible; Graph accepted it');

/** What one re-read of a changed user means for its result. */
export type ReadVerdict =
  /** The tenant agrees (`result.verified: true`); `noted`: the read added notes worth a journal line. */
  | { readonly kind: 'agrees'; readonly result: UserResult; readonly noted: boolean }
  /** An explicit error state on what this run wrote: `changed` becomes `failed`. */
  | { readonly kind: 'fails'; readonly result: UserResult }
  /** The write does not show yet: read again later. */
  | { readonly kind: 'look-again' }
  /** Out of time and still not visible: stays `changed`, with NOT_YET_VISIBLE_NOTE. */
  | { readonly kind: 'not-yet-visible'; readonly result: UserResult };

const withNotes = (result: UserResult, extra: readonly string[]) => {
  const notes = [...(result.notes ?? []), ...extra];
  return notes.length ? { notes } : {};
};

/**
 * Judges one re-read. Only a finding that is not explained by replication (a license this run
 * wrote in state `Error` / `ActiveWithError`) fails a user; what is merely missing is looked at
 * again until `lastLook`, then reported as not yet visible.
 */
export function judgeRead(
  result: UserResult,
  findings: readonly VerifyFinding[],
  lastLook: boolean,
  t: Translate = english,
): ReadVerdict {
  const notes = findings.filter((f) => !f.blocking).map((f) => f.text);
  const errors = findings.filter((f) => f.blocking && !f.maybeNotYetVisible);
  const missing = findings.filter((f) => f.blocking && f.maybeNotYetVisible);
  if (errors.length > 0) {
    const hint = errors.find((f) => f.hint)?.hint;
    return {
      kind: 'fails',
      result: {
        ...result,
        outcome: 'failed',
        verified: false,
        error: {
          code: errors.length === 1 ? errors[0].code : ENGINE_CODES.verificationFailed,
          message: t('After the write: {0}.', errors.map((f) => f.text).join('; ')),
          ...(hint ? { hint } : {}),
        },
        ...withNotes(result, notes),
      },
    };
  }
  if (missing.length > 0) {
    if (!lastLook) return { kind: 'look-again' };
    return { kind: 'not-yet-visible', result: { ...result, ...withNotes(result, [...notes, NOT_YET_VISIBLE_NOTE]) } };
  }
  return {
    kind: 'agrees',
    result: { ...result, verified: true, ...withNotes(result, notes) },
    noted: notes.length > 0,
  };
}

/** Graph's `$batch` answer left the write out (apply-chunk.ts): only the re-read can say whether it landed. */
export const answerWasLost = (result: UserResult | undefined): boolean =>
  result?.outcome === 'failed' && result.error?.code === ENGINE_CODES.answerLost;

const LOST_ANSWER_NOTE = deferred("Graph's answer was lost; re-reading the user shows the change applied");

/**
 * Judges one re-read of a user whose answer was lost: the tenant showing the change makes it the
 * `changed` it is (journalled again); an error state fails it as for any write; a change that never
 * shows leaves the recorded failure, since nobody saw Graph accept it.
 */
export function judgeLostAnswerRead(
  plan: UserPlan,
  result: UserResult,
  findings: readonly VerifyFinding[],
  lastLook: boolean,
  t: Translate = english,
): ReadVerdict {
  const verdict = judgeRead(changedResult(plan, true, [LOST_ANSWER_NOTE]), findings, lastLook, t);
  if (verdict.kind === 'agrees') return { ...verdict, noted: true };
  if (verdict.kind === 'not-yet-visible')
    return {
      kind: 'fails',
      result: { ...result, ...withNotes(result, [deferred('the re-read does not show the change either')]) },
    };
  return verdict;
}
