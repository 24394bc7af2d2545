import { readFile } from 'node:fs/promises';
import type { Finding } from '../core/rules';
import { translatorOf, type CliIo } from './io';

/** A file's text, or undefined after saying on stderr why it could not be read (the caller exits 2). */
export async function readInputFile(file: string, io: CliIo): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    io.stderr(
      translatorOf(io)('{0}: cannot read: {1}', file, (e as NodeJS.ErrnoException).code ?? (e as Error).message),
    );
    return undefined;
  }
}

/** `file:line:column: severity code: message`, 1-based, the form editors and CI logs link. */
export const findingLine = (file: string, f: Finding): string =>
  `${file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.code}: ${f.message}`;
