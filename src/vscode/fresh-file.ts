import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** A new file only: never an existing one, never through a symbolic link, dangling or not. */
const NEW_FILE = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0);

/**
 * Writes `text` to `base`, or to `base-2.licenses`, `-3`… when the name is taken: each name is
 * created exclusively, so a file (or a link another process planted, even one pointing nowhere)
 * is skipped, never written through. Returns the path written.
 */
export async function writeFreshFile(base: string, text: string): Promise<string> {
  const stem = base.replace(/\.licenses$/, '');
  for (let n = 1; n <= 1000; n++) {
    const candidate = n === 1 ? base : `${stem}-${n}.licenses`;
    let handle;
    try {
      handle = await open(candidate, NEW_FILE, 0o666);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ELOOP') continue;
      throw e;
    }
    try {
      await handle.writeFile(text, 'utf8');
    } finally {
      await handle.close();
    }
    return candidate;
  }
  throw new Error(`${base}: 1000 names taken, no new file written.`);
}
