import { executeBatch, MAX_BATCH_ITEMS } from '../graph/batch-executor';
import { neverCancelled, type Cancellation } from '../graph/cancellation';
import type { GraphConnection } from '../graph/connection';
import { readMembersWithLicenseErrors, readProcessingStates } from '../reads/group-reads';
import type { GraphGroupMember } from '../reads/group-resources';
import { toUserError } from '../graph/graph-failure';
import { chunk } from '../graph/pool';
import { ENGINE_CODES } from '../graph/user-error';
import type { GroupPlan } from '../plan/group-plan';
import type { TenantSkus } from '../tenant/tenant-skus';
import { english, type Translate } from '../text/translate';
import { directStateAfter } from '../plan/direct-state';
import { EXCLUSIVE_GROUPS } from '../catalog/licensing-rules';
import {
  memberErrorFix,
  processingFailedError,
  type GroupJournalLine,
  type GroupLicenseState,
  type GroupResult,
  type GroupSink,
  type MemberError,
} from '../results/group-result';
import { doublingDelayMs, realClock, type RunClock } from './run-clock';

export interface GroupApplyOptions {
  readonly sink?: GroupSink;
  readonly cancellation?: Cancellation;
  readonly onGroupResult?: (result: GroupResult) => void;
  /** Each state a followed group reports, as it changes (`QueuedForProcessing`, `ProcessingInProgress`, ...). */
  readonly onProcessing?: (group: GroupPlan, state: string) => void;
  readonly onMemberError?: (error: MemberError) => void;
  readonly clock?: RunClock;
  /** How long to follow licenseProcessingState before reporting the groups still processing. Default 10 minutes. */
  readonly processingTimeoutMs?: number;
  readonly t?: Translate;
}

export interface GroupRunReport {
  readonly results: readonly GroupResult[];
  readonly memberErrors: readonly MemberError[];
  /** Changed groups whose processing had not finished when following stopped. */
  readonly stillProcessing: readonly string[];
  readonly journalError?: string;
}

/** States that end processing: Microsoft's own scripts also meet ProcessingFailed. */
const FINAL_STATES = new Set(['processingcomplete', 'processingfailed']);

const withNotes = (notes: readonly string[]) => (notes.length ? { notes } : {});

function settledResult(p: GroupPlan): GroupResult {
  const who = {
    group: p.group,
    ...(p.groupId ? { groupId: p.groupId } : {}),
    ...(p.displayName ? { displayName: p.displayName } : {}),
  };
  if (p.kind === 'failed')
    return { ...who, outcome: 'failed', added: [], removed: [], error: p.error!, ...withNotes(p.notes) };
  return { ...who, outcome: 'unchanged', added: [], removed: [], ...withNotes(p.notes) };
}

function changedResult(p: GroupPlan, processingState?: string): GroupResult {
  const updated = p.add.filter((a) => a.why === 'disabled-plans').map((a) => a.partNumber);
  return {
    group: p.group,
    groupId: p.groupId,
    displayName: p.displayName,
    outcome: 'changed',
    added: p.add.filter((a) => a.why === 'new').map((a) => a.partNumber),
    removed: p.remove.map((r) => r.partNumber),
    ...(updated.length ? { updated } : {}),
    ...(processingState ? { processingState } : {}),
    ...withNotes(p.notes),
  };
}

/**
 * Licenses the groups of the plan: one `POST /groups/{id}/assignLicense` per changed group
 * (graph-docs group-assignlicense.md: 202 Accepted), 20 to a `$batch`, paced with the users'
 * writes by the connection's pacer. Then follows each group's licenseProcessingState
 * (licenseprocessingstate.md) to ProcessingComplete or ProcessingFailed, bounded by
 * `processingTimeoutMs`, and reads its members in error (membersWithLicenseErrors) with the error
 * each member's licenseAssignmentStates records. Every result is journalled as Graph gives it.
 */
