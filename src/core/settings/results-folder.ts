import { homedir } from 'node:os';
import * as path from 'node:path';

/**
 * Where a run's journal (and, proposed, its CSV) goes, from `licenses.resultsFolder`:
 * - empty (the default): next to the `.licenses` file, where the admin looks for it;
 * - a relative path: that folder, relative to the `.licenses` file's folder (`results`);
 * - an absolute path, or one starting with `~`: that folder, for every file.
 * A file with no folder on disk (untitled, a virtual or remote-only document) gets `fallback`
 * (the extension's own storage) unless the setting is absolute.
 */
export function resultsFolder(setting: string, licensesFile: string | undefined, fallback: string): string {
  const trimmed = setting.trim();
  const home = trimmed === '~' || trimmed.startsWith('~/') || trimmed.startsWith('~\\');
  if (home) return path.join(homedir(), trimmed.slice(1));
  if (trimmed && path.isAbsolute(trimmed)) return trimmed;
  if (!licensesFile) return fallback;
  return path.join(path.dirname(licensesFile), trimmed);
}
