import { randomBytes } from 'node:crypto';

/**
 * The one naming rule for journals the tool names itself (CLI without `--journal`, VS Code):
 * `licenses-results-<UTC time to the millisecond>-<what ran>-<random>.jsonl`. Sorts by time; the
 * random part keeps two runs started in the same millisecond apart (the file is also created
 * exclusively, so a collision is an error, never a shared journal).
 */
export function journalFileName(name: string, now: Date = new Date(), random: string = randomBytes(3).toString('hex')): string {
  const time = now.toISOString().replace(/[:.]/g, '-');
  const what = name.replace(/\.licenses$/i, '').replace(/[^\w.-]+/g, '_').slice(0, 60) || 'run';
  return `licenses-results-${time}-${what}-${random}.jsonl`;
}