export async function applyGroupPlans(
  connection: GraphConnection,
  plans: readonly GroupPlan[],
  skus: TenantSkus,
  options: GroupApplyOptions = {},
): Promise<GroupRunReport> {
  const t = options.t ?? english;
  const cancellation = options.cancellation ?? neverCancelled;
  const clock = options.clock ?? realClock;
  const finals = new Map<GroupPlan, GroupResult>();
  const memberErrors: MemberError[] = [];
  let journalError: string | undefined;
  const journal = async (lines: GroupJournalLine[]) => {
    try {
      await options.sink?.appendGroupLines(lines);
    } catch (e) {
      journalError ??= (e as Error).message;
    }
  };
  const publish = async (entries: readonly { plan: GroupPlan; result: GroupResult }[]) => {
    const at = new Date().toISOString();
    await journal(
      entries.map(({ plan, result }) => ({
        kind: 'group',
        at,
        ...result,
        ...(result.outcome === 'failed' || result.outcome === 'skipped' ? { desired: plan.desired } : {}),
      })),
    );
    for (const { plan, result } of entries) {
      finals.set(plan, result);
      options.onGroupResult?.(result);
    }
  };

  const settled = plans.filter((p) => p.kind !== 'change');
  if (settled.length) await publish(settled.map((plan) => ({ plan, result: settledResult(plan) })));

  // Before the first write, as for users: a run that dies before Graph's answer is journalled leaves
  // these `pending` lines, and a retry sends those groups again (assignLicense sets the whole list).
  const toSend = plans.filter((p) => p.kind === 'change');
  if (toSend.length) {
    const at = new Date().toISOString();
    await journal(
      toSend.map((p) => ({
        kind: 'group',
        at,
        group: p.group,
        ...(p.groupId ? { groupId: p.groupId } : {}),
        ...(p.displayName ? { displayName: p.displayName } : {}),
        outcome: 'pending',
        added: [],
        removed: [],
        desired: p.desired,
        ...beforeAndAfter(p, skus),
      })),
    );
  }

  const accepted: GroupPlan[] = [];
  for (const batch of chunk(
    plans.filter((p) => p.kind === 'change'),
    MAX_BATCH_ITEMS,
  )) {
    if (cancellation.isCancellationRequested || journalError) {
      await publish(
        batch.map((plan) => ({
          plan,
          result: { ...settledResult(plan), outcome: 'skipped' as const, error: undefined },
        })),
      );
      continue;
    }
    const answers = await executeBatch(
      connection,
      batch.map((p) => ({
        key: p,
        method: 'POST' as const,
        url: `/groups/${encodeURIComponent(p.groupId!)}/assignLicense`,
        body: {
          addLicenses: p.add.map((a) => ({ skuId: a.skuId, disabledPlans: [...a.disabledPlans] })),
          removeLicenses: p.remove.map((r) => r.skuId),
        },
      })),
      cancellation,
    );
    const decided: { plan: GroupPlan; result: GroupResult }[] = [];
    for (const plan of batch) {
      const answer = answers.get(plan)!;
      if (answer.kind === 'ok') {
        accepted.push(plan);
        decided.push({ plan, result: changedResult(plan, 'QueuedForProcessing') });
      } else if (answer.kind === 'failed') {
        decided.push({
          plan,
          result: { ...settledResult(plan), outcome: 'failed', error: toUserError(answer.failure) },
        });
      } else if (answer.kind === 'lost') {
        const message = t("Graph's answer was lost ({0}).", answer.reason);
        decided.push({
          plan,
          result: {
            ...settledResult(plan),
            outcome: 'failed',
            error: {
              code: ENGINE_CODES.answerLost,
              message,
              hint: t("Open the group's Licenses page to see whether the change landed, then apply again."),
            },
          },
        });
      } else {
        decided.push({ plan, result: { ...settledResult(plan), outcome: 'skipped', error: undefined } });
      }
    }
    await publish(decided);
  }

  const stillProcessing = await follow(connection, accepted, clock, cancellation, options, async (plan, state) => {
    const read = await readMembersWithLicenseErrors(connection, plan.groupId!, cancellation);
    const found = read.ok ? read.value.flatMap((m) => errorsOf(m, plan, skus, t)) : [];
    // ProcessingFailed: the change is on the group, but group licensing did not give it to every member.
    const done: GroupResult =
      state.toLowerCase() === 'processingfailed'
        ? {
            ...changedResult(plan, state),
            outcome: 'failed',
            error: processingFailedError(plan.displayName ?? plan.group, new Set(found.map((e) => e.userId)).size, t),
          }
        : changedResult(plan, state);
    const notes = read.ok
      ? done.notes
      : [...(done.notes ?? []), t('members in error could not be read: {0}', read.error.message)];
    await publish([{ plan, result: { ...done, ...(notes?.length ? { notes } : {}) } }]);
    if (found.length === 0) return;
    const at = new Date().toISOString();
    await journal(found.map((e) => ({ kind: 'member-error', at, ...e })));
    for (const e of found) {
      memberErrors.push(e);
      options.onMemberError?.(e);
    }
  });

  return {
    results: plans.map((p) => finals.get(p) ?? settledResult(p)),
    memberErrors,
    stillProcessing: stillProcessing.map((p) => p.displayName ?? p.group),
    ...(journalError ? { journalError } : {}),
  };
}

/**
 * The group's licenses before the write, as the plan read them, and what the write asks for: on
 * the `pending` line, so undo can put the group back whatever became of the run.
 */
function beforeAndAfter(p: GroupPlan, skus: TenantSkus): { before?: GroupLicenseState; after?: GroupLicenseState } {
  if (!p.before) return {};
  const partNumber = (skuId: string) => skus.byIdOrUndefined(skuId)?.partNumber ?? skuId;
  const licenses = p.before
    .map((l) => ({
      skuId: l.skuId.toLowerCase(),
      partNumber: partNumber(l.skuId.toLowerCase()),
      disabledPlans: l.disabledPlans.map((x) => x.toLowerCase()).sort(),
    }))
    .sort((a, b) => (a.skuId < b.skuId ? -1 : a.skuId > b.skuId ? 1 : 0));
  const after = directStateAfter({ licenses }, p.add, p.remove);
  return { before: { licenses }, after: { licenses: after.licenses } };
}

