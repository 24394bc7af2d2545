import type { GroupRead } from '../reads/group-reads';
import { oneLineText } from '../text/tenant-text';
import { fileLine } from '../text/tenant-text';
import { directDifferences, type DirectLicense } from '../plan/direct-state';
import { skuPlans } from '../plan/resulting-licenses';
import type { GroupLicenseState } from '../results/group-result';
import type { TenantSkus } from '../tenant/tenant-skus';
import { english, plural, type Translate } from '../text/translate';
import { describeDifference, type UndoGroups } from './undo-file';
import { planWord, skuWord } from '../tenant/sku-words';
import type { UndoGroup } from './undo-group-journal';

const NO_UNDO_GROUPS: UndoGroups = {
  restored: [],
  alreadyRestored: [],
  changedSince: [],
  unreadable: [],
  plansToTurnOn: [],
};

/** What the group gives now, in the journal's shape (skuId order, plans sorted). */
function stateNow(read: Extract<GroupRead, { kind: 'found' }>, skus: TenantSkus): GroupLicenseState {
  const licenses: DirectLicense[] = (read.group.assignedLicenses ?? []).map((l) => {
    const skuId = l.skuId.toLowerCase();
    return {
      skuId,
      partNumber: skuPlans(skuId, skus).partNumber,
      disabledPlans: (l.disabledPlans ?? []).map((p) => p.toLowerCase()).sort(),
    };
  });
  licenses.sort((a, b) => (a.skuId < b.skuId ? -1 : a.skuId > b.skuId ? 1 : 0));
  return { licenses };
}

const same = (a: GroupLicenseState, b: GroupLicenseState) => directDifferences(a, b).length === 0;

/** A display name on one comment line: no line break can end the comment early. */
const oneLine = fileLine;

/**
 * The group lines that give a group back `before` from `now`. `exact` does not apply to groups, so
 * the set is restored by change lines: `assign` (and `disable`) for what the group gave before,
 * `remove` for what the run added. A SKU given with every plan on before and with plans off now
 * cannot be stated (a group keeps the plans it has off unless `disable` names others), so it is
 * reported instead.
 */
function blockLines(
  g: UndoGroup,
  now: GroupLicenseState,
  skus: TenantSkus,
  plansToTurnOn: { group: string; partNumber: string }[],
  t: Translate,
): string[] {
  const nowById = new Map(now.licenses.map((l) => [l.skuId, l]));
  const beforeIds = new Set(g.before.licenses.map((l) => l.skuId));
  const assign: DirectLicense[] = [];
  const comments: string[] = [];
  for (const l of g.before.licenses) {
    const current = nowById.get(l.skuId);
    if (current && directDifferences({ licenses: [l] }, { licenses: [current] }).length === 0) continue;
    if (current && l.disabledPlans.length === 0) {
      plansToTurnOn.push({ group: g.name, partNumber: l.partNumber });
      comments.push(
        `# ${t('{0}: the run turned plans off that the group gave before; a group line cannot turn every plan back on (exact does not apply to groups): turn them on in the Microsoft 365 admin center.', l.partNumber)}`,
      );
      continue;
    }
    assign.push(l);
  }
  const remove = now.licenses.filter((l) => !beforeIds.has(l.skuId));
  if (assign.length === 0 && remove.length === 0) return comments;
  return [
    ...comments,
    ...(assign.length ? [`assign ${assign.map((l) => skuWord(skus, l.skuId)).join(' ')}`] : []),
    ...assign
      .filter((l) => l.disabledPlans.length > 0)
      .map(
        (l) => `disable ${skuWord(skus, l.skuId)}: ${l.disabledPlans.map((p) => planWord(skus, l.skuId, p)).join(' ')}`,
      ),
    ...(remove.length ? [`remove ${remove.map((l) => skuWord(skus, l.skuId)).join(' ')}`] : []),
    `group ${g.groupId}   # ${oneLine(g.name)}`,
  ];
}

/**
 * The undo file's part for groups: one block per group that gives other licenses than before and
 * holds a state the journal left; groups changed since by someone else as comments, as for users.
 * `now`: the groups read from the tenant, keyed by lower-cased object id.
 */
