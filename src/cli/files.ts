import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import * as path from 'node:path';
import { cannotReadJournal, formatDamagedLines, readJournal, type Journal } from '../core/journal/journal';
import type { Finding } from '../core/rules';
import { translatorOf, type CliIo } from './io';

/**
 * The most the CLI reads of one input file: 64 MiB, far past any `.licenses` file (a million users
 * is about 30 MiB). `/dev/zero`, `/dev/urandom` or a 2 GB file stop here with a message instead of
 * taking the memory of the process.
 */
const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** A file's text, or undefined after saying on stderr why it could not be read (the caller exits 2). */
export async function readInputFile(
  file: string,
  io: CliIo,
  limit: number = MAX_INPUT_BYTES,
): Promise<string | undefined> {
  const t = translatorOf(io);
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY);
  } catch (e) {
    io.stderr(t('{0}: cannot read: {1}', file, errorCode(e)));
    return undefined;
  }
  try {
    const st = await handle.stat();
    if (st.isDirectory()) {
      io.stderr(t('{0} is a folder: give a file.', file));
      return undefined;
    }
    if (st.isFile() && st.size > limit) {
      io.stderr(t('{0} is larger than {1} MiB, more than a file of this kind can be: not read.', file, mib(limit)));
      return undefined;
    }
    // Read in chunks, never past the limit: a device (/dev/zero) says size 0 and never ends.
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1024 * 1024, limit + 1 - size));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      size += bytesRead;
      if (size > limit) {
        io.stderr(t('{0} is larger than {1} MiB, more than a file of this kind can be: not read.', file, mib(limit)));
        return undefined;
      }
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, size).toString('utf8');
  } catch (e) {
    io.stderr(t('{0}: cannot read: {1}', file, errorCode(e)));
    return undefined;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
const errorCode = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/**
 * Create a new file, never through a symbolic link; with `force`, replace a regular file that is
 * there (still not through a link). O_NOFOLLOW is absent on Windows, where it is 0.
 */
const NEW_FILE = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0);
const REPLACED_FILE = constants.O_CREAT | constants.O_TRUNC | constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0);

/**
 * Writes a file the product generates (an export, a report, a removal file, an undo file): created
 * exclusively, so an existing file (or a planted symbolic link) is never overwritten without
 * `force`, and never written through a link even with it. Every failure is one line on stderr that
 * says what to do (a folder, a missing folder, a full disk, an existing file); `false` then, and
 * the caller exits 2. A file cut short by a full disk is removed, not left half written.
 */
export async function writeOutputFile(
  file: string,
  text: string,
  io: CliIo,
  options: { readonly force?: boolean; readonly forceHint?: string } = {},
): Promise<boolean> {
  const t = translatorOf(io);
  let handle;
  try {
    handle = await open(file, options.force ? REPLACED_FILE : NEW_FILE, 0o666);
  } catch (e) {
    io.stderr(openFailure(file, e, io, options.forceHint ?? '--force'));
    return false;
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) {
      io.stderr(t('{0} is not a regular file: give the name of a file to write.', file));
      await handle.close();
      return false;
    }
    await handle.writeFile(text, 'utf8');
    await handle.close();
    handle = undefined;
    return true;
  } catch (e) {
    io.stderr(writeFailure(file, e, io));
    await handle?.close().catch(() => undefined);
    const { unlink } = await import('node:fs/promises');
    await unlink(file).catch(() => undefined);
    return false;
  }
}

/**
 * Says, before any work, why `file` cannot be written: a folder, a missing folder, an existing file
 * without `force` (`existsMessage` overrides what is said then), a symbolic link. `true`: go on;
 * writeOutputFile checks again when it writes.
 */
export async function checkOutputPath(
  file: string,
  io: CliIo,
  options: { readonly force?: boolean; readonly existsMessage?: string } = {},
): Promise<boolean> {
  const t = translatorOf(io);
  const { lstat, stat } = await import('node:fs/promises');
  const folder = path.dirname(path.resolve(file));
  try {
    if (!(await stat(folder)).isDirectory()) {
      io.stderr(t('{0}: part of the path is a file, not a folder.', file));
      return false;
    }
  } catch {
    io.stderr(t('{0}: the folder {1} does not exist.', file, folder));
    return false;
  }
  let st;
  try {
    st = await lstat(file);
  } catch {
    return true; // Nothing there: it will be created.
  }
  if (st.isDirectory()) io.stderr(t('{0} is a folder: give a file name in it.', file));
  else if (st.isSymbolicLink())
    io.stderr(t('{0} is a symbolic link: it is not followed. Give the path of the file itself.', file));
  else if (!options.force)
    io.stderr(
      options.existsMessage ?? t('{0} exists already: pass {1} to replace it, or write elsewhere.', file, '--force'),
    );
  else if (!st.isFile()) io.stderr(t('{0} is not a regular file: give the name of a file to write.', file));
  else return true;
  return false;
}

function openFailure(file: string, e: unknown, io: CliIo, forceHint: string): string {
  const t = translatorOf(io);
  switch ((e as NodeJS.ErrnoException).code) {
    case 'EEXIST':
      return t('{0} exists already: pass {1} to replace it, or write elsewhere.', file, forceHint);
    case 'EISDIR':
      return t('{0} is a folder: give a file name in it.', file);
    case 'ENOENT':
      return t('{0}: the folder {1} does not exist.', file, path.dirname(path.resolve(file)));
    case 'ENOTDIR':
      return t('{0}: part of the path is a file, not a folder.', file);
    case 'ELOOP':
      return t('{0} is a symbolic link: it is not followed. Give the path of the file itself.', file);
    case 'EACCES':
    case 'EPERM':
      return t('{0}: not allowed to write there.', file);
    default:
      return writeFailure(file, e, io);
  }
}

function writeFailure(file: string, e: unknown, io: CliIo): string {
  const t = translatorOf(io);
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return t('{0}: no space left on the disk: nothing was written. Free some space and run the command again.', file);
  return t('{0}: cannot write: {1}', file, errorCode(e));
}

/** `file:line:column: severity code: message`, 1-based, the form editors and CI logs link. */
export const findingLine = (file: string, f: Finding): string =>
  `${file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.code}: ${f.message}`;

/**
 * A journal a command acts on (reprocess, status): read, its damaged lines named on stderr; or
 * undefined once stderr says why it cannot be read.
 */
export async function readJournalOrSay(journalPath: string, io: CliIo): Promise<Journal | undefined> {
  const t = translatorOf(io);
  let journal: Journal;
  try {
    journal = await readJournal(journalPath);
  } catch (e) {
    io.stderr(cannotReadJournal(journalPath, e, t));
    return undefined;
  }
  for (const w of formatDamagedLines(journalPath, journal, t)) io.stderr(w);
  return journal;
}
