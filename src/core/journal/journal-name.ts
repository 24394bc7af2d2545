import { randomBytes } from 'node:crypto';

const JOURNAL_NAME = /^licenses-results-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-(.*)-[0-9a-f]{6}\.jsonl$/i;

/**
 * The one naming rule for journals the tool names itself (CLI without `--journal`, VS Code):
 * `licenses-results-<UTC time to the millisecond>-<what ran>-<random>.jsonl`. Sorts by time; the
 * random part keeps two runs started in the same millisecond apart (the file is also created
 * exclusively, so a collision is an error, never a shared journal). `name` may itself be a
 * journal's file name (a retry): only what ran is kept, so names never stack up as `….jsonl.jsonl`.
 */
export function journalFileName(
  name: string,
  now: Date = new Date(),
  random: string = randomBytes(3).toString('hex'),
): string {
  const time = now.toISOString().replace(/[:.]/g, '-');
  const what =
    whatRan(name)
      .replace(/[^\w.-]+/g, '_')
      .slice(0, 60) || 'run';
  return `licenses-results-${time}-${what}-${random}.jsonl`;
}

/** `phone-system` for `phone-system.licenses`, and for `licenses-results-…-phone-system-1a2b3c.jsonl`. */
export function whatRan(name: string): string {
  const base = name.replace(/^.*[\\/]/, '');
  const journal = JOURNAL_NAME.exec(base);
  return (journal ? journal[1] : base).replace(/\.jsonl$/i, '').replace(/\.licenses$/i, '');
}
