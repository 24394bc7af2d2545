import { shown } from '../format/parse';
import type { ParsedFile } from '../format/types';
import type { TenantGroup, TenantGroups } from '../tenant/tenant-groups';
import { english, type Translate } from '../text/translate';
import { TENANT_RULES } from './definitions/tenant';
import { finding, type Finding } from './finding';
import { say } from './rule';

const label = (g: TenantGroup) => `"${g.displayName}" (${g.id})`;

/**
 * Checks of `group` lines that need the tenant's groups: a name that matches no group or several,
 * and a group that cannot be licensed: group-based licensing assigns licenses to security groups
 * (entra-docs licensing-groups-assign.md), and a group's kind is read from groupTypes, mailEnabled
 * and securityEnabled as graph-docs groups-overview.md tabulates it (Microsoft 365 groups are
 * `Unified`, security enabled or not; distribution groups are mail-enabled without security).
 */
export function groupTenantRules(parsed: ParsedFile, groups: TenantGroups, t: Translate = english): Finding[] {
  const findings: Finding[] = [];
  for (const block of parsed.blocks) {
    for (const entry of block.groups) {
      const { line, token } = entry;
      const found = groups.lookUp(token.text);
      if (found.kind === 'none') {
        const closest = found.closest.map((g) => `"${g.displayName}"`).join(', ');
        const message = closest
          ? say(t, TENANT_RULES['group-not-found'], 'withClosest', shown(token.text), closest)
          : say(t, TENANT_RULES['group-not-found'], 'default', shown(token.text));
        findings.push(
          finding(
            'group-not-found',
            message,
            line,
            token.start,
            token.end,
            found.closest.length ? { replacements: found.closest.map((g) => quoteIfNeeded(g.displayName)) } : undefined,
          ),
        );
      } else if (found.kind === 'ambiguous') {
        findings.push(
          finding(
            'group-ambiguous',
            say(
              t,
              TENANT_RULES['group-ambiguous'],
              'default',
              found.groups.length,
              shown(token.text),
              found.groups.map(label).join(', '),
            ),
            line,
            token.start,
            token.end,
            { replacements: found.groups.map((g) => g.id) },
          ),
        );
      } else if (!found.group.securityEnabled) {
        const rule = TENANT_RULES['group-not-security'];
        const what = say(t, rule, found.group.kind === 'microsoft-365' ? 'microsoft365' : 'distributionList');
        findings.push(
          finding(
            'group-not-security',
            say(t, rule, 'default', label(found.group), what),
            line,
            token.start,
            token.end,
          ),
        );
      }
    }
  }
  return findings;
}

/** A display name as a `group` line must write it: quoted when it holds " #" or leading/trailing spaces. */
export function quoteIfNeeded(name: string): string {
  return /(^|\s)#/.test(name) || name.trim() !== name ? `"${name}"` : name;
}
