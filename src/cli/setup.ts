import { tokenTenantId } from '../core/auth/access-claims';
import { neverCancelled } from '../core/graph/cancellation';
import type { Clock } from '../core/graph/clock';
import { oneLineText } from '../core/text/tenant-text';
import { connectToGraph, type GraphConnection } from '../core/graph/connection';
import { refusedGraphUrl } from '../core/auth/endpoint-policy';
import { CLOUDS } from '../core/auth/clouds';
import { parseGitHubTarget, type GitHubTarget } from '../core/setup/github-subject';
import { describeStep, setUpApp, type SetupResult } from '../core/setup/set-up-app';
import { parseArguments } from './arguments';
import { EXIT, translatorOf, type CliIo } from './io';
import type { TenantCommandOptions } from './tenant';
import { commandHelp, commandUsage, SETUP } from './usage';

/** For tests and embedders: the environment and a clock (tenant.ts). */
export type SetupCommandOptions = Pick<TenantCommandOptions, 'env' | 'clock'>;

interface Connected {
  readonly connection: GraphConnection;
  readonly tenantId?: string;
  close(): Promise<void>;
}

/**
 * Where setup talks to: `--demo` the built-in demo tenant; LICENSES_GRAPH_URL + LICENSES_ACCESS_TOKEN
 * as for plan/apply (a token already holding the setup permissions); otherwise the admin signs in with
 * the bootstrap client. Never the demo tenant by default: creating an app there would look like success.
 */
async function connect(
  demo: boolean,
  tenant: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  io: CliIo,
  clock?: Clock,
): Promise<Connected | undefined> {
  const value = (name: string) => env[name]?.trim() || undefined;
  if (demo) {
    const { startEmulator } = await import('../emulator');
    const emulator = await startEmulator();
    return {
      connection: connectToGraph({
        baseUrl: emulator.baseUrl,
        getAccessToken: async () => emulator.token,
        label: translatorOf(io)('demo tenant (built-in emulator)'),
        t: translatorOf(io),
      }),
      tenantId: emulator.tenant.tenantId,
      close: () => emulator.close(),
    };
  }
  const url = value('LICENSES_GRAPH_URL');
  const token = value('LICENSES_ACCESS_TOKEN');
  if (url || token) {
    if (!url || !token) {
      io.stderr(
        translatorOf(io)('Set both LICENSES_GRAPH_URL and LICENSES_ACCESS_TOKEN, or neither to sign in interactively.'),
      );
      return undefined;
    }
    const refused = refusedGraphUrl(url, 'LICENSES_GRAPH_URL');
    if (refused) {
      io.stderr(refused);
      return undefined;
    }
    return {
      connection: connectToGraph({
        baseUrl: url,
        getAccessToken: async () => token,
        t: translatorOf(io),
        ...(clock ? { clock } : {}),
      }),
      tenantId: tokenTenantId(token),
      close: async () => undefined,
    };
  }
  const cloud = CLOUDS.Global;
  const { bootstrapSignIn } = await import('./setup-sign-in');
  const signedIn = await bootstrapSignIn(
    cloud.authorityHost,
    cloud.graphHost,
    tenant ?? value('AZURE_TENANT_ID') ?? 'organizations',
    io,
  );
  return {
    connection: connectToGraph({
      baseUrl: `${cloud.graphHost}/v1.0`,
      getAccessToken: signedIn.getAccessToken,
      t: translatorOf(io),
    }),
    tenantId: signedIn.tenantId,
    close: async () => undefined,
  };
}

const MARK = { created: '+', updated: '~', unchanged: '=', refused: '✗' } as const;

