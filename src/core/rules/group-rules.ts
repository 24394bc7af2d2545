import { shown } from '../format/parse';
import type { GroupEntry } from '../format/types';
import type { BlockModel } from '../model';
import { english, type Translate } from '../text/translate';
import { GROUP_RULES } from './definitions/group';
import { finding } from './finding';
import type { FindingList } from './finding-list';
import { say } from './rule';

/**
 * Rules on `group` target lines that need no tenant: a group twice in one block, and
 * `usage-location` in a block that licenses only groups. The voice and stacking rules judge a
 * block's SKUs whoever its targets are, so they cover groups already.
 */
export function groupRules(models: readonly BlockModel[], findings: FindingList, t: Translate = english): void {
  for (let m = 0; m < models.length; m++) {
    const block = models[m].block;
    if (block.groups.length === 0) continue;
    const seen = new Map<string, GroupEntry>();
    for (const group of block.groups) {
      const earlier = seen.get(group.key);
      if (!earlier) {
        seen.set(group.key, group);
        continue;
      }
      if (findings.admits('duplicate-group', group.line, group.token.start, group.token.end)) {
        findings.push(
          finding(
            'duplicate-group',
            say(t, GROUP_RULES['duplicate-group'], 'default', shown(group.token.text), earlier.line + 1),
            group.line,
            group.token.start,
            group.token.end,
            { deleteLine: true },
          ),
        );
      }
    }
    if (block.users.length > 0) continue;
    for (const d of block.directives) {
      if (d.kind !== 'usage-location') continue;
      // "For group license assignment, any users without a usage location specified inherit the
      // location of the directory" (entra-docs licensing-admin-center.md).
      if (findings.admits('usage-location-for-groups', d.line, d.keyword.start, d.keyword.end)) {
        findings.push(
          finding(
            'usage-location-for-groups',
            say(t, GROUP_RULES['usage-location-for-groups'], 'default'),
            d.line,
            d.keyword.start,
            d.keyword.end,
          ),
        );
      }
    }
  }
}
