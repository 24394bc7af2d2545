import type { GroupPlan } from '../plan/group-plan';
import type { RunPlan } from '../plan/whole-plan';
import { english, plural, type Translate } from '../text/translate';
import { redundantDirectCopies, redundantDirectLines } from './redundant-direct';
import { ENGLISH, type ReportSection, type Words } from './report-view';

/**
 * The preview's group section, apart from users: per group `+SKU`, `-SKU`, disabled-plan changes,
 * and the members it reaches (with the seats they newly take or give back). Markdown lines, to be
 * appended after the users' sections; empty when the file names no group.
 */
export function groupPreviewLines(plan: RunPlan, t: Translate = english): string[] {
  const groups = plan.groups ?? [];
  if (groups.length === 0) return [];
  const lines = ['', t('## Groups ({0})', groups.length), ''];
  lines.push(
    t(
      "Group licenses reach direct members only; members without a usage location get the tenant's country. Members in error are listed after the run.",
    ),
    '',
  );
  for (const g of groups) lines.push(...groupLines(g, t));
  lines.push(...redundantDirectLines(redundantDirectCopies(plan), t));
  return lines;
}

function groupLines(g: GroupPlan, t: Translate): string[] {
  const name = `**${g.displayName ?? g.group}**${g.groupId ? ` (${g.groupId})` : ''}`;
  if (g.kind === 'failed')
    return [
      t(
        '- ✗ {0}: [{1}] {2}{3}',
        name,
        g.error?.code ?? 'Error',
        g.error?.message ?? '',
        g.error?.hint ? ` — ${g.error.hint}` : '',
      ),
    ];
  if (g.kind === 'unchanged') return [t('- = {0}: already as wanted ({1} members)', name, g.members)];
  const out = [t('- {0}: {1} members', name, g.members)];
  for (const a of g.add) {
    out.push(
      a.why === 'new'
        ? `  - ${plural(t, a.newSeats, '+{1}: {0} member takes a new seat; the others already hold it', '+{1}: {0} members take a new seat; the others already hold it', a.partNumber)}`
        : t('  - ~{0}: other disabled plans ({1} off), for every member', a.partNumber, a.disabledPlans.length),
    );
  }
  for (const r of g.remove)
    out.push(
      `  - ${plural(t, r.freedSeats, '-{1}: {0} member gives a seat back; the others keep it directly or from another group', '-{1}: {0} members give a seat back; the others keep it directly or from another group', r.partNumber)}`,
    );
  for (const n of g.notes) out.push(`  - ⚠ ${n}`);
  return out;
}

/** Markdown marks the page's plain lines would show as such. */
const plainText = (line: string): string => line.replace(/\*\*/g, '').replace(/^#+\s*/, '');

/**
 * The same, as sections of the rendered preview page: the groups the file names, then the direct
 * copies a group already gives (when there are any). Empty when the file names no group.
 */
export function groupPreviewSections(plan: RunPlan, words: Words = ENGLISH): ReportSection[] {
  const { t } = words;
  const groups = plan.groups ?? [];
  if (groups.length === 0) return [];
  const sections: ReportSection[] = [
    {
      id: 'groups',
      title: t('Groups'),
      count: groups.length,
      tone: groups.some((g) => g.kind === 'failed') ? 'problem' : 'change',
      open: true,
      lines: [
        t(
          "Group licenses reach direct members only; members without a usage location get the tenant's country. Members in error are listed after the run.",
        ),
        ...groups.flatMap((g) => groupLines(g, t)).map(plainText),
      ],
    },
  ];
  const redundant = redundantDirectLines(redundantDirectCopies(plan), t)
    .filter((l) => l.trim() !== '' && !l.startsWith('```'))
    .map(plainText);
  if (redundant.length > 0)
    sections.push({
      id: 'redundant-direct',
      title: redundant[0],
      tone: 'info',
      open: false,
      lines: redundant.slice(1),
    });
  return sections;
}
