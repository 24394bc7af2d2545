import { neverCancelled, type Cancellation } from '../graph/cancellation';
import type { GraphConnection } from '../graph/connection';
import type { Journal } from '../journal/journal';
import { readMembersWithLicenseErrors, readProcessingStates } from '../reads/group-reads';
import type { GroupJournalLine, MemberError } from '../results/group-result';
import type { TenantSkus } from '../tenant/tenant-skus';
import { english, type Translate } from '../text/translate';
import { errorsOf } from './apply-groups';
import { doublingDelayMs, realClock, type RunClock } from './run-clock';

/** States that end processing (licenseprocessingstate.md; ProcessingFailed as Microsoft's scripts meet it). */
const FINAL = new Set(['processingcomplete', 'processingfailed']);

/** A group a run changed whose licenseProcessingState was not final when the run stopped following it. */
export interface GroupToFollow {
  readonly group: string;
  readonly groupId: string;
  readonly displayName?: string;
  readonly state: string;
}

/**
 * The journal's groups still processing: each group's last `group` line is `changed` with a
 * processingState that is not final (apply stops following after its timeout; group licensing on a
 * real tenant takes minutes to hours).
 */
export function groupsStillProcessing(journal: Journal): GroupToFollow[] {
  const last = new Map<string, GroupJournalLine & { kind: 'group' }>();
  for (const line of journal.groupLines ?? [])
    if (line.kind === 'group' && line.groupId) last.set(line.groupId.toLowerCase(), line);
  return [...last.values()]
    .filter((l) => l.outcome === 'changed' && !!l.processingState && !FINAL.has(l.processingState.toLowerCase()))
    .map((l) => ({
      group: l.group,
      groupId: l.groupId!.toLowerCase(),
      ...(l.displayName ? { displayName: l.displayName } : {}),
      state: l.processingState!,
    }));
}

export interface FollowedGroup extends GroupToFollow {
  /** True when the state is final (ProcessingComplete or ProcessingFailed). */
  readonly done: boolean;
}

export interface FollowReport {
  readonly groups: readonly FollowedGroup[];
  readonly memberErrors: readonly MemberError[];
  /** What to append to the journal: a `group` line per group whose state moved, and its members in error. */
  readonly lines: readonly GroupJournalLine[];
}

export interface FollowOptions {
  readonly clock?: RunClock;
  /** How long to follow before reporting the groups still processing. Default 10 minutes. */
  readonly timeoutMs?: number;
  readonly cancellation?: Cancellation;
  readonly onState?: (group: GroupToFollow, state: string) => void;
  readonly t?: Translate;
}

/**
 * Follows the groups' licenseProcessingState (5 s, doubling to 30 s) until each is final or the time is
 * up; for each that ends, reads its members in error (membersWithLicenseErrors) as apply does.
 */
export async function followGroups(
  connection: GraphConnection,
  groups: readonly GroupToFollow[],
  skus: TenantSkus,
  options: FollowOptions = {},
): Promise<FollowReport> {
  const t = options.t ?? english;
  const clock = options.clock ?? realClock;
  const cancellation = options.cancellation ?? neverCancelled;
  const deadline = clock.now() + (options.timeoutMs ?? 600_000);
  const states = new Map(groups.map((g) => [g.groupId, g.state]));
  const memberErrors: MemberError[] = [];
  const lines: GroupJournalLine[] = [];
  let waiting = [...groups];
  for (let attempt = 1; waiting.length > 0; attempt++) {
    if (cancellation.isCancellationRequested) break;
    const read = await readProcessingStates(
      connection,
      waiting.map((g) => g.groupId),
      cancellation,
    );
    const still: GroupToFollow[] = [];
    for (const g of waiting) {
      const state = read.get(g.groupId);
      if (state && state !== states.get(g.groupId)) {
        states.set(g.groupId, state);
        options.onState?.(g, state);
      }
      if (!state || !FINAL.has(state.toLowerCase())) {
        still.push(g);
        continue;
      }
      const at = new Date().toISOString();
      const members = await readMembersWithLicenseErrors(connection, g.groupId, cancellation);
      const found = members.ok ? members.value.flatMap((m) => errorsOf(m, g, skus, t)) : [];
      lines.push({
        kind: 'group',
        at,
        group: g.group,
        groupId: g.groupId,
        ...(g.displayName ? { displayName: g.displayName } : {}),
        outcome: 'changed',
        added: [],
        removed: [],
        processingState: state,
        ...(members.ok ? {} : { notes: [t('members in error could not be read: {0}', members.error.message)] }),
      });
      for (const e of found) lines.push({ kind: 'member-error', at, ...e });
      memberErrors.push(...found);
    }
    waiting = still;
    if (waiting.length === 0 || clock.now() >= deadline) break;
    const wait = Math.min(doublingDelayMs(attempt, 5_000, 30_000), Math.max(0, deadline - clock.now()));
    if (!(await clock.sleep(wait, cancellation))) break;
  }
  return {
    groups: groups.map((g) => {
      const state = states.get(g.groupId) ?? g.state;
      return { ...g, state, done: FINAL.has(state.toLowerCase()) };
    }),
    memberErrors,
    lines,
  };
}
