import type { RunPlan } from '../plan/whole-plan';
import { shortfallBlocker } from '../plan/seats';
import type { UserPlan } from '../plan/user-plan';
import { formatBlocker, planChange, redundantWarning } from './format-results';
import { licenseChangeText } from './license-words';
import { planTotals } from '../plan/totals';
import { formatCount, isSingular } from '../text/plural';
import { exactPreviewSections } from './exact-preview';
import { groupPreviewSections } from './group-preview';
import { changeSummary, planHeadlines } from './preview';
import { numberPreviewSections } from './number-words';
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

export interface PreviewPage {
  readonly file: string;
  readonly tenant: string;
  readonly at: Date;
  /**
   * Sections other reports add (groups): placed after "Will not be written" and
   * before "Already as wanted", in the order given. Their ids must not be one of PREVIEW_SECTION_IDS.
   */
  readonly extraSections?: readonly ReportSection[];
}

/** The ids of the sections the plan itself gives, in page order (extra sections go before `unchanged`). */
export const PREVIEW_SECTION_IDS = ['blocked', 'totals', 'seats', 'change', 'not-written', 'unchanged'] as const;

/**
 * The dry run as a page an admin reads before writing anything: what blocks the run, the totals,
 * the seats check, then every user grouped by what will happen to them. Repeated causes become one
 * group ("1,700 users not found"), so the odd failure is not buried under the common one.
 */
export function previewView(plan: RunPlan, page: PreviewPage, words: Words = ENGLISH): ReportView {
  const { t } = words;
  const sections: ReportSection[] = [];
  if (plan.blockers.length > 0) {
    sections.push({
      id: 'blocked',
      title: t('Blocked: nothing will be written until these are fixed'),
      tone: 'blocker',
      open: true,
      count: plan.blockers.length,
      lines: plan.blockers.map((b) => formatBlocker(b, t)),
    });
  }
  sections.push({
    id: 'totals',
    title: t('Totals'),
    tone: 'info',
    open: true,
    lines: [...planHeadlines(plan, words), ...changeSummary(plan, words)],
  });
  sections.push({
    id: 'seats',
    title: t('Seats'),
    tone: plan.shortfalls.length ? 'blocker' : 'info',
    open: true,
    // One wording with the blocker: an over-assigned or suspended SKU shows its real numbers.
    lines: plan.shortfalls.length
      ? plan.shortfalls.map((s) => `✗ ${shortfallBlocker(s, t).message}`)
      : [t('Enough seats for every SKU this run assigns.')],
  });
  const of = (kind: UserPlan['kind']) => plan.users.filter((u) => u.kind === kind);
  sections.push(
    groupedSection(
      { id: 'change', title: t('Will change'), tone: 'change', open: true },
      of('change').map((u) => changeLine(u, words)),
      words,
    ),
  );
  sections.push(
    groupedSection(
      { id: 'not-written', title: t('Will not be written'), tone: 'problem', open: true },
      of('failed').map((u) => failedLine(u, words)),
      words,
    ),
  );
  sections.push(...numberPreviewSections(plan, words));
  sections.push(...groupPreviewSections(plan, words));
  sections.push(...exactPreviewSections(plan, words));
  sections.push(...(page.extraSections ?? []));
  sections.push(
    groupedSection(
      { id: 'unchanged', title: t('Already as wanted'), tone: 'quiet', open: false },
      of('unchanged').map((u) => unchangedLine(u, words)),
      words,
    ),
  );
  const totals = planTotals(plan);
  const groupChanges = (plan.groups ?? []).filter((g) => g.kind === 'change').length;
  const apply: PageAction =
    plan.blockers.length > 0
      ? {
          id: 'apply',
          label: t('Apply'),
          enabled: false,
          title: t('Blocked: nothing will be written until these are fixed'),
        }
      : totals.change + groupChanges + (totals.numbers?.change ?? 0) > 0
        ? { id: 'apply', label: t('Apply'), enabled: true, title: t('Asks before writing.') }
        : { id: 'apply', label: t('Apply'), enabled: false, title: t('Nothing to change.') };
  return {
    title: t('Preview: {0}', page.file),
    actions: [apply, { id: 'refresh', label: t('Refresh Preview'), enabled: true }],
    facts: [t('Tenant: {0}', page.tenant), t('Nothing has been written.')],
    at: page.at.toISOString(),
    sections: sections.filter((s) => s.lines?.length || s.groups?.length),
    legend: t(
      '+ added, - removed, ~ disabled plans changed, ✗ will not be written, ⚠ sent but wasteful. Run "Licenses: Apply License File" to write.',
    ),
  };
}

/**
 * The preview after a run (or an undo) wrote to the tenant: what it says may no longer be true.
 * A banner says so and Apply waits for a refresh, so nobody applies on the strength of an old page.
 */
export function stalePreview(view: ReportView, { t }: Words = ENGLISH): ReportView {
  const title = t('Refresh the preview first: the tenant changed since it was read.');
  return {
    ...view,
    stale: t(
      'This preview was read before the last run: the tenant may have changed since. Refresh it before applying.',
    ),
    actions: (view.actions ?? []).map((a) => (a.id === 'apply' ? { ...a, enabled: false, title } : a)),
  };
}

/** What is sent: the same for every user of a block, so a block of 2,000 is one group. */
function changeLine(p: UserPlan, { t, locale }: Words): CausedLine {
  const remarks = [...(p.redundant ?? []).map((r) => redundantWarning(r, t)), ...p.notes];
  const cause = licenseChangeText(planChange(p), t, locale);
  return { user: p.user, cause, ...(remarks.length ? { detail: remarks.join('; ') } : {}) };
}

/** Why the user is not written, with the user taken out of Graph's message so the same cause groups. */
function failedLine(p: UserPlan, words: Words): CausedLine {
  const { t, locale } = words;
  const e = p.error;
  const message = e ? withoutUser(e.message, p.user) : t('not written');
  // Hints are constant English messages (graph/error-hints.ts), translated where shown.
  const cause = `[${e?.code ?? 'Error'}] ${message}${e?.hint ? ` — ${t(e.hint)}` : ''}`;
  const notFound = e?.code === 'Request_ResourceNotFound';
  return {
    user: p.user,
    cause,
    ...(p.notes.length ? { detail: p.notes.join('; ') } : {}),
    ...(notFound
      ? {
          heading: (c: number) =>
            isSingular(c, locale)
              ? t('{0} user not found in the tenant', formatCount(c, locale))
              : t('{0} users not found in the tenant', formatCount(c, locale)),
        }
      : {}),
  };
}

function unchangedLine(p: UserPlan, { t }: Words): CausedLine {
  return { user: p.user, cause: t('already as wanted'), ...(p.notes.length ? { detail: p.notes.join('; ') } : {}) };
}
