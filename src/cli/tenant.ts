import { readFile } from 'node:fs/promises';
import { tokenTenantId } from '../core/auth/access-claims';
import type { Clock } from '../core/graph/clock';
import { connectToGraph, type GraphConnection } from '../core/graph/connection';
import { tenantFromEnvironment } from '../core/auth/tenant-from-environment';
import { readJournal, type Journal, type TenantIdentity } from '../core/journal/journal';
import { userDeadlineMs } from './deadline';
import { translatorOf, type CliIo } from './io';
import type { WritePacer } from '../core/graph/write-pacer';
import { isGuid } from '../core/text/guid';
import type { EmulatorClock, RunningEmulator } from '../emulator';
import { appOnlyReach } from '../core/partner/tenant-reach';
import { clientCredentialsToken } from '../core/partner/customer-token';

/** What a command that talks to a tenant takes besides its arguments and io: for tests and embedders. */
export interface TenantCommandOptions {
  /** Where the tenant and the sign-in are read from (tenant-from-environment.ts); `process.env` when absent. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
  /**
   * What the command waits on: Retry-After, backoff and the write pacer on the connection, group processing and
   * verification in the run. The monotonic wall clock when absent; a test hands in the virtual clock its emulator
   * shares, so minutes of Graph time pass in milliseconds.
   */
  readonly clock?: Clock;
  /**
   * With `--demo`, what the demo tenant's emulator waits on (its latency and replication lag): a test hands in the
   * emulator's side of the clock it gave as `clock`. Real time when absent, as the admin's demo runs.
   */
  readonly demoClock?: EmulatorClock;
}

/** The clocks a connection waits on: TenantCommandOptions' `clock` and `demoClock`. */
export type GraphTime = Pick<TenantCommandOptions, 'clock' | 'demoClock'>;

/**
 * A run over several tenants connects to each: the tenant a file's `tenant` line names (id or
 * domain; absent: the configured one), its connection pacing against `sharedPacer`, the quota of
 * the application across all of them.
 */
export interface TenantTarget {
  readonly tenant?: string;
  readonly sharedPacer?: WritePacer;
}

export interface CliTenant {
  readonly connection: GraphConnection;
  readonly identity: TenantIdentity;
  readonly demo: boolean;
  close(): Promise<void>;
}

/**
 * The tenant a journal's files named on their `tenant` line (its header's `fileTenant`): retry,
 * undo, reprocess and status connect to it. Undefined: they named none (the configured tenant).
 */
export function journalTarget(journal: Journal | undefined): TenantTarget | undefined {
  const named = journal?.headers.find((h) => h.fileTenant)?.fileTenant;
  return named ? { tenant: named } : undefined;
}

/** journalTarget of a journal not read yet; a journal that cannot be read is the command's to report. */
export async function journalFileTarget(journalPath: string): Promise<TenantTarget | undefined> {
  return journalTarget(await readJournal(journalPath).catch(() => undefined));
}

/**
 * Connects as the environment says; the demo tenant is started in-process. Undefined: said why on stderr.
 * `deadline`: the `--deadline` option as typed, else LICENSES_USER_DEADLINE_SECONDS (deadline.ts).
 * `clock`: what the connection waits on (TenantCommandOptions.clock), for a tenant other than the demo one.
 */
