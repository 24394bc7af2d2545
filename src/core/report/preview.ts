import { productLabel } from '../catalog/product-label';
import { formatLocalTime } from '../text/time';
import { isPredictedRefusal } from '../plan/license-rules';
import type { RunPlan } from '../plan/whole-plan';
import { shortfallBlocker } from '../plan/seats';
import type { UserPlan } from '../plan/user-plan';
import { formatBlocker, formatPlanLine } from './format-results';
import { planTotals } from '../plan/totals';
import { formatCount, isSingular } from '../text/plural';
import { exactPreviewLines } from './exact-preview';
import { groupPreviewLines } from './group-preview';
import { ENGLISH, type Words } from './report-view';
import { notWrittenRemarks } from './not-written';
import { numberHeadlines, numberPlanLine, numberSummary } from './number-words';

export interface PreviewHeader {
  readonly file: string;
  readonly tenant: string;
  readonly at: Date;
}

/**
 * The dry run as a document an admin reads before writing anything: totals, the seats check,
 * then every user, grouped by what will happen to them.
 */
export function renderPreview(plan: RunPlan, header: PreviewHeader): string {
  const change = plan.users.filter((u) => u.kind === 'change');
  const unchanged = plan.users.filter((u) => u.kind === 'unchanged');
  const failed = plan.users.filter((u) => u.kind === 'failed');
  const lines = [
    `# Preview: ${header.file}`,
    '',
    `Tenant: ${header.tenant} · read ${formatLocalTime(header.at)} · nothing has been written.`,
    '',
    `## Totals`,
    '',
    ...planHeadlines(plan).map((l) => `- ${l}`),
    ...changeSummary(plan).map((l) => `- ${l}`),
  ];
  if (plan.blockers.length > 0) {
    lines.push(
      '',
      '## Blocked: nothing will be written until these are fixed',
      '',
      ...plan.blockers.map((b) => `- ${formatBlocker(b)}`),
    );
  }
  lines.push('', '## Seats', '');
  if (plan.shortfalls.length === 0) lines.push('- Enough seats for every SKU this run assigns.');
  // One wording with the blocker: an over-assigned or suspended SKU shows its real numbers.
  for (const s of plan.shortfalls) lines.push(`- ✗ ${shortfallBlocker(s).message}`);
  lines.push(...exactPreviewLines(plan));

  section(lines, `Will change (${change.length})`, change);
  section(
    lines,
    `Will not be written (${failed.length}): not found, inherited from a group, refused by the license rules, ...`,
    failed,
  );
  section(lines, `Already as wanted (${unchanged.length})`, unchanged);
  const numbered = plan.users.filter((u) => u.number);
  if (numbered.length) {
    lines.push('', `## Numbers (${numbered.length})`, '', '```');
    for (const u of numbered) lines.push(`${u.user} ${numberPlanLine(u.number!)}`);
    lines.push('```');
  }
  lines.push(...groupPreviewLines(plan));
  lines.push(
    '',
    'Legend: + added, - removed, ~ disabled plans changed, = unchanged, ✗ will not be written, ⚠ sent but wasteful. Run "Licenses: Apply License File" to write.',
    '',
  );
  return lines.join('\n');
}

function section(lines: string[], title: string, users: readonly UserPlan[]): void {
  if (users.length === 0) return;
  lines.push('', `## ${title}`, '', '```');
  for (const u of users) lines.push(formatPlanLine(u));
  lines.push('```');
}

/**
 * Per SKU, how many users gain it, lose it, or get other disabled plans in it: the preview's
 * totals and the confirmation dialog's summary (an admin turning Exchange off for a department
 * must see that SKU named before saying yes). Counts in `words`' language, with real plurals.
 */
export function changeSummary(plan: RunPlan, words: Words = ENGLISH): string[] {
  const { t, locale } = words;
  const n = (count: number) => formatCount(count, locale);
  const one = (count: number) => isSingular(count, locale);
  const tt = planTotals(plan);
  // Part numbers with Microsoft's product name: "+ENTERPRISEPACK (Office 365 E3): 40 users".
  const named = (m: ReadonlyMap<string, number>) => [...m].map(([sku, c]) => [productLabel(sku, locale), c] as const);
  return [
    ...named(tt.adds).map(([sku, c]) => (one(c) ? t('+{0}: {1} user', sku, n(c)) : t('+{0}: {1} users', sku, n(c)))),
    ...named(tt.removes).map(([sku, c]) => (one(c) ? t('-{0}: {1} user', sku, n(c)) : t('-{0}: {1} users', sku, n(c)))),
    ...named(tt.disabledPlanChanges).map(([sku, c]) =>
      one(c)
        ? t('~{0}: other disabled plans for {1} user', sku, n(c))
        : t('~{0}: other disabled plans for {1} users', sku, n(c)),
    ),
    ...(tt.usageLocations
      ? [
          one(tt.usageLocations)
            ? t('usage location set on {0} user', n(tt.usageLocations))
            : t('usage location set on {0} users', n(tt.usageLocations)),
        ]
      : []),
    ...licenseRuleRemarks(plan, words),
    ...notWrittenRemarks(plan, words),
    ...numberSummary(plan, words),
  ];
}

