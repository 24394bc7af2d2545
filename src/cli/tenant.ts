import { readFile } from 'node:fs/promises';
import { tokenTenantId } from '../core/auth/access-claims';
import type { Clock } from '../core/graph/clock';
import { connectToGraph, type GraphConnection } from '../core/graph/connection';
import { tenantFromEnvironment } from '../core/auth/tenant-from-environment';
import type { TenantIdentity } from '../core/journal/journal';
import { userDeadlineMs } from './deadline';
import { translatorOf, type CliIo } from './io';

/** What a command that talks to a tenant takes besides its arguments and io: for tests and embedders. */
export interface TenantCommandOptions {
  /** Where the tenant and the sign-in are read from (tenant-from-environment.ts); `process.env` when absent. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
  /**
   * What the command waits on: Retry-After, backoff and the write pacer on the connection, group processing and
   * verification in the run. The monotonic wall clock when absent; a test hands in the virtual clock its emulator
   * shares, so minutes of Graph time pass in milliseconds. Not used with `--demo`: the demo tenant keeps its own.
   */
  readonly clock?: Clock;
}

export interface CliTenant {
  readonly connection: GraphConnection;
  readonly identity: TenantIdentity;
  readonly demo: boolean;
  close(): Promise<void>;
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
  clock?: Clock,
): Promise<CliTenant | undefined> {
  const userDeadline = userDeadlineMs(deadline, env, translatorOf(io));
  if ('error' in userDeadline) {
    io.stderr(userDeadline.error);
    return undefined;
  }
  const retry = userDeadline.ms === undefined ? {} : { retry: { userDeadlineMs: userDeadline.ms } };
  // The demo tenant's emulator keeps its own clock: only a connection to another tenant waits on `clock`.
  const waits = { ...retry, ...(clock ? { clock } : {}) };
  const choice = tenantFromEnvironment(env, demo);
  try {
    switch (choice.kind) {
      case 'misconfigured':
        io.stderr(choice.message);
        return undefined;
      case 'demo': {
        const { startEmulator } = await import('../emulator');
        const emulator = await startEmulator();
        const label = translatorOf(io)('demo tenant (built-in emulator)');
        const connection = connectToGraph({
          baseUrl: emulator.baseUrl,
          getAccessToken: async () => emulator.token,
          // What the admin reads, in their language; the journal keeps the English label with the id.
          label: translatorOf(io)('demo tenant (built-in emulator)'),
          t: translatorOf(io),
          ...retry,
        });
        // "demo", as VS Code's demo session says: a journal of either demo tenant retries in the other.
        return { connection, identity: { label, id: 'demo' }, demo: true, close: () => emulator.close() };
      }
      case 'token': {
        const label = new URL(choice.baseUrl).host;
        const connection = connectToGraph({
          baseUrl: choice.baseUrl,
          getAccessToken: async () => choice.token,
          label,
          t: translatorOf(io),
          ...waits,
        });
        return {
          connection,
          identity: { label, id: tokenTenantId(choice.token) ?? choice.baseUrl.replace(/\/+$/, '') },
          demo: false,
          close: async () => undefined,
        };
      }
      case 'app-only': {
        const { appOnlyTokenProvider } = await import('../core/auth/app-only-auth');
        const { assertionProvider } = await import('../core/auth/federated-assertion');
        const certificatePem = choice.certificatePath ? await readFile(choice.certificatePath, 'utf8') : undefined;
        const getAccessToken = await appOnlyTokenProvider({
          tenantId: choice.tenantId,
          clientId: choice.clientId,
          clientSecret: choice.clientSecret,
          certificatePem,
          clientAssertion: choice.federated && assertionProvider(choice.federated),
          authorityHost: choice.authorityHost,
          scope: `${new URL(choice.baseUrl).origin}/.default`,
        });
        const label = `tenant ${choice.tenantId}`;
        const connection = connectToGraph({
          baseUrl: choice.baseUrl,
          getAccessToken,
          label,
          t: translatorOf(io),
          ...waits,
        });
        return { connection, identity: { label, id: choice.tenantId }, demo: false, close: async () => undefined };
      }
    }
  } catch (e) {
    io.stderr(translatorOf(io)('Cannot connect to the tenant: {0}', (e as Error).message));
    return undefined;
  }
}
