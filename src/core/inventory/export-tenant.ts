import { neverCancelled, type Cancellation } from '../graph/cancellation';
import type { GraphConnection } from '../graph/connection';
import type { GraphUser } from '../graph/resources';
import { readGroupNames, readUsers, type CurrentUser } from '../reads/tenant-reads';
import type { UserError } from '../graph/user-error';
import { LISTING_CANCELLED, listLicensedUsers } from '../reads/user-listing';
import { loadTenantSkus, type TenantSkus } from '../tenant/tenant-skus';
import { english, type Translate } from '../text/translate';
import { numbersByHolder, readNumberInventory } from '../numbers/teams-reads';
import { exportLicensesFile, type ExportedFile } from './export-file';

/** Whom to export: every licensed user, the holders of some SKUs, or the users a file names. */
export type ExportSource =
  | { readonly kind: 'licensed' }
  | { readonly kind: 'skus'; readonly skus: readonly string[] }
  | { readonly kind: 'users'; readonly references: readonly string[]; readonly label: string };

export interface ExportTenantOptions {
  readonly tenantLabel: string;
  readonly cancellation?: Cancellation;
  readonly onProgress?: (usersRead: number) => void;
  readonly now?: () => Date;
  readonly t?: Translate;
}

export type ExportOutcome =
  | {
      readonly kind: 'exported';
      readonly file: ExportedFile;
      readonly skus: TenantSkus;
      /** Users of a file that could not be read. */ readonly unread: readonly string[];
      /** Why users' Teams numbers are not in the file (the inventory could not be read), said once. */
      readonly numbersAbsent?: string;
    }
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'tenant-error'; readonly error: UserError }
  | { readonly kind: 'cancelled' };

/**
 * Reads the tenant (its SKUs, then the users: listed 999 a page, or read 20 to a `$batch` for a
 * file's users) and writes the `.licenses` file that states it. Writes nothing to Graph.
 */
export async function exportTenant(
  connection: GraphConnection,
  source: ExportSource,
  options: ExportTenantOptions,
): Promise<ExportOutcome> {
  const t = options.t ?? english;
  const cancellation = options.cancellation ?? neverCancelled;
  const skus = await loadTenantSkus(connection);
  if (!skus.ok) return { kind: 'tenant-error', error: skus.error };
  let users: GraphUser[];
  const unread: string[] = [];
  let scope: string;
  if (source.kind === 'users') {
    const read = await readUsers(connection, source.references, cancellation);
    if (cancellation.isCancellationRequested) return { kind: 'cancelled' };
    users = [];
    for (const ref of [...new Set(source.references.map((r) => r.toLowerCase()))]) {
      const u = read.get(ref);
      if (u?.kind === 'found') users.push(u.user);
      else unread.push(u ? `${ref}: ${u.error.message}` : ref);
    }
    options.onProgress?.(users.length);
    scope = `the users of ${source.label}`;
  } else {
    let skuIds: string[] | undefined;
    if (source.kind === 'skus') {
      skuIds = [];
      for (const word of source.skus) {
        const found = skus.value.resolve(word);
        if (found.kind === 'unknown')
          return { kind: 'refused', message: t('The tenant has no subscription {0}.', word) };
        if (found.kind === 'ambiguous')
          return {
            kind: 'refused',
            message: t(
              '{0} names several subscriptions of the tenant: give its skuId ({1}).',
              word,
              found.skus.map((s) => s.skuId).join(', '),
            ),
          };
        skuIds.push(found.sku.skuId);
      }
    }
    const listed = await listLicensedUsers(connection, { skuIds, cancellation, onPage: options.onProgress });
    if (!listed.ok)
      return listed.error.code === LISTING_CANCELLED
        ? { kind: 'cancelled' }
        : { kind: 'tenant-error', error: listed.error };
    users = listed.value;
    scope = source.kind === 'skus' ? `holders of ${source.skus.join(', ')}` : 'every licensed user';
  }
  const found: CurrentUser[] = users.map((user) => ({ kind: 'found', user }));
  const groupNames = await readGroupNames(connection, found, new Set(skus.value.all.map((s) => s.skuId)), cancellation);
  if (cancellation.isCancellationRequested) return { kind: 'cancelled' };
  // Teams numbers when the tenant lets us read them; else the licenses alone, and why, once.
  const inventory = await readNumberInventory(connection, { t, filter: "assignmentStatus eq 'userAssigned'" });
  if (cancellation.isCancellationRequested) return { kind: 'cancelled' };
  const numbersAbsent = inventory.ok
    ? undefined
    : t(
        "Teams numbers are not in the file: the tenant's telephone numbers could not be read ({0}).",
        inventory.error.message + (inventory.error.hint ? ` — ${t(inventory.error.hint)}` : ''),
      );
  const file = exportLicensesFile(users, skus.value, groupNames, {
    tenantLabel: options.tenantLabel,
    readAt: (options.now ?? (() => new Date()))(),
    scope,
    ...(inventory.ok ? { numbers: numbersByHolder(inventory.value) } : {}),
  });
  const text = unread.length
    ? `${file.text}\n# Not exported (could not be read):\n${unread.map((u) => `#   ${u.replace(/[\r\n]+/g, ' ')}`).join('\n')}\n`
    : file.text;
  return {
    kind: 'exported',
    file: { ...file, text },
    skus: skus.value,
    unread,
    ...(numbersAbsent ? { numbersAbsent } : {}),
  };
}