export function groupUndoSection(
  groups: readonly UndoGroup[],
  now: ReadonlyMap<string, GroupRead>,
  skus: TenantSkus,
  t: Translate = english,
): { readonly lines: string[]; readonly summary: UndoGroups } {
  if (groups.length === 0) return { lines: [], summary: NO_UNDO_GROUPS };
  const restored: string[] = [];
  const alreadyRestored: string[] = [];
  const changedSince: { group: string; differences: string[]; lines: string[] }[] = [];
  const unreadable: { group: string; message: string }[] = [];
  const plansToTurnOn: { group: string; partNumber: string }[] = [];
  const blocks: string[][] = [];
  for (const g of groups) {
    const read = now.get(g.groupId);
    if (!read || read.kind !== 'found') {
      unreadable.push({
        group: g.name,
        message:
          read?.kind === 'unreadable'
            ? read.error.message
            : read?.kind === 'missing'
              ? t('no such group any more')
              : t('not read'),
      });
      continue;
    }
    const current = stateNow(read, skus);
    if (same(g.before, current)) {
      alreadyRestored.push(g.name);
      continue;
    }
    const lines = blockLines(g, current, skus, plansToTurnOn, t);
    if (!g.left.some((s) => same(s, current))) {
      const expected = g.left[g.left.length - 1] ?? g.before;
      changedSince.push({
        group: g.name,
        differences: directDifferences(expected, current).map((d) => describeDifference(d, t)),
        lines,
      });
      continue;
    }
    if (lines.some((l) => !l.startsWith('#'))) restored.push(g.name);
    blocks.push(lines);
  }

  const out: string[] = [];
  if (blocks.length > 0) {
    out.push(
      '',
      `# ${t('Groups: exact does not apply to groups, so each group gets back the licenses it gave before the run through assign and disable lines, and loses the ones the run added through remove lines. Its members follow once group licensing has processed the change.')}`,
    );
    for (const block of blocks) out.push('', ...block);
  }
  if (changedSince.length > 0) {
    out.push(
      '',
      `# ${t('Groups changed since the run by someone else: not restored, their licenses now differ from what the run left. To restore one anyway, take the # off its block.')}`,
    );
    for (const c of changedSince) {
      out.push(`# ${oneLine(c.group)}: ${c.differences.join('; ')}`);
      out.push(...c.lines.map((l) => `#   ${l}`));
    }
  }
  if (unreadable.length > 0) {
    out.push('', `# ${t('Groups that could not be read now, so not restored:')}`);
    for (const u of unreadable) out.push(`#   ${oneLine(u.group)}: ${oneLine(u.message)}`);
  }
  return {
    lines: out,
    summary: {
      restored,
      alreadyRestored,
      changedSince: changedSince.map(({ group, differences }) => ({ group, differences })),
      unreadable,
      plansToTurnOn,
    },
  };
}

/**
 * What the undo file does for groups, one line each (group names and Graph's messages kept on theirs), for the CLI
 * and the output channel; empty without groups.
 */
export function undoGroupSummaryLines(groups: UndoGroups, t: Translate = english): string[] {
  const total =
    groups.restored.length + groups.alreadyRestored.length + groups.changedSince.length + groups.unreadable.length;
  if (total === 0) return [];
  return [
    plural(
      t,
      groups.restored.length,
      '{0} group to restore, {1}, {2}, {3}.',
      '{0} groups to restore, {1}, {2}, {3}.',
      plural(t, groups.alreadyRestored.length, '{0} already as before//one', '{0} already as before'),
      plural(
        t,
        groups.changedSince.length,
        '{0} changed since by someone else (left out)//one',
        '{0} changed since by someone else (left out)',
      ),
      plural(t, groups.unreadable.length, '{0} not readable//one', '{0} not readable'),
    ),
    ...groups.changedSince.map(
      (c) =>
        `! ${t('{0}: {1} (not restored: take it in by hand if you mean it)', t('group "{0}"', c.group), c.differences.join('; '))}`,
    ),
    ...groups.unreadable.map((u) => `✗ ${t('group "{0}"', u.group)}: ${u.message}`),
    ...groups.plansToTurnOn.map(
      (p) =>
        `· ${t('group "{0}": the run turned plans off in {1}, which a .licenses file cannot turn all back on; turn them on in the Microsoft 365 admin center', p.group, p.partNumber)}`,
    ),
  ].map(oneLineText);
}
