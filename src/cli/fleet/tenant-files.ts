import { parseLicensesFile } from '../../core/format';
import { tenantKey } from '../../core/format/tenant-line';
import { readInputFile } from '../files';
import type { CliIo } from '../io';

/** The files of one tenant, as a run over several tenants plans them together. */
export interface TenantFiles {
  /** The tenant as the files' `tenant` line writes it (id or domain); undefined: the configured tenant. */
  readonly tenant: string | undefined;
  readonly files: readonly string[];
}

/**
 * The files grouped by the tenant their `tenant` line names, in the order each tenant first
 * appears; files without one go to the configured tenant (`configured`, AZURE_TENANT_ID when set),
 * with the files that name it. Undefined: a file could not be read (said on stderr).
 * A list of one group whose tenant is undefined is today's one-tenant run.
 */
export async function filesByTenant(
  files: readonly string[],
  io: CliIo,
  configured: string | undefined,
): Promise<TenantFiles[] | undefined> {
  const groups = new Map<string, { tenant: string | undefined; files: string[] }>();
  const configuredKey = configured ? tenantKey(configured) : undefined;
  let unreadable = false;
  for (const file of files) {
    const text = await readInputFile(file, io);
    if (text === undefined) {
      unreadable = true;
      continue;
    }
    const written = parseLicensesFile(text).tenant?.words[0]?.text;
    const key = written ? tenantKey(written) : (configuredKey ?? '');
    const group = groups.get(key);
    if (group) group.files.push(file);
    else groups.set(key, { tenant: written ?? configured, files: [file] });
  }
  if (unreadable) return undefined;
  return [...groups.values()];
}

/** A run names at least one tenant on a `tenant` line: it goes through the run over tenants. */
export const namesTenants = (groups: readonly TenantFiles[], configured: string | undefined): boolean =>
  groups.length > 1 ||
  (groups.length === 1 &&
    groups[0].tenant !== undefined &&
    tenantKey(groups[0].tenant) !== (configured && tenantKey(configured)));
