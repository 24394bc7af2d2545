import { writeFile } from 'node:fs/promises';
import { fromAbortSignal } from '../core/graph/cancellation';
import { prepareUndo, undoFileName } from '../core/undo/prepare-undo';
import { parseArguments } from './arguments';
import { EXIT, type CliIo } from './io';
import { connectTenant } from './tenant';
import { commandUsage, UNDO } from './usage';

export interface UndoOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
}

/**
 * `undo JOURNAL [--output FILE]`: writes the `.licenses` file that puts back what the journal's
 * runs changed, and writes nothing to the tenant: `plan` then `apply` that file, like any other.
 * Exit 1 when some users cannot be restored from it (changed since by someone else, unreadable).
 */
export async function runUndoCommand(argv: readonly string[], io: CliIo, options: UndoOptions = {}): Promise<number> {
  const parsed = parseArguments(UNDO, argv);
  if (parsed.kind === 'help') {
    io.stdout(commandUsage(UNDO));
    return EXIT.ok;
  }
  const problem = parsed.kind === 'error' ? parsed.message : parsed.positionals.length !== 1 ? 'give one results journal' : undefined;
  if (problem || parsed.kind !== 'parsed') {
    io.stderr(problem ?? 'give one results journal');
    io.stderr(commandUsage(UNDO));
    return EXIT.usage;
  }
  const journal = parsed.positionals[0];
  const chosen = parsed.values.get('output')?.[0];
  const output = chosen ?? undoFileName(journal);

  const tenant = await connectTenant(parsed.flags.has('demo'), options.env ?? process.env, io);
  if (!tenant) return EXIT.usage;
  try {
    const outcome = await prepareUndo(tenant.connection, journal, tenant.identity, options.signal ? { cancellation: fromAbortSignal(options.signal) } : {});
    switch (outcome.kind) {
      case 'refused':
        io.stderr(outcome.message);
        return EXIT.usage;
      case 'cancelled':
        io.stderr('Cancelled while reading the tenant: no file was written.');
        return EXIT.problems;
      case 'tenant-error': {
        const e = outcome.error;
        io.stderr(`Cannot read ${tenant.connection.label}: [${e.code}] ${e.message}${e.hint ? ` — ${e.hint}` : ''}`);
        return EXIT.usage;
      }
      case 'ready':
        break;
    }
    for (const w of outcome.warnings) io.stderr(w);
    const { file } = outcome;
    try {
      // A name we chose is never overwritten: the admin may have edited the last one (taken a user in).
      await writeFile(output, file.text, { encoding: 'utf8', flag: chosen ? 'w' : 'wx' });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      io.stderr(code === 'EEXIST' ? `${output} exists already: pass --output to write elsewhere, or delete it.` : `${output}: cannot write: ${code ?? (e as Error).message}`);
      return EXIT.usage;
    }
    io.stdout(`Undo file: ${output}`);
    io.stdout(`${file.restored.length} user(s) to restore, ${file.alreadyRestored.length} already as before, ${file.changedSince.length} changed since by someone else (left out), ${file.unreadable.length} not readable.`);
    for (const c of file.changedSince) io.stdout(`! ${c.user}: ${c.differences.join('; ')} (not restored: take it in by hand if you mean it)`);
    for (const u of file.unreadable) io.stdout(`✗ ${u.user}: ${u.message}`);
    for (const u of file.usageLocationsSet) io.stdout(`· ${u.user}: the run set usage location ${u.usageLocation}; a .licenses file cannot clear it`);
    if (file.restored.length > 0) io.stdout(`Next: m365-licenses plan ${output}, then m365-licenses apply ${output}`);
    return file.changedSince.length + file.unreadable.length > 0 ? EXIT.problems : EXIT.ok;
  } finally {
    await tenant.close();
  }
}