/**
 * The three classes counted, the first line of the totals and of the confirmation: one line for
 * the users and one for the file's groups, each only when the file has some (a groups-only file
 * says "2 groups: 2 to change", not "0 users").
 */
export function planHeadlines(plan: RunPlan, words: Words = ENGLISH): string[] {
  const { t, locale } = words;
  const n = (c: number) => formatCount(c, locale);
  const tt = planTotals(plan);
  const users = plan.users.length;
  const groups = plan.groups?.length ?? 0;
  const lines: string[] = [];
  if (users > 0 || groups === 0)
    lines.push(
      isSingular(users, locale)
        ? t(
            '{0} user: {1} to change, {2} already as wanted, {3} that will not be written',
            n(users),
            n(tt.change),
            n(tt.unchanged),
            n(tt.failing),
          )
        : t(
            '{0} users: {1} to change, {2} already as wanted, {3} that will not be written',
            n(users),
            n(tt.change),
            n(tt.unchanged),
            n(tt.failing),
          ),
    );
  if (groups > 0)
    lines.push(
      isSingular(groups, locale)
        ? t(
            '{0} group: {1} to change, {2} already as wanted, {3} that will not be written',
            n(groups),
            n(tt.groups.change),
            n(tt.groups.unchanged),
            n(tt.groups.failing),
          )
        : t(
            '{0} groups: {1} to change, {2} already as wanted, {3} that will not be written',
            n(groups),
            n(tt.groups.change),
            n(tt.groups.unchanged),
            n(tt.groups.failing),
          ),
    );
  // Numbers in their own three classes, beside the licenses' (a user as wanted in licenses may get a number).
  lines.push(...numberHeadlines(plan, words));
  return lines;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/**
 * Refusals predicted from the users' resulting licenses, and new licenses that add nothing: the
 * admin must see both before saying yes (the first are not sent, the second cost a seat each).
 * Part of changeSummary; the CLI's confirmation can print it next to its totals.
 */
export function licenseRuleRemarks(plan: RunPlan, words: Words = ENGLISH): string[] {
  const { t, locale } = words;
  const refused = plan.users.filter((u) => u.kind === 'failed' && isPredictedRefusal(u.error?.code)).length;
  const redundant = new Map<string, number>();
  for (const u of plan.users) if (u.kind === 'change') for (const r of u.redundant ?? []) bump(redundant, r.partNumber);
  return [
    ...(refused
      ? [
          isSingular(refused, locale)
            ? t(
                '✗ {0} user Graph would refuse (mutually exclusive plans or a missing required plan): not sent',
                formatCount(refused, locale),
              )
            : t(
                '✗ {0} users Graph would refuse (mutually exclusive plans or a missing required plan): not sent',
                formatCount(refused, locale),
              ),
        ]
      : []),
    ...[...redundant].map(([sku, c]) =>
      isSingular(c, locale)
        ? t(
            '⚠ +{0}: {1} user already gets its plans from another license (a seat used for nothing)',
            sku,
            formatCount(c, locale),
          )
        : t(
            '⚠ +{0}: {1} users already get its plans from another license (a seat used for nothing)',
            sku,
            formatCount(c, locale),
          ),
    ),
  ];
}

/**
 * What a run answers when every change it was asked for will not be written: the counts, each
 * reason with its fix, and that nothing was written (the CLI exits non-zero on it).
 */
export function refusedRunLines(plan: RunPlan, words: Words = ENGLISH): string[] {
  return [
    words.t('Nothing was written: every change of this run would be refused or cannot be made.'),
    ...planHeadlines(plan, words),
    ...licenseRuleRemarks(plan, words),
    ...notWrittenRemarks(plan, words),
    words.t('Fix what each line says in the file, then apply it again.'),
  ];
}