export async function connectTenant(
  demo: boolean,
  env: Readonly<Record<string, string | undefined>>,
  io: CliIo,
  deadline?: string,
  target: TenantTarget = {},
  { clock, demoClock }: GraphTime = {},
): Promise<CliTenant | undefined> {
  const userDeadline = userDeadlineMs(deadline, env, translatorOf(io));
  if ('error' in userDeadline) {
    io.stderr(userDeadline.error);
    return undefined;
  }
  const retry = {
    ...(userDeadline.ms === undefined ? {} : { retry: { userDeadlineMs: userDeadline.ms } }),
    ...(target.sharedPacer ? { sharedPacer: target.sharedPacer } : {}),
  };
  const waits = { ...retry, ...(clock ? { clock } : {}) };
  const named = target.tenant;
  const choice = tenantFromEnvironment(env, demo);
  try {
    switch (choice.kind) {
      case 'misconfigured':
        io.stderr(choice.message);
        return undefined;
      case 'demo': {
        const { emulator, DEMO_APP_ID } = await startDemo(demoClock);
        if (named) {
          // A file naming its tenant: that tenant of the demo (the partner's customers), with a token of its own.
          const tenant = await emulatorTenants(emulator, DEMO_APP_ID, clock)(target, io);
          if (!tenant) await emulator.close();
          return tenant && { ...tenant, close: () => emulator.close() };
        }
        const label = translatorOf(io)('demo tenant (built-in emulator)');
        const connection = connectToGraph({
          baseUrl: emulator.baseUrl,
          getAccessToken: async () => emulator.token,
          // What the admin reads, in their language; the journal keeps the English label with the id.
          label,
          t: translatorOf(io),
          ...waits,
        });
        // "demo", as VS Code's demo session says: a journal of either demo tenant retries in the other.
        return { connection, identity: { label, id: 'demo' }, demo: true, close: () => emulator.close() };
      }
      case 'token': {
        // One token, one tenant: a file naming another tenant id cannot be reached with it.
        const tid = tokenTenantId(choice.token);
        if (named && tid && isGuid(named) && named.toLowerCase() !== tid.toLowerCase()) {
          io.stderr(
            translatorOf(io)(
              '{0}: not reachable with LICENSES_ACCESS_TOKEN, which is for tenant {1}. For several tenants, sign in app-only (AZURE_CLIENT_ID with a secret, a certificate or a federated credential).',
              named,
              tid,
            ),
          );
          return undefined;
        }
        const label = named ?? new URL(choice.baseUrl).host;
        const connection = connectToGraph({
          baseUrl: choice.baseUrl,
          getAccessToken: async () => choice.token,
          label,
          t: translatorOf(io),
          ...waits,
        });
        return {
          connection,
          identity: {
            label,
            id: tid ?? named?.toLowerCase() ?? choice.baseUrl.replace(/\/+$/, ''),
            ...(named ? { named } : {}),
          },
          demo: false,
          close: async () => undefined,
        };
      }
      case 'app-only': {
        const { appOnlyTokenProvider } = await import('../core/auth/app-only-auth');
        const { assertionProvider } = await import('../core/auth/federated-assertion');
        const certificatePem = choice.certificatePath ? await readFile(choice.certificatePath, 'utf8') : undefined;
        // The same multi-tenant app, consented in each tenant: a token per tenant from {authority}/{tenant}.
        const tenantId = named ?? choice.tenantId;
        const getAccessToken = await appOnlyTokenProvider({
          tenantId,
          clientId: choice.clientId,
          clientSecret: choice.clientSecret,
          certificatePem,
          clientAssertion: choice.federated && assertionProvider(choice.federated),
          authorityHost: choice.authorityHost,
          scope: `${new URL(choice.baseUrl).origin}/.default`,
        });
        let resolved: string | undefined;
        if (named) {
          // A file's tenant the app cannot reach (not consented, unknown) is refused before any read.
          const refused = await appOnlyReach({ name: named }, getAccessToken, translatorOf(io));
          if (refused) {
            io.stderr(refused.message);
            return undefined;
          }
          // The tenant's id, as Microsoft Entra resolved the name (the token's `tid`; the token is kept, this asks
          // nothing more): a file naming the domain and one naming the id run, lock and journal as one tenant.
          resolved = tokenTenantId(await getAccessToken())?.toLowerCase();
        } else if (!isGuid(tenantId)) {
          // AZURE_TENANT_ID given as a domain: its id as well, or the journal would be the domain's. A sign-in that
          // fails here is said by the run's first read, as it always was.
          resolved = tokenTenantId(await getAccessToken().catch(() => undefined))?.toLowerCase();
        }
        const label = named ?? `tenant ${tenantId}`;
        const connection = connectToGraph({
          baseUrl: choice.baseUrl,
          getAccessToken,
          label,
          t: translatorOf(io),
          ...waits,
        });
        return {
          connection,
          identity: {
            label,
            id: resolved ?? tenantId.toLowerCase(),
            // The journal records the id (the name stays the label): a retry finds the tenant whatever its domains.
            ...(named ? { named: resolved ?? named } : {}),
            ...(resolved && tenantId.toLowerCase() !== resolved ? { aliases: [tenantId.toLowerCase()] } : {}),
          },
          demo: false,
          close: async () => undefined,
        };
      }
    }
  } catch (e) {
    io.stderr(translatorOf(io)('Cannot connect to the tenant: {0}', (e as Error).message));
    return undefined;
  }
}

