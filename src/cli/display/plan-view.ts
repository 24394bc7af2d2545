import type { ReportGroup, ReportSection, ReportView } from '../../core/report/report-view';
import { oneLineText } from '../../core/text/tenant-text';
import { count, plural, type Translate } from '../../core/text/translate';
import { USERS_NAMED } from './recap';

/** Users shown under a group of changes: the heading already says how many share it. */
const CHANGES_NAMED = 3;

/** Sections `plan --summary` keeps: the totals, the seats, and who will not be written with why. */
const SUMMARY_SECTIONS = new Set(['blocked', 'totals', 'seats', 'not-written', 'groups']);

/** Sections whose users are listed longer: the ones an admin must act on. */
const PROBLEM_TONES = new Set<ReportSection['tone']>(['problem', 'blocker']);

/**
 * The preview page as terminal lines, grouped as the page groups them: "13,600 users: +ENTERPRISEPACK
 * +MCOEV" once with its first users, then the users that will not be written under their cause and
 * fix. `summary`: the totals, the seats and that recap only.
 */
export function planViewLines(view: ReportView, t: Translate, summary: boolean): string[] {
  const lines: string[] = [];
  for (const section of view.sections) {
    if (summary && !SUMMARY_SECTIONS.has(section.id)) continue;
    lines.push(section.count !== undefined ? `${section.title} (${count(t, section.count)})` : section.title);
    for (const line of section.lines ?? []) lines.push(`  ${line}`);
    const named = PROBLEM_TONES.has(section.tone) ? USERS_NAMED : CHANGES_NAMED;
    for (const group of section.groups ?? []) lines.push(...groupLines(group, named, t));
  }
  // The page's strings hold group names, display names and Graph's messages: each printed line stays one line.
  return lines.map(oneLineText);
}

function groupLines(group: ReportGroup, named: number, t: Translate): string[] {
  const lines = [`  ${group.heading}`];
  // A heading of its own ("1,700 users not found in the tenant") does not carry the cause: say it once.
  if (!group.heading.includes(group.cause)) lines.push(`    ${group.cause}`);
  const shown = group.users.slice(0, named);
  for (const u of shown) lines.push(`    ${u.user}${u.detail ? ` (${u.detail})` : ''}`);
  const more = group.users.length - shown.length;
  if (more > 0) lines.push(`    ${plural(t, more, '… and {0} more//one', '… and {0} more')}`);
  return lines;
}
