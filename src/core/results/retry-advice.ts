import type { UserError } from '../graph/user-error';
import { english, type Translate } from '../text/translate';
import type { UserResult } from './user-result';

/**
 * Whether trying a failed user again can succeed once the admin has fixed what the failure names
 * (throttling, a transient fault, seats, the file's block, a group), or whether the user must be
 * handled another way: a user not found is not in the tenant under that name, and a retry by the
 * same name finds nobody again. `instead` says what to do then.
 */
export type RetryAdvice = { readonly kind: 'retry' } | { readonly kind: 'instead'; readonly instead: string };

const RETRY: RetryAdvice = { kind: 'retry' };

export function retryAdvice(error: UserError | undefined, t: Translate = english): RetryAdvice {
  switch (error?.code) {
    case 'Request_ResourceNotFound':
      return {
        kind: 'instead',
        instead: t(
          'not found in the tenant: a retry by the same name finds nobody. Fix the UPN or id in the file (or create the user), then apply the file again.',
        ),
      };
    case 'DuplicateUser':
      return {
        kind: 'instead',
        instead: t('the same account is listed twice: keep one line per user, then apply the file again.'),
      };
    default:
      return RETRY;
  }
}

/**
 * Failed and skipped users of a run that "Retry Failed Users" would take: skipped always, failed when a retry can fix
 * them.
 */
export function retryableCount(results: readonly UserResult[]): number {
  return results.filter(
    (r) => r.outcome === 'skipped' || (r.outcome === 'failed' && retryAdvice(r.error).kind === 'retry'),
  ).length;
}
