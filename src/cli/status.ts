import { oneLineText } from '../core/text/tenant-text';
import { fromAbortSignal } from '../core/graph/cancellation';
import { appendToJournal } from '../core/journal/journal';
import { connectJournalTenant, journalCommand } from './journal-command';
import { followGroups, groupsStillProcessing } from '../core/run/follow-groups';
import { loadTenantSkus } from '../core/tenant/tenant-skus';
import { plural } from '../core/text/translate';
import { EXIT, translatorOf, type CliIo } from './io';
import type { TenantCommandOptions } from './tenant';
import { STATUS } from './usage';

/** For tests and embedders: the environment, a cancellation signal and a clock (tenant.ts). */
export type StatusOptions = TenantCommandOptions;

/**
 * `status JOURNAL`: group licensing takes minutes to hours on a real tenant, longer than apply follows it.
 * This picks up the journal's groups still processing, follows them until done or `--wait SECONDS`, appends
 * what it learns to the journal (so `reprocess JOURNAL` finds the members in error) and names the members in
 * error with their fix and the reprocess command. Exit 0: every group done, no member in error; 1 otherwise.
 */
export async function runStatusCommand(argv: readonly string[], io: CliIo, options: StatusOptions = {}) {
  const t = translatorOf(io);
  const waitOf = (text: string | undefined) => (text === undefined ? 600 : /^\d+$/.test(text) ? Number(text) : NaN);
  const command = await journalCommand(STATUS, argv, io, (parsed) => {
    const wait = waitOf(parsed.values.get('wait')?.[0]);
    return wait >= 0 && wait <= 86_400 ? undefined : t('--wait must be a whole number of seconds from 0 to 86400');
  });
  if (typeof command === 'number') return command;
  const { journalPath, journal } = command;
  const waitSeconds = waitOf(command.parsed.values.get('wait')?.[0]);
  const groups = groupsStillProcessing(journal);
  if (groups.length === 0) {
    io.stdout(t('No group of the journal is still processing.'));
    return EXIT.ok;
  }
  const tenant = await connectJournalTenant(
    command,
    options.env ?? process.env,
    io,
    (mismatch) => t('{0}: not followed: {1}.', journalPath, mismatch),
    options,
  );
  if (typeof tenant === 'number') return tenant;
  try {
    const skus = await loadTenantSkus(tenant.connection);
    if (!skus.ok) {
      io.stderr(
        t('Cannot read {0}: [{1}] {2}', tenant.connection.label, skus.error.code, oneLineText(skus.error.message)),
      );
      return EXIT.usage;
    }
    const report = await followGroups(tenant.connection, groups, skus.value, {
      timeoutMs: waitSeconds * 1000,
      t,
      // Group processing is followed on the clock the connection waits on.
      clock: tenant.connection.clock,
      ...(options.signal ? { cancellation: fromAbortSignal(options.signal) } : {}),
      onState: (g, state) => io.stderr(t('{0}: {1}', oneLineText(g.displayName ?? g.group), state)),
    });
    // Appended as the run's journal is (never through a symbolic link); a disk that refuses it is said, not thrown.
    const unwritten = await appendToJournal(journalPath, report.lines).then(
      () => undefined,
      (e: NodeJS.ErrnoException) => e.code ?? e.message,
    );
    if (unwritten) io.stderr(t('{0}: cannot write the journal: {1}', journalPath, unwritten));
    if (command.parsed.flags.has('json'))
      io.stdout(JSON.stringify({ groups: report.groups, memberErrors: report.memberErrors }));
    else {
      for (const g of report.groups)
        io.stdout(
          g.done
            ? t('✓ {0}: {1}', oneLineText(g.displayName ?? g.group), g.state)
            : t(
                '… {0}: still {1} after {2} s; run status again later',
                oneLineText(g.displayName ?? g.group),
                g.state,
                waitSeconds,
              ),
        );
      for (const e of report.memberErrors)
        io.stdout(`✗ ${oneLineText(e.user)} [${e.sku} ${e.error}] ${oneLineText(e.group)} — ${e.fix}`);
      if (report.memberErrors.length)
        io.stdout(
          plural(
            t,
            new Set(report.memberErrors.map((e) => e.userId)).size,
            '{0} member in error: once the cause is fixed, run m365-licenses reprocess {1}',
            '{0} members in error: once the causes are fixed, run m365-licenses reprocess {1}',
            journalPath,
          ),
        );
    }
    return report.groups.every((g) => g.done) && report.memberErrors.length === 0 && !unwritten
      ? EXIT.ok
      : EXIT.problems;
  } finally {
    await tenant.close();
  }
}
