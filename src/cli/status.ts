import { appendFile } from 'node:fs/promises';
import { fromAbortSignal } from '../core/graph/cancellation';
import { tenantMismatch } from '../core/journal/journal';
import { readJournalOrSay } from './files';
import { followGroups, groupsStillProcessing } from '../core/run/follow-groups';
import type { RunClock } from '../core/run/run-clock';
import { loadTenantSkus } from '../core/tenant/tenant-skus';
import { plural } from '../core/text/translate';
import { parseArguments } from './arguments';
import { EXIT, translatorOf, type CliIo } from './io';
import { connectTenant, journalTarget } from './tenant';
import { commandHelp, commandUsage, STATUS } from './usage';

export interface StatusOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
  /** Injected in tests: how time passes while following. */
  readonly clock?: RunClock;
}

const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');

/**
 * `status JOURNAL`: group licensing takes minutes to hours on a real tenant, longer than apply follows it.
 * This picks up the journal's groups still processing, follows them until done or `--wait SECONDS`, appends
 * what it learns to the journal (so `reprocess JOURNAL` finds the members in error) and names the members in
 * error with their fix and the reprocess command. Exit 0: every group done, no member in error; 1 otherwise.
 */
export async function runStatusCommand(argv: readonly string[], io: CliIo, options: StatusOptions = {}) {
  const t = translatorOf(io);
  const parsed = parseArguments(STATUS, argv, t);
  if (parsed.kind === 'help') {
    io.stdout(commandHelp(STATUS, t));
    return EXIT.ok;
  }
  const waitText = parsed.kind === 'parsed' ? parsed.values.get('wait')?.[0] : undefined;
  const waitSeconds = waitText === undefined ? 600 : /^\d+$/.test(waitText) ? Number(waitText) : NaN;
  const problem =
    parsed.kind === 'error'
      ? parsed.message
      : parsed.positionals.length !== 1
        ? t('give one journal (the .jsonl file apply wrote)')
        : !(waitSeconds >= 0 && waitSeconds <= 86_400)
          ? t('--wait must be a whole number of seconds from 0 to 86400')
          : undefined;
  if (problem || parsed.kind !== 'parsed') {
    io.stderr(problem ?? t('give one journal (the .jsonl file apply wrote)'));
    io.stderr(commandUsage(STATUS, t));
    return EXIT.usage;
  }
  const journalPath = parsed.positionals[0];
  const journal = await readJournalOrSay(journalPath, io);
  if (!journal) return EXIT.usage;
  const groups = groupsStillProcessing(journal);
  if (groups.length === 0) {
    io.stdout(t('No group of the journal is still processing.'));
    return EXIT.ok;
  }
  const tenant = await connectTenant(
    parsed.flags.has('demo'),
    options.env ?? process.env,
    io,
    parsed.values.get('deadline')?.[0],
    journalTarget(journal),
  );
  if (!tenant) return EXIT.usage;
  try {
    const mismatch = tenantMismatch(journal, tenant.identity, t);
    if (mismatch) {
      io.stderr(t('{0}: not followed: {1}.', journalPath, mismatch));
      return EXIT.usage;
    }
    const skus = await loadTenantSkus(tenant.connection);
    if (!skus.ok) {
      io.stderr(t('Cannot read {0}: [{1}] {2}', tenant.connection.label, skus.error.code, skus.error.message));
      return EXIT.usage;
    }
    const report = await followGroups(tenant.connection, groups, skus.value, {
      timeoutMs: waitSeconds * 1000,
      t,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.signal ? { cancellation: fromAbortSignal(options.signal) } : {}),
      onState: (g, state) => io.stderr(t('{0}: {1}', oneLine(g.displayName ?? g.group), state)),
    });
    if (report.lines.length)
      await appendFile(journalPath, report.lines.map((l) => JSON.stringify(l)).join('\n') + '\n', 'utf8');
    if (parsed.flags.has('json'))
      io.stdout(JSON.stringify({ groups: report.groups, memberErrors: report.memberErrors }));
    else {
      for (const g of report.groups)
        io.stdout(
          g.done
            ? t('✓ {0}: {1}', oneLine(g.displayName ?? g.group), g.state)
            : t(
                '… {0}: still {1} after {2} s; run status again later',
                oneLine(g.displayName ?? g.group),
                g.state,
                waitSeconds,
              ),
        );
      for (const e of report.memberErrors)
        io.stdout(`✗ ${oneLine(e.user)} [${e.sku} ${e.error}] ${oneLine(e.group)} — ${e.fix}`);
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
    return report.groups.every((g) => g.done) && report.memberErrors.length === 0 ? EXIT.ok : EXIT.problems;
  } finally {
    await tenant.close();
  }
}
