import type { UserError } from '../graph/user-error';
import { oneLineText } from '../text/tenant-text';
import type { DirectState } from '../plan/direct-state';
import type { DesiredGroup } from '../desired/desired-groups';
import type { GroupPlan } from '../plan/group-plan';
import { notWrittenFix, planClassOf } from '../plan/plan-class';
import { count, english, plural, type Translate } from '../text/translate';

/** How one group of a run ended. `changed`: Graph accepted the change (202); members follow as processing completes. */
export interface GroupResult {
  readonly group: string;
  readonly groupId?: string;
  readonly displayName?: string;
  /**
   * `pending`: only in the journal, written before the write (the run died before Graph's answer if it is the last
   * line).
   */
  readonly outcome: 'changed' | 'unchanged' | 'failed' | 'skipped' | 'pending';
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly updated?: readonly string[];
  /** The group's licenseProcessingState when the run stopped following it. */
  readonly processingState?: string;
  readonly error?: UserError;
  readonly notes?: readonly string[];
}

/** A member group licensing could not give a license to (licenseAssignmentStates, state Error or ActiveWithError). */
export interface MemberError {
  readonly group: string;
  readonly groupId: string;
  /** userPrincipalName, or the id when Graph gave none. */
  readonly user: string;
  readonly userId: string;
  /** Part number (the skuId when the tenant has no such subscription). */
  readonly sku: string;
  readonly skuId: string;
  readonly state: string;
  /** licenseAssignmentState.error: CountViolation, MutuallyExclusiveViolation, DependencyViolation, ... */
  readonly error: string;
  /** Plain words: what the admin does before reprocessing the member. */
  readonly fix: string;
  /** The user's other licenses (part numbers) when read: what the group's license met. */
  readonly otherLicenses?: readonly string[];
  /** For MutuallyExclusiveViolation: which of those holds a plan that cannot be held with the group's. */
  readonly conflictsWith?: readonly string[];
}

/**
 * What a group gives, as undo needs it: its assignedLicenses with part numbers and disabled plans
 * (the shape of a user's direct state; a group has no usage location). Ids in lower case.
 */
export type GroupLicenseState = Pick<DirectState, 'licenses'>;

/** Journal lines of the group part of a run, in the same journal as users' lines. */
export type GroupJournalLine =
  | ({
      readonly kind: 'group';
      readonly at: string;
      readonly desired?: DesiredGroup;
      /** On the `pending` line, before the write: the group's licenses as the plan read them (undo restores these). */
      readonly before?: GroupLicenseState;
      /** On the `pending` line: the licenses the write asks for (undo leaves out a group that holds neither). */
      readonly after?: GroupLicenseState;
    } & GroupResult)
  | ({ readonly kind: 'member-error'; readonly at: string } & MemberError);

/**
 * The fix for each licenseAssignmentState.error (graph-docs resources/licenseassignmentstate.md), in
 * the words of entra-docs licensing-groups-resolve-problems.md ("Not enough licenses", "Conflicting
 * service plans", "Other products depend on this license", "Usage location isn't allowed",
 * "Duplicate proxy addresses"). Every fix ends with reprocessing: the error stays until then.
 */
export function memberErrorFix(
  error: string,
  sku: string,
  t: Translate = english,
  conflictsWith: readonly string[] = [],
): string {
  switch (error) {
    case 'MutuallyExclusiveViolation':
      if (conflictsWith.length > 0)
        return t(
          '{0} has a service plan that cannot be held with {1}, which the user also holds: remove {1} from the user (or disable the plan in the group), then reprocess.',
          sku,
          conflictsWith.join(t(' and ')),
        );
      return t(
        "{0} has a service plan that cannot be held with one of the user's other licenses: remove the conflicting license from the user (or disable the plan in the group), then reprocess.",
        sku,
      );
    case 'CountViolation':
      return t('Not enough {0} seats: buy more or free some, then reprocess the members in error.', sku);
    case 'DependencyViolation':
      return t(
        'A plan of {0} depends on a plan the user would not have (a Calling Plan needs Phone System): give the user the plan it depends on, then reprocess.',
        sku,
      );
    case 'ProhibitedInUsageLocationViolation':
      return t(
        "{0} is not available in the user's usage location: set a usage location where it is offered, then reprocess.",
        sku,
      );
    case 'UniquenessViolation':
      return t(
        'A service of {0} needs an attribute that another object also has (a duplicate proxy address): fix the duplicate, then reprocess.',
        sku,
      );
    default:
      return t(
        "Group licensing could not give {0} to this user: see the group's Licenses page in the Entra admin center, fix the cause, then reprocess.",
        sku,
      );
  }
}