/** Each group license of this group the member is in error with. */
export function errorsOf(
  member: GraphGroupMember,
  plan: Pick<GroupPlan, 'group' | 'groupId' | 'displayName'>,
  skus: TenantSkus,
  t: Translate,
): MemberError[] {
  const groupId = plan.groupId!;
  return (member.licenseAssignmentStates ?? [])
    .filter(
      (s) =>
        (s.assignedByGroup ?? '').toLowerCase() === groupId &&
        (s.state === 'Error' || s.state === 'ActiveWithError') &&
        s.error &&
        s.error !== 'None',
    )
    .map((s) => {
      const sku = skus.byIdOrUndefined(s.skuId.toLowerCase())?.partNumber ?? s.skuId;
      const others = (member.assignedLicenses ?? []).filter((l) => l.skuId.toLowerCase() !== s.skuId.toLowerCase());
      const otherLicenses = others.map((l) => skus.byIdOrUndefined(l.skuId.toLowerCase())?.partNumber ?? l.skuId);
      const conflictsWith =
        s.error === 'MutuallyExclusiveViolation'
          ? others
              .filter((l) => exclusiveWith(s.skuId, l.skuId, l.disabledPlans ?? [], skus))
              .map((l) => skus.byIdOrUndefined(l.skuId.toLowerCase())?.partNumber ?? l.skuId)
          : [];
      return {
        group: plan.displayName ?? plan.group,
        groupId,
        user: member.userPrincipalName ?? member.id,
        userId: member.id,
        sku,
        skuId: s.skuId.toLowerCase(),
        state: s.state!,
        error: s.error!,
        fix: memberErrorFix(s.error!, sku, t, conflictsWith),
        ...(otherLicenses.length ? { otherLicenses } : {}),
        ...(conflictsWith.length ? { conflictsWith } : {}),
      };
    });
}

/**
 * The user's license `otherId` switches on a plan that cannot be held with one of `skuId`'s (the
 * plans Microsoft lists as mutually exclusive): the license that stops the group's. Names only.
 */
function exclusiveWith(skuId: string, otherId: string, otherDisabled: readonly string[], skus: TenantSkus): boolean {
  const names = (id: string, off: readonly string[] = []) => {
    const disabled = new Set(off.map((p) => p.toLowerCase()));
    return new Set(
      (skus.byIdOrUndefined(id.toLowerCase())?.plans ?? [])
        .filter((p) => !disabled.has(p.servicePlanId.toLowerCase()))
        .map((p) => p.servicePlanName.toUpperCase()),
    );
  };
  const mine = names(skuId);
  const theirs = names(otherId, otherDisabled);
  return EXCLUSIVE_GROUPS.some((g) => {
    const inMine = g.plans.filter((p) => mine.has(p.toUpperCase()));
    const inTheirs = g.plans.filter((p) => theirs.has(p.toUpperCase()));
    // One plan held twice is one plan (E3 and E5 both give SHAREPOINTENTERPRISE): two different ones clash.
    return inMine.some((p) => inTheirs.some((q) => q !== p));
  });
}

/**
 * Polls the accepted groups' licenseProcessingState (5 s, doubling to 30 s) until each reaches a
 * final state, the time is up, or the run is cancelled; `finished` runs once per group as it
 * completes. Returns the groups still processing at the end.
 */
async function follow(
  connection: GraphConnection,
  accepted: readonly GroupPlan[],
  clock: RunClock,
  cancellation: Cancellation,
  options: GroupApplyOptions,
  finished: (plan: GroupPlan, state: string) => Promise<void>,
): Promise<GroupPlan[]> {
  let waiting = [...accepted];
  const last = new Map<GroupPlan, string>();
  const deadline = clock.now() + (options.processingTimeoutMs ?? 600_000);
  for (let attempt = 1; waiting.length > 0; attempt++) {
    if (cancellation.isCancellationRequested) break;
    const states = await readProcessingStates(
      connection,
      waiting.map((p) => p.groupId!),
      cancellation,
    );
    const still: GroupPlan[] = [];
    for (const plan of waiting) {
      const state = states.get(plan.groupId!);
      if (state && state !== last.get(plan)) {
        last.set(plan, state);
        options.onProcessing?.(plan, state);
      }
      if (state && FINAL_STATES.has(state.toLowerCase())) await finished(plan, state);
      else still.push(plan);
    }
    waiting = still;
    if (waiting.length === 0 || clock.now() >= deadline) break;
    const wait = Math.min(doublingDelayMs(attempt, 5_000, 30_000), Math.max(0, deadline - clock.now()));
    if (!(await clock.sleep(wait, cancellation))) break;
  }
  return waiting;
}