/**
 * How a run over several tenants reaches the tenants of one emulator (the demo tenant, a partner
 * with three customers, or a test's): as the multi-tenant app would, with an app-only token asked of
 * `{authority}/{tenant}/oauth2/v2.0/token` for each tenant. A tenant where the app is not consented,
 * or that the emulator does not hold, is refused with the sign-in's own words, before any read.
 */
export function emulatorTenants(
  emulator: RunningEmulator,
  clientId: string,
  clock?: Clock,
): (target: TenantTarget | undefined, io: CliIo) => Promise<CliTenant | undefined> {
  return async (target, io) => {
    const t = translatorOf(io);
    const named = target?.tenant;
    let token = emulator.token;
    if (named) {
      // Said as a refusal that names the tenant and why (tenant-reach.ts), before any read.
      const answer = await clientCredentialsToken(
        emulator.tokenUrlFor(named),
        clientId,
        `${emulator.origin}/.default`,
        named,
        t,
      );
      if ('refused' in answer) {
        io.stderr(answer.refused);
        return undefined;
      }
      token = answer.token;
    }
    const label = named ? t('{0} (demo tenant)', named) : t('demo tenant (built-in emulator)');
    const connection = connectToGraph({
      baseUrl: emulator.baseUrl,
      getAccessToken: async () => token,
      label,
      t,
      ...(target?.sharedPacer ? { sharedPacer: target.sharedPacer } : {}),
      ...(clock ? { clock } : {}),
    });
    return {
      connection,
      identity: named ? demoCustomer(named, token, label) : { label, id: 'demo' },
      demo: true,
      close: async () => undefined,
    };
  };
}

/**
 * Who a demo customer is: its tenant id, as the emulator's token for it says (`tid`), whatever name the file gave, as
 * app-only resolves a real tenant's domain. Journals written before were recorded as `demo:<name>` (and VS Code's
 * demo session still records a customer so): the aliases keep them this customer's. A token without `tid` leaves
 * the name as given.
 */
function demoCustomer(named: string, token: string, label: string): TenantIdentity {
  const tid = tokenTenantId(token)?.toLowerCase();
  const written = `demo:${named.toLowerCase()}`;
  if (!tid) return { label, id: written, named };
  return { label, id: tid, named: tid, aliases: [...new Set([written, `demo:${tid}`])] };
}

/** How a command over several tenants reaches each: `connect` per tenant, `close` once at the end. */
export interface TenantConnector {
  connect(target: TenantTarget | undefined, io: CliIo): Promise<CliTenant | undefined>;
  close(): Promise<void>;
}

/**
 * The demo (`--demo`, or nothing configured): one emulator for the whole command, its partner and
 * customers each reached with a token of their own. Otherwise each tenant as the environment says
 * (connectTenant with the tenant named).
 */
export async function tenantConnector(
  demo: boolean,
  env: Readonly<Record<string, string | undefined>>,
  deadline?: string,
  time: GraphTime = {},
): Promise<TenantConnector> {
  if (tenantFromEnvironment(env, demo).kind === 'demo') {
    const { emulator, DEMO_APP_ID } = await startDemo(time.demoClock);
    return { connect: emulatorTenants(emulator, DEMO_APP_ID, time.clock), close: () => emulator.close() };
  }
  return {
    connect: (target, io) => connectTenant(demo, env, io, deadline, target, time),
    close: async () => undefined,
  };
}

/** The demo tenant's emulator, in-process, on `clock` when a test gives one (TenantCommandOptions.demoClock). */
async function startDemo(
  clock: EmulatorClock | undefined,
): Promise<{ emulator: RunningEmulator; DEMO_APP_ID: string }> {
  const { startEmulator, DEMO_APP_ID } = await import('../emulator');
  return { emulator: await startEmulator(clock ? { clock } : {}), DEMO_APP_ID };
}