/**
 * A group whose processing ended ProcessingFailed: Microsoft's scripts list such groups as "groups
 * with license errors" (entra-docs licensing-powershell-graph-examples.md), and the way out is to fix
 * each member's cause and reprocess ("trigger the processing of groups that previously failed to
 * fully license all user members", entra-docs licensing-groups-resolve-problems.md).
 * `membersInError`: how many members membersWithLicenseErrors listed for the group.
 */
export function processingFailedError(group: string, membersInError: number, t: Translate = english): UserError {
  if (membersInError === 0) {
    return {
      code: 'GroupProcessingFailed',
      message: t(
        'Group licensing could not finish giving the licenses of "{0}" to its members (Graph reports ProcessingFailed), and lists no member in error.',
        group,
      ),
      hint: t(
        "Open the group's Licenses page in the Microsoft Entra admin center for the cause, then select Reprocess.",
      ),
    };
  }
  return {
    code: 'GroupProcessingFailed',
    message: plural(
      t,
      membersInError,
      'Group licensing could not give the licenses of "{1}" to {0} member (Graph reports ProcessingFailed).',
      'Group licensing could not give the licenses of "{1}" to {0} members (Graph reports ProcessingFailed).',
      group,
    ),
    hint: t(
      'Fix the cause shown for each member in error, then reprocess them: m365-licenses reprocess with this run\'s journal ("Licenses: Reprocess Members in Error" in VS Code), or Reprocess on the group\'s Licenses page in the Microsoft Entra admin center.',
    ),
  };
}

/** `✓ group "All Sales" +MCOEV (processing: ProcessingComplete)` — one line per group, CLI and output channel alike. */
export function formatGroupResultLine(r: GroupResult, t: Translate = english): string {
  return oneLineText(groupResultLine(r, t));
}

function groupResultLine(r: GroupResult, t: Translate): string {
  const name = t('group "{0}"', r.displayName ?? r.group);
  const changes = [
    ...r.added.map((s) => `+${s}`),
    ...r.removed.map((s) => `-${s}`),
    ...(r.updated ?? []).map((s) => t('~{0} (disabled plans)', s)),
  ].join(' ');
  const state = r.processingState ? ` ${t('(processing: {0})', r.processingState)}` : '';
  const notes = r.notes?.length ? ` (${r.notes.join('; ')})` : '';
  switch (r.outcome) {
    case 'changed':
      return `✓ ${name} ${changes}${state}${notes}`;
    case 'unchanged':
      return `= ${t('{0} unchanged', name)}${notes}`;
    case 'skipped':
    case 'pending':
      return `- ${t('{0} skipped (cancelled)', name)}${notes}`;
    case 'failed':
      return `✗ ${name} [${r.error?.code ?? 'Error'}] ${r.error?.message ?? t('failed')}${r.error?.hint ? ` — ${t(r.error.hint)}` : ''}${notes}`;
  }
}

/** `✗ member catherine.gibson@contoso.com of "E5 Pilot": ENTERPRISEPREMIUM CountViolation — fix`. */
export function formatMemberErrorLine(e: MemberError, t: Translate = english): string {
  const others = e.otherLicenses?.length ? ` ${t("(the user's other licenses: {0})", e.otherLicenses.join(', '))}` : '';
  return oneLineText(
    `✗ ${t('member {0} of group "{1}": {2} {3} ({4})', e.user, e.group, e.sku, e.error, e.state)}${others} — ${e.fix}`,
  );
}

/** The dry run's line for a group: what would be sent, and who it reaches. */
export function formatGroupPlanLine(p: GroupPlan, t: Translate = english): string {
  return oneLineText(groupPlanLine(p, t));
}

