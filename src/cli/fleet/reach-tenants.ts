import type { WritePacer } from '../../core/graph/write-pacer';
import type { CliIo } from '../io';
import type { CliTenant, TenantTarget } from '../tenant';
import type { TenantFiles } from './tenant-files';

/** A line a tenant's run said before its run began: err, a stderr line. */
interface SaidLine {
  readonly line: string;
  readonly err: boolean;
}

/** One tenant of a run over several: the files of every name that reached it, and its one connection. */
export interface ReachedTenant {
  /** Every name the files gave it, each once, in the order the files give them: what its lines are led by. */
  readonly label: string;
  /** The first of those names as the files wrote it (undefined: the configured tenant): its journal's name. */
  readonly tenant: string | undefined;
  readonly files: readonly string[];
  /** Its connection; undefined: it could not be reached, and `said` says why. */
  readonly connection: CliTenant | undefined;
  /** What signing in to its names said, for its own lines. */
  readonly said: readonly SaidLine[];
}

/**
 * Signs in to each name the files give (`groups`, one per name as written; `names`, how each is said), once per
 * name and all at once, then makes one tenant of the names that reached the same tenant id (a domain and the id,
 * two domains of one tenant): its files together, the first connection kept and the others closed, so that it has
 * one plan, one confirmation line, one lock, one journal and one pacing. A name that cannot be reached is a tenant
 * of its own, which fails with what its sign-in said.
 */
export async function reachTenants(
  groups: readonly TenantFiles[],
  names: readonly string[],
  connect: (target: TenantTarget | undefined, io: CliIo) => Promise<CliTenant | undefined>,
  sharedPacer: WritePacer,
  io: CliIo,
): Promise<ReachedTenant[]> {
  const reached = await Promise.all(
    groups.map(async (group) => {
      const said: SaidLine[] = [];
      const connection = await connect(
        { ...(group.tenant ? { tenant: group.tenant } : {}), sharedPacer },
        {
          ...(io.t ? { t: io.t } : {}),
          stdout: (line) => said.push({ line, err: false }),
          stderr: (line) => said.push({ line, err: true }),
        },
      );
      return { group, connection, said };
    }),
  );
  const tenants: {
    names: string[];
    tenant: string | undefined;
    files: string[];
    connection: CliTenant | undefined;
    said: SaidLine[];
  }[] = [];
  const byId = new Map<string, (typeof tenants)[number]>();
  for (const [i, { group, connection, said }] of reached.entries()) {
    const id = connection?.identity.id.toLowerCase();
    const same = id === undefined ? undefined : byId.get(id);
    if (!same || !same.connection || !connection) {
      const tenant = { names: [names[i]], tenant: group.tenant, files: [...group.files], connection, said: [...said] };
      tenants.push(tenant);
      if (id !== undefined) byId.set(id, tenant);
      continue;
    }
    same.names.push(names[i]);
    same.files.push(...group.files);
    same.said.push(...said);
    // Every name it was reached by is its own: a journal recorded under either is this tenant's.
    const kept = same.connection.identity;
    const aliases = [...(kept.aliases ?? []), ...(connection.identity.aliases ?? [])];
    same.connection = { ...same.connection, identity: { ...kept, aliases: [...new Set(aliases)] } };
    await connection.close();
  }
  return tenants.map(({ names: spellings, ...tenant }) => ({ ...tenant, label: spellings.join(' / ') }));
}
