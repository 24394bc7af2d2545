import type { JournalHeader, JournalLine, UserResult } from '../results/user-result';
import { retryableCount } from '../results/retry-advice';
import type { Translate } from '../text/translate';
import {
  formatMemberErrorLine,
  groupRunCounts,
  type GroupJournalLine,
  type GroupResult,
  type MemberError,
} from '../results/group-result';
import { formatCount, isSingular } from '../text/plural';
import { licenseChangeText } from './license-words';
import {
  ENGLISH,
  groupedSection,
  withoutUser,
  type CausedLine,
  type PageAction,
  type ReportSection,
  type ReportView,
  type Words,
} from './report-view';

export interface ResultsInput {
  /** The journal's file name, for the title. */
  readonly name: string;
  readonly headers: readonly JournalHeader[];
  /** The last line per user (`Journal.latest`). */
  readonly latest: Iterable<JournalLine>;
  /** Lines the journal reader skipped, said so the table is not taken as complete. */
  readonly damagedLines?: number;
  /** The run's groups: how many it changed, and members group licensing left in error. */
  readonly groups?: { readonly changed: number; readonly membersInError: number };
  /** The journal's group lines (`Journal.groupLines`): the file's groups, counted as groups. */
  readonly groupLines?: readonly GroupJournalLine[];
}

/** The last result per group and every member in error, from the journal's group lines. */
function groupsOf(lines: readonly GroupJournalLine[]): { results: GroupResult[]; memberErrors: MemberError[] } {
  const last = new Map<string, GroupResult>();
  const memberErrors: MemberError[] = [];
  for (const line of lines) {
    if (line.kind === 'member-error') memberErrors.push(line);
    else last.set((line.groupId ?? line.group).toLowerCase(), line);
  }
  return { results: [...last.values()], memberErrors };
}

/**
 * "Open Last Results" as a page: one section per outcome, failures first and grouped by cause, so an
 * admin reads a run of 2,000 users as a handful of lines instead of a JSON Lines file.
 */
export function resultsView(input: ResultsInput, words: Words = ENGLISH): ReportView {
  const { t, locale } = words;
  const n = (c: number) => formatCount(c, locale);
  const by: Record<JournalLine['outcome'], JournalLine[]> = {
    failed: [],
    pending: [],
    skipped: [],
    changed: [],
    unchanged: [],
  };
  for (const line of input.latest) by[line.outcome].push(line);
  const last = input.headers[input.headers.length - 1];
  const users = Object.values(by).reduce((sum, list) => sum + list.length, 0);
  const headline = isSingular(users, locale)
    ? t(
        '{0} user: {1} changed, {2} unchanged, {3} failed, {4} skipped',
        n(users),
        n(by.changed.length),
        n(by.unchanged.length),
        n(by.failed.length),
        n(by.skipped.length),
      )
    : t(
        '{0} users: {1} changed, {2} unchanged, {3} failed, {4} skipped',
        n(users),
        n(by.changed.length),
        n(by.unchanged.length),
        n(by.failed.length),
        n(by.skipped.length),
      );
  const groups = input.groupLines?.length ? groupsOf(input.groupLines) : undefined;
  const totals = [
    // A groups-only run is counted as groups ("2 groups changed, 1 member in error"), not as "0 users".
    ...(users > 0 || !groups ? [headline] : []),
    ...(groups ? [groupRunCounts(groups, t)] : []),
    ...(groups?.memberErrors.length ? groups.memberErrors.map((e) => formatMemberErrorLine(e, t)) : []),
    ...(by.pending.length
      ? [
          isSingular(by.pending.length, locale)
            ? t(
                '{0} user without an answer: the run stopped before Graph answered; Retry Failed Users sends it again.',
                n(by.pending.length),
              )
            : t(
                '{0} users without an answer: the run stopped before Graph answered; Retry Failed Users sends them again.',
                n(by.pending.length),
              ),
        ]
      : []),
    ...(input.damagedLines
      ? [
          isSingular(input.damagedLines, locale)
            ? t('{0} line of the journal could not be read and is not counted.', n(input.damagedLines))
            : t('{0} lines of the journal could not be read and are not counted.', n(input.damagedLines)),
        ]
      : []),
  ];
  const sections: ReportSection[] = [
    { id: 'totals', title: t('Totals'), tone: 'info', open: true, lines: totals },
    groupedSection(
      { id: 'failed', title: t('Failed'), tone: 'problem', open: true },
      by.failed.map((l) => failedLine(l, words)),
      words,
    ),
    groupedSection(
      { id: 'pending', title: t('No answer recorded'), tone: 'problem', open: true },
      by.pending.map((l) => ({ user: l.user, cause: t('sent, but the run stopped before the answer was written') })),
      words,
    ),
    groupedSection(
      { id: 'skipped', title: t('Skipped'), tone: 'problem', open: true },
      by.skipped.map((l) => noted(l, t('not sent (the run was cancelled)'), t)),
      words,
    ),
    groupedSection(
      { id: 'changed', title: t('Changed'), tone: 'change', open: true },
      by.changed.map((l) => changedLine(l, words)),
      words,
    ),
    groupedSection(
      { id: 'unchanged', title: t('Unchanged'), tone: 'quiet', open: false },
      by.unchanged.map((l) => noted(l, t('already as wanted'), t)),
      words,
    ),
  ];
  const files = [...new Set(input.headers.flatMap((h) => h.files))];
  return {
    title: t('Results: {0}', input.name),
    facts: [
      ...(last ? [t('Tenant: {0}', last.tenant)] : []),
      ...(files.length ? [t('From: {0}', files.join(', '))] : []),
    ],
    ...(last ? { at: last.startedAt } : {}),
    actions: resultsActions(
      by,
      input.groups ??
        (groups && {
          changed: groups.results.filter((g) => g.outcome === 'changed').length,
          membersInError: groups.memberErrors.length,
        }),
      words,
    ),
    sections: sections.filter((s) => s.lines?.length || s.groups?.length),
    legend: t(
      '+ added, - removed, ~ disabled plans changed. Export Results as CSV gives the same rows for a spreadsheet.',
    ),
  };
}

