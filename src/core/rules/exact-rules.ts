import type { BlockModel } from '../model';
import { english, type Translate } from '../text/translate';
import { EXACT_RULES } from './definitions/exact';
import { finding } from './finding';
import type { FindingList } from './finding-list';
import { say, sayCount } from './rule';

/**
 * What `exact` makes pointless or drastic. `exact` removes every direct license the user's blocks
 * do not assign, so a `remove` line beside it says nothing more; and an `exact` that no `assign`
 * of the user's blocks answers takes every direct license away, which deserves a warning.
 */
export function exactRules(models: readonly BlockModel[], findings: FindingList, t: Translate = english): void {
  let assignedUsers: Set<string> | undefined;
  for (let m = 0; m < models.length; m++) {
    const model = models[m];
    const exact = model.exact;
    if (!exact || model.block.users.length === 0) continue;
    removeBesideExact(model, findings, t);
    if (model.assigned.length > 0) continue;
    // Only now, and once: a user may be assigned SKUs in another of their blocks.
    assignedUsers ??= usersWithAssign(models);
    const stripped = model.block.users.filter((u) => !assignedUsers!.has(u.key)).length;
    if (stripped === 0) continue;
    if (!findings.admits('exact-without-assign', exact.line, exact.keyword.start, exact.keyword.end)) continue;
    const message =
      stripped === model.block.users.length
        ? sayCount(t, EXACT_RULES['exact-without-assign'], 'everyUser', stripped)
        : say(t, EXACT_RULES['exact-without-assign'], 'someUsers', stripped, model.block.users.length);
    findings.push(
      finding('exact-without-assign', message, exact.line, exact.keyword.start, exact.keyword.end, {
        deleteLine: true,
      }),
    );
  }
}

function removeBesideExact(model: BlockModel, findings: FindingList, t: Translate): void {
  for (let k = 0; k < model.block.directives.length; k++) {
    const d = model.block.directives[k];
    if (d.kind !== 'remove' || d.skus.length === 0) continue;
    const end = d.skus[d.skus.length - 1].end;
    if (!findings.admits('remove-beside-exact', d.line, d.keyword.start, end)) continue;
    findings.push(
      finding(
        'remove-beside-exact',
        say(t, EXACT_RULES['remove-beside-exact'], 'default'),
        d.line,
        d.keyword.start,
        end,
        { deleteLine: true },
      ),
    );
  }
}

function usersWithAssign(models: readonly BlockModel[]): Set<string> {
  const keys = new Set<string>();
  for (const m of models) if (m.assigned.length > 0) for (const u of m.block.users) keys.add(u.key);
  return keys;
}
