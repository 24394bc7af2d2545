import { executeBatch, MAX_BATCH_ITEMS } from '../graph/batch-executor';
import { oneLineText } from '../text/tenant-text';
import { neverCancelled, type Cancellation } from '../graph/cancellation';
import type { GraphConnection } from '../graph/connection';
import { toUserError } from '../graph/graph-failure';
import type { GraphGroupMember } from '../reads/group-resources';
import { chunk } from '../graph/pool';
import type { UserError } from '../graph/user-error';
import { english, type Translate } from '../text/translate';
import type { MemberError } from '../results/group-result';
import type { Journal } from '../journal/journal';

/** A member to reprocess, with the errors the journal last recorded for them. */
export interface MemberToReprocess {
  readonly userId: string;
  readonly user: string;
  readonly errors: readonly MemberError[];
}

export interface ReprocessResult {
  readonly user: string;
  readonly userId: string;
  /** `cleared`: no group license of the journal's groups is in error any more; `still-in-error`: some are. */
  readonly outcome: 'cleared' | 'still-in-error' | 'failed' | 'skipped';
  /** Errors left after reprocessing ("SKU CountViolation"), for `still-in-error`. */
  readonly remaining?: readonly string[];
  readonly error?: UserError;
}

/** Every member the journal recorded in error, once per user (a member may be in error with several groups or SKUs). */
export function membersToReprocess(journal: Journal): MemberToReprocess[] {
  const byUser = new Map<string, { user: string; errors: Map<string, MemberError> }>();
  for (const line of journal.groupLines ?? []) {
    if (line.kind !== 'member-error') continue;
    const id = line.userId.toLowerCase();
    let entry = byUser.get(id);
    if (!entry) byUser.set(id, (entry = { user: line.user, errors: new Map() }));
    const { kind: _kind, at: _at, ...error } = line;
    entry.errors.set(`${line.groupId}|${line.skuId}`.toLowerCase(), error);
  }
  return [...byUser].map(([userId, e]) => ({ userId, user: e.user, errors: [...e.errors.values()] }));
}

/**
 * `POST /users/{id}/reprocessLicenseAssignment` for each member (graph-docs
 * user-reprocesslicenseassignment.md: "Reprocess all group-based license assignments for the user";
 * 200 with the user), 20 to a `$batch`, paced as writes; then the user's licenseAssignmentStates
 * tell which of the journal's errors remain. Each result is handed over as Graph gives it.
 */
export async function reprocessMembers(
  connection: GraphConnection,
  members: readonly MemberToReprocess[],
  onResult: (r: ReprocessResult) => void = () => undefined,
  cancellation: Cancellation = neverCancelled,
  t: Translate = english,
): Promise<ReprocessResult[]> {
  const results: ReprocessResult[] = [];
  const publish = (r: ReprocessResult) => {
    results.push(r);
    onResult(r);
  };
  for (const batch of chunk([...members], MAX_BATCH_ITEMS)) {
    if (cancellation.isCancellationRequested) {
      for (const m of batch) publish({ user: m.user, userId: m.userId, outcome: 'skipped' });
      continue;
    }
    const answers = await executeBatch(
      connection,
      batch.map((m) => ({
        key: m,
        method: 'POST' as const,
        url: `/users/${encodeURIComponent(m.userId)}/reprocessLicenseAssignment`,
        // The action takes no parameters, but a write item of a $batch needs a body and its Content-Type
        // (json-batching.md); without them Graph refuses the whole batch.
        body: {},
      })),
      cancellation,
    );
    const reprocessed: MemberToReprocess[] = [];
    for (const m of batch) {
      const a = answers.get(m)!;
      if (a.kind === 'ok') reprocessed.push(m);
      else if (a.kind === 'failed')
        publish({ user: m.user, userId: m.userId, outcome: 'failed', error: toUserError(a.failure) });
      else
        publish({
          user: m.user,
          userId: m.userId,
          outcome: a.kind === 'lost' ? 'failed' : 'skipped',
          ...(a.kind === 'lost'
            ? { error: { code: 'AnswerLost', message: t("Graph's answer was lost ({0}).", a.reason) } }
            : {}),
        });
    }
    if (reprocessed.length === 0) continue;
    const reads = await executeBatch(
      connection,
      reprocessed.map((m) => ({
        key: m,
        method: 'GET' as const,
        url: `/users/${encodeURIComponent(m.userId)}?$select=id,userPrincipalName,licenseAssignmentStates`,
      })),
      cancellation,
    );
    for (const m of reprocessed) {
      const r = reads.get(m)!;
      if (r.kind !== 'ok') {
        publish({
          user: m.user,
          userId: m.userId,
          outcome: 'failed',
          error:
            r.kind === 'failed'
              ? toUserError(r.failure)
              : { code: 'NotRead', message: t('Reprocessed, but the user could not be read again to see the result.') },
        });
        continue;
      }
      const states = (r.body as GraphGroupMember | null)?.licenseAssignmentStates ?? [];
      const remaining = m.errors.flatMap((e) => {
        const s = states.find(
          (x) => (x.assignedByGroup ?? '').toLowerCase() === e.groupId && x.skuId.toLowerCase() === e.skuId,
        );
        return s && (s.state === 'Error' || s.state === 'ActiveWithError') && s.error && s.error !== 'None'
          ? [`${e.sku} ${s.error}`]
          : [];
      });
      publish(
        remaining.length
          ? { user: m.user, userId: m.userId, outcome: 'still-in-error', remaining }
          : { user: m.user, userId: m.userId, outcome: 'cleared' },
      );
    }
  }
  return results;
}

/**
 * `✓ catherine.gibson@contoso.com reprocessed: no error left` and the like, CLI and output channel
 * alike, in `t`'s language. A hint is a constant English message (error-hints.ts), translated here.
 */
export function formatReprocessLine(r: ReprocessResult, t: Translate = english): string {
  return oneLineText(reprocessLine(r, t));
}

function reprocessLine(r: ReprocessResult, t: Translate): string {
  switch (r.outcome) {
    case 'cleared':
      return t('✓ {0} reprocessed: no error left', r.user);
    case 'still-in-error':
      return t('✗ {0} reprocessed, still in error: {1}', r.user, (r.remaining ?? []).join(', '));
    case 'skipped':
      return t('- {0} skipped (cancelled)', r.user);
    case 'failed':
      return `✗ ${r.user} [${r.error?.code ?? 'Error'}] ${r.error?.message ?? t('failed')}${r.error?.hint ? ` — ${t(r.error.hint)}` : ''}`;
  }
}