function noted(l: JournalLine, cause: string, t: Translate): CausedLine {
  // Notes are kept in English in the record; the constant ones read in the page's language.
  const notes = l.outcome !== 'pending' ? l.notes : undefined;
  return { user: l.user, cause, ...(notes?.length ? { detail: notes.map((n) => t(n)).join('; ') } : {}) };
}

function changedLine(l: JournalLine, { t, locale }: Words): CausedLine {
  if (l.outcome === 'pending') return { user: l.user, cause: '' };
  return noted(l, licenseChangeText(l, t, locale) || t('changed'), t);
}

function failedLine(l: JournalLine, { t, locale }: Words): CausedLine {
  const e = l.outcome === 'pending' ? undefined : l.error;
  // Journals keep hints in English (graph/error-hints.ts): translated here, where they are shown.
  const cause = e ? `[${e.code}] ${withoutUser(e.message, l.user)}${e.hint ? ` — ${t(e.hint)}` : ''}` : t('failed');
  const line = noted(l, cause, t);
  if (e?.code !== 'Request_ResourceNotFound') return line;
  return {
    ...line,
    heading: (c) =>
      isSingular(c, locale)
        ? t('{0} user not found in the tenant', formatCount(c, locale))
        : t('{0} users not found in the tenant', formatCount(c, locale)),
  };
}

/**
 * The page's buttons, the same commands as the palette and the run's notification: Retry when a
 * user failed, was skipped or got no answer; Reprocess when group licensing left members in error;
 * Undo when the run changed anything; Export CSV when there is a row.
 */
function resultsActions(
  by: Record<JournalLine['outcome'], JournalLine[]>,
  groups: ResultsInput['groups'],
  { t }: Words,
): PageAction[] {
  // Retry is offered for what a retry can fix (retry-advice.ts): not a user who is not found.
  const retryable = by.skipped.length + by.pending.length + retryableCount(by.failed as UserResult[]);
  const changed = by.changed.length + (groups?.changed ?? 0);
  const rows = Object.values(by).reduce((sum, list) => sum + list.length, 0);
  return [
    ...(retryable ? [{ id: 'retry' as const, label: t('Retry Failed Users'), enabled: true }] : []),
    ...(groups?.membersInError
      ? [{ id: 'reprocess' as const, label: t('Reprocess Members in Error'), enabled: true }]
      : []),
    ...(changed ? [{ id: 'undo' as const, label: t('Undo This Run…'), enabled: true }] : []),
    { id: 'export-csv', label: t('Export as CSV…'), enabled: rows > 0 },
  ];
}
