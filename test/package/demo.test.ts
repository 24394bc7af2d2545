import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

interface Verdict {
  readonly expected: string[];
  readonly unexpected: string[];
  readonly expectedSeen: string[];
}

/** scripts/demo.mjs's judgement of a journal, against the expectations the samples announce. */
function judged(journal: readonly object[]): Verdict {
  const program = `
    import { readdirSync, readFileSync } from 'node:fs';
    import { expectations, problems } from './scripts/demo.mjs';
    const texts = readdirSync('samples').filter((f) => f.endsWith('.licenses')).map((f) => readFileSync('samples/' + f, 'utf8'));
    const expected = expectations(texts);
    const verdict = problems(process.argv[1], expected);
    console.log(JSON.stringify({ expected: [...expected], ...verdict }));`;
  const text = journal.map((l) => JSON.stringify(l)).join('\n');
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', program, text], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Verdict;
}

const header = { journal: 'm365-licenses', version: 1, files: [], tenant: 'demo', startedAt: '' };
const anna = {
  kind: 'member-error',
  group: 'All Sales',
  user: 'anna.bergman@contoso.com',
  sku: 'ENTERPRISEPACK',
  error: 'MutuallyExclusiveViolation',
};

describe('npm run demo', () => {
  it('the sample meant to show a member in error says so, and that error alone does not fail the demo', () => {
    const verdict = judged([header, { user: 'alice@contoso.com', outcome: 'changed' }, anna]);
    assert.deepEqual(verdict.expected, ['anna.bergman@contoso.com ENTERPRISEPACK MutuallyExclusiveViolation']);
    assert.deepEqual(verdict.unexpected, []);
    assert.equal(verdict.expectedSeen.length, 1);
  });

  it('fails on anything a sample does not announce: a user failed, another member in error, a group failed', () => {
    const verdict = judged([
      header,
      { user: 'alice@contoso.com', outcome: 'pending' },
      { user: 'alice@contoso.com', outcome: 'failed' },
      anna,
      { ...anna, user: 'catherine.gibson@contoso.com', error: 'CountViolation' },
      { kind: 'group', group: 'Voice Rollout', outcome: 'failed' },
    ]);
    assert.deepEqual(verdict.unexpected, [
      'member catherine.gibson@contoso.com of "All Sales": ENTERPRISEPACK CountViolation',
      'alice@contoso.com: failed',
      'group "Voice Rollout": failed',
    ]);
  });
});
