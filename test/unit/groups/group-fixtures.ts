import { TenantGroups, tenantGroupOf } from '../../../src/core/tenant/tenant-groups';

/**
 * The tenant's groups a rules fixture names on `# group: NAME | ID | security|m365|m365-security|distribution`
 * lines; undefined when it names none (the group rules then need no tenant).
 */
export function groupsOf(text: string): TenantGroups | undefined {
  const lines = [...text.matchAll(/^# group: (.+?) \| (\S+) \| (\S+)\s*$/gm)];
  if (lines.length === 0) return undefined;
  return new TenantGroups(
    lines.map(([, displayName, id, kind]) =>
      tenantGroupOf({
        id,
        displayName,
        securityEnabled: kind === 'security' || kind === 'm365-security',
        mailEnabled: kind !== 'security',
        groupTypes: kind.startsWith('m365') ? ['Unified'] : [],
      }),
    ),
  );
}
