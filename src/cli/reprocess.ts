import { fromAbortSignal } from '../core/graph/cancellation';
import { formatDamagedLines, readJournal, tenantMismatch, type Journal } from '../core/run/journal';
import { formatReprocessLine, membersToReprocess, reprocessMembers } from '../core/run/reprocess';
import { parseArguments } from './arguments';
import { EXIT } from './io';
import type { PlanApplyIo, PlanApplyOptions } from './plan-apply';
import { terminalPrompt } from './prompt';
import { connectTenant } from './tenant';
import { commandUsage, REPROCESS } from './usage';

/**
 * `reprocess JOURNAL`: once the admin fixed what kept group licensing from licensing some members
 * (seats bought, a conflicting license removed), asks Graph to reprocess those members, the ones
 * the journal recorded in error, and says which are licensed now.
 */
export async function runReprocessCommand(argv: readonly string[], io: PlanApplyIo, options: PlanApplyOptions = {}): Promise<number> {
  const parsed = parseArguments(REPROCESS, argv);
  if (parsed.kind === 'help') {
    io.stdout(commandUsage(REPROCESS));
    return EXIT.ok;
  }
  if (parsed.kind === 'error' || parsed.positionals.length !== 1) {
    io.stderr(parsed.kind === 'error' ? parsed.message : 'give one journal (the .jsonl file apply wrote)');
    io.stderr(commandUsage(REPROCESS));
    return EXIT.usage;
  }
  const [journalPath] = parsed.positionals;
  const json = parsed.flags.has('json');
  let journal: Journal;
  try {
    journal = await readJournal(journalPath);
  } catch (e) {
    io.stderr(`${journalPath}: cannot read the journal: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return EXIT.usage;
  }
  for (const w of formatDamagedLines(journalPath, journal)) io.stderr(w);
  const members = membersToReprocess(journal);
  if (members.length === 0) {
    io.stdout('No member in error in the journal: nothing to reprocess.');
    return EXIT.ok;
  }
  const tenant = await connectTenant(parsed.flags.has('demo'), options.env ?? process.env, io);
  if (!tenant) return EXIT.usage;
  try {
    const mismatch = tenantMismatch(journal, tenant.identity);
    if (mismatch) {
      io.stderr(`${journalPath}: not reprocessed: ${mismatch}.`);
      return EXIT.usage;
    }
    if (!tenant.demo && !parsed.flags.has('yes')) {
      const prompt = io.prompt ?? terminalPrompt();
      if (!prompt) {
        io.stderr(`About to reprocess ${members.length} member(s) on ${tenant.connection.label}. Pass --yes to confirm without a terminal.`);
        return EXIT.usage;
      }
      const answer = await prompt(`${tenant.connection.label}: reprocess the group licenses of ${members.length} member(s) in error? [y/N] `);
      if (!/^y(es)?$/i.test(answer?.trim() ?? '')) {
        io.stderr('Not reprocessed: nothing was written.');
        return EXIT.ok;
      }
    }
    const results = await reprocessMembers(tenant.connection, members, (r) => io.stdout(json ? JSON.stringify(r) : formatReprocessLine(r)), options.signal ? fromAbortSignal(options.signal) : undefined);
    const cleared = results.filter((r) => r.outcome === 'cleared').length;
    io.stdout(`${tenant.connection.label}: ${results.length} member(s) reprocessed, ${cleared} without error now, ${results.length - cleared} still in error or not reprocessed.`);
    return cleared === results.length ? EXIT.ok : EXIT.problems;
  } finally {
    await tenant.close();
  }
}