function printResult(result: SetupResult, github: GitHubTarget | undefined, io: CliIo): void {
  const t = translatorOf(io);
  for (const step of result.steps) io.stdout(`${MARK[step.outcome]} ${describeStep(step, t)}`);
  if (result.kind === 'failed') {
    io.stderr(
      t('Setup stopped at "{0}": [{1}] {2}', result.step, result.error.code, oneLineText(result.error.message)) +
        (result.error.hint ? ` — ${t(result.error.hint)}` : ''),
    );
    io.stderr(t('Nothing done so far is undone; run setup again once this is fixed, it picks up where it stopped.'));
    return;
  }
  io.stdout('');
  io.stdout(t('Set these in VS Code (user settings) to sign in with the new app:'));
  io.stdout(`  "licenses.clientId": "${result.clientId}",`);
  io.stdout(`  "licenses.tenantId": "${result.tenantId}"`);
  if (github) {
    io.stdout('');
    io.stdout(
      t(
        'For GitHub Actions in {0} (docs/ci.md), set these repository variables (not secrets: they are ids):',
        `${github.owner}/${github.repo}`,
      ),
    );
    io.stdout(`  AZURE_CLIENT_ID=${result.clientId}`);
    io.stdout(`  AZURE_TENANT_ID=${result.tenantId}`);
  }
  if (result.consentNeeded) {
    io.stderr('');
    io.stderr(t('Graph refused to grant consent with your roles. Ask {0} to open:', result.consentNeeded.who));
    io.stderr(`  ${result.consentNeeded.url}`);
    io.stderr(
      t('They will be asked to grant, for the whole organization: {0}.', result.consentNeeded.permissions.join(', ')),
    );
  }
}

/**
 * `setup`: creates (or finds and repairs) the app registration; `--app-only` adds application
 * permissions for unattended runs, `--github OWNER/REPO[:ENV]` the federated credential for that
 * repository's workflows. 0 = ready; 1 = created but waiting for an administrator's consent, or failed; 2 = usage.
 */
export async function runSetupCommand(
  args: readonly string[],
  io: CliIo,
  options: SetupCommandOptions = {},
): Promise<number> {
  const t = translatorOf(io);
  const parsed = parseArguments(SETUP, args, t);
  if (parsed.kind === 'help') {
    io.stdout(commandHelp(SETUP, t));
    return EXIT.ok;
  }
  const githubText = parsed.kind === 'parsed' ? parsed.values.get('github')?.[0] : undefined;
  const github = githubText === undefined ? undefined : parseGitHubTarget(githubText, t);
  const problem =
    parsed.kind === 'error'
      ? parsed.message
      : parsed.positionals.length
        ? t('unexpected argument "{0}"', parsed.positionals[0])
        : github && 'error' in github
          ? github.error
          : undefined;
  if (problem || parsed.kind !== 'parsed') {
    io.stderr(problem ?? t('invalid arguments'));
    io.stderr(commandUsage(SETUP, t));
    return EXIT.usage;
  }
  const target = github && !('error' in github) ? github : undefined;
  const env = options.env ?? process.env;
  const clock = options.clock;
  let connected: Connected | undefined;
  try {
    connected = await connect(parsed.flags.has('demo'), parsed.values.get('tenant')?.[0], env, io, clock);
  } catch (e) {
    io.stderr(translatorOf(io)('Cannot sign in: {0}', (e as Error).message));
    return EXIT.problems;
  }
  if (!connected) return EXIT.usage;
  try {
    const cloud = CLOUDS.Global;
    const result = await setUpApp(connected.connection, {
      appOnly: parsed.flags.has('app-only'),
      github: target,
      tenantId: connected.tenantId,
      authorityHost: cloud.authorityHost,
      t: translatorOf(io),
      // The waits for a new app to replicate, on the given clock (the wall clock when absent).
      ...(clock ? { sleep: async (ms: number) => void (await clock.sleep(ms, neverCancelled)) } : {}),
    });
    if (parsed.flags.has('json')) io.stdout(JSON.stringify(result));
    else printResult(result, target, io);
    return result.kind === 'done' && !result.consentNeeded ? EXIT.ok : EXIT.problems;
  } finally {
    await connected.close();
  }
}
