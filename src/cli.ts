import { runCheckCommand } from './cli/check';
import { EXIT, processIo, terminalIo, translatorOf, type CliIo } from './cli/io';
import { usage } from './cli/usage';

export async function main(argv: readonly string[], given: CliIo = processIo): Promise<number> {
  const io = terminalIo(given);
  const [command, ...args] = argv;
  switch (command) {
    case 'check':
      return runCheckCommand(args, io);
    case 'plan':
    case 'apply': {
      // Loaded on demand: `check` in a CI pipeline never pays for the Graph client and MSAL.
      const { runPlanCommand, runApplyCommand } = await import('./cli/plan-apply');
      return command === 'plan' ? runPlanCommand(args, io) : runApplyCommand(args, io);
    }
    case 'undo': {
      const { runUndoCommand } = await import('./cli/undo');
      return runUndoCommand(args, io);
    }
    case 'export': {
      const { runExportCommand } = await import('./cli/export');
      return runExportCommand(args, io);
    }
    case 'report': {
      const { runReportCommand } = await import('./cli/report');
      return runReportCommand(args, io);
    }
    case 'reprocess': {
      const { runReprocessCommand } = await import('./cli/reprocess');
      return runReprocessCommand(args, io);
    }
    case 'setup': {
      const { runSetupCommand } = await import('./cli/setup');
      return runSetupCommand(args, io);
    }
    case '--help':
    case '-h':
    case 'help':
      io.stdout(usage(translatorOf(io)));
      return EXIT.ok;
    default:
      io.stderr(command ? translatorOf(io)('unknown command "{0}"', command) : translatorOf(io)('no command given'));
      io.stderr(usage(translatorOf(io)));
      return EXIT.usage;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`m365-licenses: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = EXIT.usage;
    },
  );
}