function groupPlanLine(p: GroupPlan, t: Translate): string {
  const name = t('group "{0}"', p.displayName ?? p.group);
  const notes = p.notes.length ? ` (${p.notes.join('; ')})` : '';
  if (p.kind === 'failed')
    return `✗ ${name} [${p.error?.code}] ${p.error?.message}${p.error?.hint ? ` — ${t(p.error.hint)}` : ''}`;
  if (p.kind === 'unchanged')
    return `= ${plural(t, p.members, '{1} unchanged, {0} member', '{1} unchanged, {0} members', name)}${notes}`;
  const parts = [
    ...p.add
      .filter((a) => a.why === 'new')
      .map((a) => `+${a.partNumber} (${plural(t, a.newSeats, '{0} new seat', '{0} new seats')})`),
    ...p.remove.map((r) => `-${r.partNumber} (${plural(t, r.freedSeats, '{0} seat back', '{0} seats back')})`),
    ...p.add.filter((a) => a.why === 'disabled-plans').map((a) => t('~{0} (disabled plans)', a.partNumber)),
  ];
  return `~ ${name} ${parts.join(' ')}, ${plural(t, p.members, 'reaches {0} member', 'reaches {0} members')}${notes}`;
}

export function groupPlanJson(p: GroupPlan): object {
  return {
    group: p.group,
    ...(p.groupId ? { groupId: p.groupId } : {}),
    outcome: planClassOf(p),
    ...(p.kind === 'failed' ? { reason: p.error?.code ?? 'Error', fix: notWrittenFix(p.error?.code) } : {}),
    added: p.add.filter((a) => a.why === 'new').map((a) => ({ sku: a.partNumber, newSeats: a.newSeats })),
    removed: p.remove.map((r) => ({ sku: r.partNumber, freedSeats: r.freedSeats })),
    updated: p.add.filter((a) => a.why === 'disabled-plans').map((a) => a.partNumber),
    members: p.members,
    ...(p.error
      ? { error: { code: p.error.code, message: p.error.message, ...(p.error.hint ? { hint: p.error.hint } : {}) } }
      : {}),
    ...(p.notes.length ? { notes: p.notes } : {}),
  };
}

/** `2 groups: 2 changed, 1 unchanged, 0 failed, 0 skipped — 3 members in error`. */
export function formatGroupSummary(
  report: { readonly results: readonly GroupResult[]; readonly memberErrors: readonly MemberError[] },
  t: Translate = english,
): string {
  const n = (o: GroupResult['outcome']) => count(t, report.results.filter((r) => r.outcome === o).length);
  const groups = plural(t, report.results.length, '{0} group', '{0} groups');
  const errors = plural(t, report.memberErrors.length, '{0} member in error', '{0} members in error');
  return t(
    '{0}: {1} changed, {2} unchanged, {3} failed, {4} skipped — {5}',
    groups,
    n('changed'),
    n('unchanged'),
    n('failed'),
    n('skipped'),
    errors,
  );
}

/**
 * A group run counted as groups, for the line that ends a run (the toast): "2 groups changed, 1
 * member in error". Only the outcomes that happened; the members in error always, when there are.
 */
export function groupRunCounts(
  report: { readonly results: readonly GroupResult[]; readonly memberErrors: readonly MemberError[] },
  t: Translate = english,
): string {
  const n = (o: GroupResult['outcome']) => report.results.filter((r) => r.outcome === o).length;
  const skipped = n('skipped') + n('pending');
  const parts = [
    ...(n('changed') ? [plural(t, n('changed'), '{0} group changed', '{0} groups changed')] : []),
    ...(n('unchanged') ? [plural(t, n('unchanged'), '{0} group unchanged', '{0} groups unchanged')] : []),
    ...(n('failed') ? [plural(t, n('failed'), '{0} group failed', '{0} groups failed')] : []),
    ...(skipped ? [plural(t, skipped, '{0} group skipped', '{0} groups skipped')] : []),
    ...(report.memberErrors.length
      ? [plural(t, report.memberErrors.length, '{0} member in error', '{0} members in error')]
      : []),
  ];
  return parts.join(', ');
}

/** Where group lines go as Graph answers: the run's journal (JournalWriter.appendGroupLines). */
export interface GroupSink {
  appendGroupLines(lines: readonly GroupJournalLine[]): Promise<void>;
}
