import { fromAbortSignal } from '../core/graph/cancellation';
import { connectJournalTenant, journalCommand } from './journal-command';
import { formatReprocessLine, membersToReprocess, reprocessMembers } from '../core/run/reprocess';
import { count, plural } from '../core/text/translate';
import { EXIT, translatorOf } from './io';
import type { PlanApplyIo, PlanApplyOptions } from './plan-apply';
import { terminalPrompt } from './prompt';
import { REPROCESS } from './usage';

/**
 * `reprocess JOURNAL`: once the admin fixed what kept group licensing from licensing some members
 * (seats bought, a conflicting license removed), asks Graph to reprocess those members, the ones
 * the journal recorded in error, and says which are licensed now.
 */
export async function runReprocessCommand(
  argv: readonly string[],
  io: PlanApplyIo,
  options: PlanApplyOptions = {},
): Promise<number> {
  const t = translatorOf(io);
  const command = await journalCommand(REPROCESS, argv, io);
  if (typeof command === 'number') return command;
  const { parsed, journalPath, journal } = command;
  const json = parsed.flags.has('json');
  const members = membersToReprocess(journal);
  if (members.length === 0) {
    io.stdout(t('No member in error in the journal: nothing to reprocess.'));
    return EXIT.ok;
  }
  const tenant = await connectJournalTenant(
    command,
    options.env ?? process.env,
    io,
    (mismatch) => t('{0}: not reprocessed: {1}.', journalPath, mismatch),
    options,
  );
  if (typeof tenant === 'number') return tenant;
  try {
    if (!tenant.demo && !parsed.flags.has('yes')) {
      const prompt = io.prompt ?? terminalPrompt();
      if (!prompt) {
        io.stderr(
          plural(
            t,
            members.length,
            'About to reprocess {0} member on {1}. Pass --yes to confirm without a terminal.',
            'About to reprocess {0} members on {1}. Pass --yes to confirm without a terminal.',
            tenant.connection.label,
          ),
        );
        return EXIT.usage;
      }
      const answer = await prompt(
        plural(
          t,
          members.length,
          '{1}: reprocess the group licenses of {0} member in error? [y/N] ',
          '{1}: reprocess the group licenses of {0} members in error? [y/N] ',
          tenant.connection.label,
        ),
      );
      // "oui" too: the French question offers [o/N].
      if (!/^(y(es)?|o(ui)?)$/i.test(answer?.trim() ?? '')) {
        io.stderr(t('Not reprocessed: nothing was written.'));
        return EXIT.ok;
      }
    }
    const results = await reprocessMembers(
      tenant.connection,
      members,
      (r) => io.stdout(json ? JSON.stringify(r) : formatReprocessLine(r, t)),
      options.signal ? fromAbortSignal(options.signal) : undefined,
      t,
    );
    const cleared = results.filter((r) => r.outcome === 'cleared').length;
    io.stdout(
      plural(
        t,
        results.length,
        '{1}: {0} member reprocessed, {2} without error now, {3}.',
        '{1}: {0} members reprocessed, {2} without error now, {3}.',
        tenant.connection.label,
        count(t, cleared),
        plural(
          t,
          results.length - cleared,
          '{0} still in error or not reprocessed//one',
          '{0} still in error or not reprocessed',
        ),
      ),
    );
    return cleared === results.length ? EXIT.ok : EXIT.problems;
  } finally {
    await tenant.close();
  }
}
