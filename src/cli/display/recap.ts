import { describeIds } from '../../core/plan/describe-ids';
import { oneLineText } from '../../core/text/tenant-text';
import type { MemberError } from '../../core/results/group-result';
import type { UserResult } from '../../core/results/user-result';
import type { TenantSkus } from '../../core/tenant/tenant-skus';
import { plural, type Translate } from '../../core/text/translate';
import { withoutUser } from '../../core/report/report-view';

/** Users named under a cause before "… and N more": a recap of 1,700 refusals stays a few lines. */
export const USERS_NAMED = 10;

/** One cause of failure and who it hit: the block an admin reads and acts on once. */
export interface Cause {
  /** What the users share (Graph's code and message, with the user taken out). */
  readonly cause: string;
  /** What to do about it, in the admin's language; absent when Graph said nothing more. */
  readonly fix?: string;
  readonly users: string[];
}

/** `(users, fix)` per cause, largest first; users keep the order they come in (the file's, for a run's results). */
function byCause(items: Iterable<{ user: string; cause: string; fix?: string }>): Cause[] {
  const causes = new Map<string, { cause: string; fix?: string; users: string[] }>();
  for (const { user, cause, fix } of items) {
    const key = `${cause}\u0000${fix ?? ''}`;
    let entry = causes.get(key);
    if (!entry) causes.set(key, (entry = { cause, ...(fix ? { fix } : {}), users: [] }));
    entry.users.push(user);
  }
  return [...causes.values()].sort((a, b) => b.users.length - a.users.length);
}

/**
 * Failed and skipped users by cause: Graph's refusal with its hint as the fix, cancellations apart. `sendAgain`: the
 * command that sends the skipped users again (a retry from the journal, or the files when the journal cannot say).
 */
export function failureCauses(
  results: Iterable<UserResult>,
  t: Translate,
  skus?: TenantSkus,
  sendAgain = 'm365-licenses apply --retry-failed JOURNAL',
): Cause[] {
  const items: { user: string; cause: string; fix?: string }[] = [];
  for (const r of results) {
    if (r.outcome === 'failed') {
      const e = r.error;
      items.push({
        user: r.user,
        cause: e ? `[${e.code}] ${withoutUser(describeIds(e.message, skus), r.user)}` : t('failed'),
        ...(e?.hint ? { fix: t(e.hint) } : {}),
      });
    } else if (r.outcome === 'skipped') {
      items.push({
        user: r.user,
        cause: t('not sent (the run was cancelled)'),
        fix: t('send them again with {0}', sendAgain),
      });
    }
  }
  return byCause(items);
}

/** Members group licensing left in error, by license and cause, with the fix Graph's state calls for. */
export function memberErrorCauses(errors: Iterable<MemberError>, t: Translate): Cause[] {
  return byCause(
    [...errors].map((e) => ({
      user: e.user,
      cause: t('{0} from group "{1}": {2}', e.sku, e.group, e.error),
      fix: e.fix,
    })),
  );
}

/**
 * The recap printed after a run or a plan: one block per cause, its count, the users (the first
 * USERS_NAMED, then how many more) and the fix, so that failures scattered among 2,000 lines are
 * read in one place.
 */
export function recapLines(title: string, causes: readonly Cause[], t: Translate): string[] {
  if (causes.length === 0) return [];
  const lines = [title];
  // Causes hold Graph's messages and group names, users their names: each printed line stays one line.
  const line = (s: string) => lines.push(oneLineText(s));
  for (const c of causes) {
    line(`✗ ${plural(t, c.users.length, '{0} user: {1}', '{0} users: {1}', c.cause)}`);
    const named = c.users.slice(0, USERS_NAMED);
    const more = c.users.length - named.length;
    line(`    ${named.join(', ')}${more > 0 ? ` ${plural(t, more, '… and {0} more//one', '… and {0} more')}` : ''}`);
    if (c.fix) line(`    ${t('Fix: {0}', c.fix)}`);
  }
  return lines;
}

/** "Not done: 3 users, 2 causes", the recap's title. */
export function failedTitle(causes: readonly Cause[], t: Translate): string {
  const users = causes.reduce((n, c) => n + c.users.length, 0);
  return t(
    'Not done: {0}, {1}',
    plural(t, users, '{0} user', '{0} users'),
    plural(t, causes.length, '{0} cause', '{0} causes'),
  );
}
