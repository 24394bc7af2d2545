import { fromAbortSignal } from '../core/graph/cancellation';
import { oneLineText } from '../core/text/tenant-text';
import { prepareUndo, undoFileName } from '../core/undo/prepare-undo';
import { undoGroupSummaryLines } from '../core/undo/undo-groups';
import { plural } from '../core/text/translate';
import { parseArguments } from './arguments';
import { checkOutputPath, writeOutputFile } from './files';
import { EXIT, translatorOf, type CliIo } from './io';
import { connectTenant, journalFileTarget, type TenantCommandOptions } from './tenant';
import { commandHelp, commandUsage, UNDO } from './usage';

/** For tests and embedders: the environment, a cancellation signal and a clock (tenant.ts). */
export type UndoOptions = TenantCommandOptions;

/**
 * `undo JOURNAL [--output FILE]`: writes the `.licenses` file that puts back what the journal's
 * runs changed, and writes nothing to the tenant: `plan` then `apply` that file, like any other.
 * Exit 1 when some users cannot be restored from it (changed since by someone else, unreadable).
 */
export async function runUndoCommand(argv: readonly string[], io: CliIo, options: UndoOptions = {}): Promise<number> {
  const t = translatorOf(io);
  const parsed = parseArguments(UNDO, argv, t);
  if (parsed.kind === 'help') {
    io.stdout(commandHelp(UNDO, t));
    return EXIT.ok;
  }
  const problem =
    parsed.kind === 'error'
      ? parsed.message
      : parsed.positionals.length !== 1
        ? t('give one results journal')
        : undefined;
  if (problem || parsed.kind !== 'parsed') {
    io.stderr(problem ?? t('give one results journal'));
    io.stderr(commandUsage(UNDO, t));
    return EXIT.usage;
  }
  const journal = parsed.positionals[0];
  const chosen = parsed.values.get('output')?.[0];
  const output = chosen ?? undoFileName(journal);
  const force = chosen !== undefined && parsed.flags.has('force');
  // A name we chose is never overwritten: the admin may have edited the last one (taken a user in).
  const existsMessage = chosen
    ? undefined
    : t('{0} exists already: pass --output to write elsewhere, or delete it.', output);
  if (!(await checkOutputPath(output, io, { force, ...(existsMessage ? { existsMessage } : {}) }))) return EXIT.usage;

  const target = await journalFileTarget(journal);
  const tenant = await connectTenant(
    parsed.flags.has('demo'),
    options.env ?? process.env,
    io,
    undefined,
    target,
    options,
  );
  if (!tenant) return EXIT.usage;
  try {
    const outcome = await prepareUndo(tenant.connection, journal, tenant.identity, {
      t,
      ...(options.signal ? { cancellation: fromAbortSignal(options.signal) } : {}),
    });
    switch (outcome.kind) {
      case 'refused':
        io.stderr(outcome.message);
        return EXIT.usage;
      case 'cancelled':
        io.stderr(t('Cancelled while reading the tenant: no file was written.'));
        return EXIT.problems;
      case 'tenant-error': {
        const e = outcome.error;
        io.stderr(
          t('Cannot read {0}: [{1}] {2}', tenant.connection.label, e.code, oneLineText(e.message)) +
            (e.hint ? ` — ${t(e.hint)}` : ''),
        );
        return EXIT.usage;
      }
      case 'ready':
        break;
    }
    for (const w of outcome.warnings) io.stderr(oneLineText(w));
    const { file } = outcome;
    // The undo file names the tenant the run's files named (prepareUndo), or it would be applied to the configured one.
    if (!(await writeOutputFile(output, file.text, io, { force, forceHint: chosen ? '--force' : '--output' })))
      return EXIT.usage;
    io.stdout(t('Undo file: {0}', output));
    io.stdout(
      plural(
        t,
        file.restored.length,
        '{0} user to restore, {1}, {2}, {3}.',
        '{0} users to restore, {1}, {2}, {3}.',
        plural(t, file.alreadyRestored.length, '{0} already as before//one', '{0} already as before'),
        plural(
          t,
          file.changedSince.length,
          '{0} changed since by someone else (left out)//one',
          '{0} changed since by someone else (left out)',
        ),
        plural(t, file.unreadable.length, '{0} not readable//one', '{0} not readable'),
      ),
    );
    for (const c of file.changedSince)
      io.stdout(
        oneLineText(
          `! ${t('{0}: {1} (not restored: take it in by hand if you mean it)', c.user, c.differences.join('; '))}`,
        ),
      );
    for (const u of file.unreadable) io.stdout(oneLineText(`✗ ${u.user}: ${u.message}`));
    for (const u of file.usageLocationsSet)
      io.stdout(
        `· ${t('{0}: the run set usage location {1}; a .licenses file cannot clear it', u.user, u.usageLocation)}`,
      );
    for (const line of undoGroupSummaryLines(file.groups, t)) io.stdout(line);
    if (file.restored.length + file.groups.restored.length > 0)
      io.stdout(t('Next: m365-licenses plan {0}, then m365-licenses apply {0}', output));
    return file.changedSince.length +
      file.unreadable.length +
      file.groups.changedSince.length +
      file.groups.unreadable.length >
      0
      ? EXIT.problems
      : EXIT.ok;
  } finally {
    await tenant.close();
  }
}
