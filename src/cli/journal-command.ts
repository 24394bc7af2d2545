import { tenantMismatch, type Journal } from '../core/journal/journal';
import { parseArguments, type CommandSpec, type ParsedArguments } from './arguments';
import { readJournalOrSay } from './files';
import { EXIT, translatorOf, type CliIo } from './io';
import { connectTenant, journalTarget, type CliTenant, type GraphTime } from './tenant';
import { commandHelp, commandUsage } from './usage';

/** A command whose operand is one results journal (`status`, `reprocess`): its arguments checked, the journal read. */
export interface JournalCommand {
  readonly parsed: Extract<ParsedArguments, { kind: 'parsed' }>;
  readonly journalPath: string;
  readonly journal: Journal;
}

/**
 * The checks `status JOURNAL` and `reprocess JOURNAL` share: `--help`, one journal given, the command's own option
 * checks (`problem`: what is wrong, or undefined), then the journal read with its damaged lines named. A number is the
 * exit code, once stdout or stderr said why.
 */
export async function journalCommand(
  spec: CommandSpec,
  argv: readonly string[],
  io: CliIo,
  problem: (parsed: JournalCommand['parsed']) => string | undefined = () => undefined,
): Promise<JournalCommand | number> {
  const t = translatorOf(io);
  const parsed = parseArguments(spec, argv, t);
  if (parsed.kind === 'help') {
    io.stdout(commandHelp(spec, t));
    return EXIT.ok;
  }
  const wrong =
    parsed.kind === 'error'
      ? parsed.message
      : parsed.positionals.length !== 1
        ? t('give one journal (the .jsonl file apply wrote)')
        : problem(parsed);
  if (wrong !== undefined || parsed.kind !== 'parsed') {
    io.stderr(wrong ?? t('give one journal (the .jsonl file apply wrote)'));
    io.stderr(commandUsage(spec, t));
    return EXIT.usage;
  }
  const journalPath = parsed.positionals[0]!;
  const journal = await readJournalOrSay(journalPath, io);
  return journal ? { parsed, journalPath, journal } : EXIT.usage;
}

/**
 * The tenant the command acts on (`--demo`, the environment, `--deadline`, the clock it waits on), refused when the
 * journal's runs were made against another one: `refused` words what is not done. A number is the exit code; the
 * tenant is then closed.
 */
export async function connectJournalTenant(
  command: JournalCommand,
  env: Readonly<Record<string, string | undefined>>,
  io: CliIo,
  refused: (mismatch: string) => string,
  time: GraphTime = {},
): Promise<CliTenant | number> {
  const { parsed, journal } = command;
  // The tenant the journal's files named (their `tenant` line), else the configured one.
  const tenant = await connectTenant(
    parsed.flags.has('demo'),
    env,
    io,
    parsed.values.get('deadline')?.[0],
    journalTarget(journal),
    time,
  );
  if (!tenant) return EXIT.usage;
  const mismatch = tenantMismatch(journal, tenant.identity, translatorOf(io));
  if (!mismatch) return tenant;
  io.stderr(refused(mismatch));
  await tenant.close();
  return EXIT.usage;
}
