import { version } from '../package.json';
import { runCheckCommand } from './cli/check';
import { EXIT, processIo, terminalIo, translatorOf, type CliIo } from './cli/io';
import { processTerminal, type LiveIo } from './cli/display/progress';
import { usage } from './cli/usage';

type Run = (args: readonly string[], io: CliIo & LiveIo) => Promise<number>;

/**
 * Every command the CLI runs, by name: the one table `main` dispatches from (and that `--help`
 * is checked against). All but `check` are loaded on demand: `check` in a CI pipeline never pays
 * for the Graph client and MSAL.
 */
export const DISPATCH: Readonly<Record<string, Run>> = {
  check: runCheckCommand,
  // Files that name their tenants run per tenant (cli/fleet); the others as one run, as always.
  plan: async (args, io) => (await import('./cli/fleet/plan-apply-tenants')).runPlanAcrossTenants(args, io),
  apply: async (args, io) => (await import('./cli/fleet/plan-apply-tenants')).runApplyAcrossTenants(args, io),
  reprocess: async (args, io) => (await import('./cli/reprocess')).runReprocessCommand(args, io),
  status: async (args, io) => (await import('./cli/status')).runStatusCommand(args, io),
  setup: async (args, io) => (await import('./cli/setup')).runSetupCommand(args, io),
  undo: async (args, io) => (await import('./cli/undo')).runUndoCommand(args, io),
  export: async (args, io) => (await import('./cli/export')).runExportCommand(args, io),
  report: async (args, io) => (await import('./cli/report')).runReportCommand(args, io),
  tenants: async (args, io) => (await import('./cli/partner/tenants')).runTenantsCommand(args, io),
};

export async function main(argv: readonly string[], given: CliIo & LiveIo = processIo): Promise<number> {
  // Tenant text reaches the terminal through one rule (control and bidi characters made visible).
  const io: CliIo & LiveIo = { ...given, ...terminalIo(given) };
  const [command, ...args] = argv;
  if (command !== undefined && Object.hasOwn(DISPATCH, command)) return DISPATCH[command](args, io);
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
