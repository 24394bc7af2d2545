import type { RunPlan } from '../plan/whole-plan';
import { english, type Translate } from '../text/translate';
import { ENGLISH, groupedSection, type CausedLine, type ReportSection, type Words } from './report-view';

/**
 * Microsoft 365 admin docs, "Unassign licenses from users", section "What happens to a user's data when you remove
 * their license?".
 */
export const LICENSE_REMOVAL_DOC = 'https://learn.microsoft.com/microsoft-365/admin/manage/remove-licenses-from-users';

/** Users listed by name in the preview; the counts per SKU always cover them all. */
const LISTED_USERS = 200;

/** What `exact` takes away beyond the file's `remove` lines, and what it leaves to groups. */
interface ExactRemovals {
  /** Users losing at least one license through `exact` alone, with those part numbers. */
  readonly users: readonly { readonly user: string; readonly removed: readonly string[] }[];
  /** Part number → users losing it through `exact`, most first. */
  readonly perSku: ReadonlyMap<string, number>;
  /** "SKU from groups" → users keeping it that way, for the "kept" list. */
  readonly kept: ReadonlyMap<string, { readonly partNumber: string; readonly groups: string; readonly users: number }>;
}

function exactRemovals(plan: RunPlan): ExactRemovals {
  const users: { user: string; removed: string[] }[] = [];
  const perSku = new Map<string, number>();
  const kept = new Map<string, { partNumber: string; groups: string; users: number }>();
  for (const u of plan.users) {
    if (u.kind !== 'change' && u.kind !== 'unchanged') continue;
    const removed = u.remove.filter((r) => r.byExact).map((r) => r.partNumber);
    if (removed.length) users.push({ user: u.user, removed });
    for (const p of removed) perSku.set(p, (perSku.get(p) ?? 0) + 1);
    for (const k of u.keptFromGroups ?? []) {
      const key = `${k.skuId}|${k.groups}`;
      const entry = kept.get(key);
      if (entry) entry.users++;
      else kept.set(key, { partNumber: k.partNumber, groups: k.groups, users: 1 });
    }
  }
  return { users, perSku: new Map([...perSku].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))), kept };
}

const perSkuText = (perSku: ReadonlyMap<string, number>) => [...perSku].map(([sku, n]) => `-${sku} ×${n}`).join(', ');

/**
 * The preview's section on `exact`, as Markdown lines (empty when no user of the plan is `exact`
 * or it changes nothing): the removals the file does not name, counted per SKU and listed per
 * user, the group licenses left alone, and what a removal costs the user.
 */
export function exactPreviewLines(plan: RunPlan, t: Translate = english): string[] {
  const { users, perSku, kept } = exactRemovals(plan);
  if (users.length === 0 && kept.size === 0) return [];
  const lines: string[] = [];
  if (users.length > 0) {
    lines.push('', `## ${t('Removed because of exact ({0} users)', users.length)}`, '');
    lines.push(
      t(
        "No remove line names these licenses: the users' blocks say exact and do not assign them. They go in the same assignLicense call as the rest of each user's change.",
      ),
      '',
    );
    for (const [sku, n] of perSku) lines.push(`- -${sku} ×${n}`);
    lines.push('', '```');
    for (const u of users.slice(0, LISTED_USERS)) lines.push(`${u.user}  - ${u.removed.join(', ')}`);
    if (users.length > LISTED_USERS) lines.push(t('... and {0} more users', users.length - LISTED_USERS));
    lines.push('```', '');
    lines.push(
      `> ${t('Removing a license ends the user\'s access to its services. Exchange Online keeps the mailbox data for 30 days after its license is removed, then deletes it for good; assigning the license again within those 30 days brings it back. Source: Microsoft 365 admin docs, "Unassign licenses from users": {0}', LICENSE_REMOVAL_DOC)}`,
    );
  }
  if (kept.size > 0) {
    lines.push('', `## ${t('Kept: licenses from groups, which exact never touches')}`, '');
    for (const k of kept.values())
      lines.push(`- ${t('{0} from group {1}: {2} users', k.partNumber, k.groups, k.users)}`);
  }
  return lines;
}

/**
 * For the confirmation an admin answers before any write: what `exact` removes, per SKU, and what that means. Empty
 * when nothing.
 */
export function exactConfirmationLines(plan: RunPlan, t: Translate = english): string[] {
  const { users, perSku } = exactRemovals(plan);
  if (users.length === 0) return [];
  return [
    t('exact also removes licenses the file does not name, from {0} users: {1}.', users.length, perSkuText(perSku)),
    t("Exchange Online keeps a mailbox's data 30 days after its license is removed, then deletes it."),
  ];
}

/**
 * The same as `exactPreviewLines`, as the preview page's sections: users grouped by the licenses
 * `exact` takes from them (a block of 2,000 users losing the same SKU is one group), then the group
 * licenses left alone. Empty when no user of the plan is `exact` or it changes nothing.
 */
export function exactPreviewSections(plan: RunPlan, words: Words = ENGLISH): ReportSection[] {
  const { t } = words;
  const { users, perSku, kept } = exactRemovals(plan);
  const sections: ReportSection[] = [];
  if (users.length > 0) {
    const lines: CausedLine[] = users.map((u) => ({ user: u.user, cause: u.removed.map((p) => `-${p}`).join(' ') }));
    sections.push({
      ...groupedSection(
        { id: 'exact-removals', title: t('Removed because of exact'), tone: 'change', open: true },
        lines,
        words,
      ),
      lines: [
        t(
          "No remove line names these licenses: the users' blocks say exact and do not assign them. They go in the same assignLicense call as the rest of each user's change.",
        ),
        perSkuText(perSku),
        t(
          'Removing a license ends the user\'s access to its services. Exchange Online keeps the mailbox data for 30 days after its license is removed, then deletes it for good; assigning the license again within those 30 days brings it back. Source: Microsoft 365 admin docs, "Unassign licenses from users": {0}',
          LICENSE_REMOVAL_DOC,
        ),
      ],
    });
  }
  if (kept.size > 0) {
    sections.push({
      id: 'exact-kept',
      title: t('Kept: licenses from groups, which exact never touches'),
      tone: 'quiet',
      open: false,
      lines: [...kept.values()].map((k) => t('{0} from group {1}: {2} users', k.partNumber, k.groups, k.users)),
    });
  }
  return sections;
}
