import { version } from '../package.json';
import { runCheckCommand } from './cli/check';
import { EXIT, processIo, terminalIo, translatorOf, type CliIo } from './cli/io';
import { processTerminal, type LiveIo } from './cli/display/progress';
import type { TenantCommandOptions } from './cli/tenant';
import { usage } from './cli/usage';

/** For tests and embedders: the environment, a cancellation signal and the clock commands wait on (cli/tenant.ts). */
type Run = (args: readonly string[], io: CliIo & LiveIo, options?: TenantCommandOptions) => Promise<number>;

/**
 * Every command the CLI runs, by name: the one table `main` dispatches from (and that `--help`
 * is checked against). All but `check` are loaded on demand: `check` in a CI pipeline never pays
 * for the Graph client and MSAL.
 */
export const DISPATCH: Readonly<Record<string, Run>> = {
  check: runCheckCommand,
  // Files that name their tenants run per tenant (cli/fleet); the others as one run, as always.
  plan: async (args, io, options) =>
    (await import('./cli/fleet/plan-apply-tenants')).runPlanAcrossTenants(args, io, options),
  apply: async (args, io, options) =>
    (await import('./cli/fleet/plan-apply-tenants')).runApplyAcrossTenants(args, io, options),
  reprocess: async (args, io, options) => (await import('./cli/reprocess')).runReprocessCommand(args, io, options),
  status: async (args, io, options) => (await import('./cli/status')).runStatusCommand(args, io, options),
  setup: async (args, io, options) => (await import('./cli/setup')).runSetupCommand(args, io, options),
  undo: async (args, io, options) => (await import('./cli/undo')).runUndoCommand(args, io, options),
  export: async (args, io, options) => (await import('./cli/export')).runExportCommand(args, io, options),
  report: async (args, io, options) => (await import('./cli/report')).runReportCommand(args, io, options),
  tenants: async (args, io, options) => (await import('./cli/partner/tenants')).runTenantsCommand(args, io, options),
};

export async function main(
  argv: readonly string[],
  given: CliIo & LiveIo = processIo,
  options?: TenantCommandOptions,
): Promise<number> {
  // Tenant text reaches the terminal through one rule (control and bidi characters made visible).
  const io: CliIo & LiveIo = { ...given, ...terminalIo(given) };
  const [command, ...args] = argv;
  if (command !== undefined && Object.hasOwn(DISPATCH, command)) return DISPATCH[command](args, io, options);
  switch (command) {
    case '--help':
    case '-h':
    case 'help':
      io.stdout(usage(translatorOf(io)));
      return EXIT.ok;
    case '--version':
    case '-v':
      io.stdout(`m365-licenses ${version}`);
      return EXIT.ok;
    default:
      io.stderr(command ? translatorOf(io)('unknown command "{0}"', command) : translatorOf(io)('no command given'));
      io.stderr(usage(translatorOf(io)));
      return EXIT.usage;
  }
}

if (require.main === module) {
  const terminal = processTerminal();
  main(process.argv.slice(2), terminal ? { ...processIo, live: terminal } : processIo).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`m365-licenses: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = EXIT.usage;
    },
  );
}
