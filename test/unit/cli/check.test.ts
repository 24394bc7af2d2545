import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheckCommand, type JsonFinding } from '../../../src/cli/check';

function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  return runCheckCommand(args, { stdout: (l) => out.push(l), stderr: (l) => err.push(l) }).then((code) => ({
    code,
    out: out.join('\n'),
    err: err.join('\n'),
  }));
}

describe('m365-licenses check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'licenses-check-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const good = join(dir, 'good.licenses');
  const bad = join(dir, 'bad.licenses');
  const warn = join(dir, 'warn.licenses');
  writeFileSync(good, 'assign MCOEV MCOPSTN1\nalice@contoso.com\n');
  writeFileSync(bad, 'assign MCOEV\n  asign MCOPSTN1\nalice@contoso.com\n');
  writeFileSync(warn, 'assign contoso:MCOEV\nalice@contoso.com\n');

  it('exits 0 on a clean file', async () => assert.equal((await run([good])).code, 0));
  it('exits 0 when there are only warnings, and prints them', async () => {
    const r = await run([warn]);
    assert.equal(r.code, 0);
    assert.match(r.out, /warn\.licenses:1:8: warning legacy-sku-prefix/);
  });
  it('exits 1 on an error and prints file:line:column with the code', async () => {
    const r = await run([good, bad]);
    assert.equal(r.code, 1);
    assert.match(r.out, /bad\.licenses:2:3: error unknown-directive: Unknown directive "asign"/);
  });
  it('prints one JSON array with 1-based lines and columns under --json', async () => {
    const r = await run([bad, '--json']);
    const parsed = JSON.parse(r.out) as JsonFinding[];
    assert.deepEqual(parsed, [
      {
        file: bad,
        line: 2,
        column: 3,
        endLine: 2,
        endColumn: 8,
        severity: 'error',
        code: 'unknown-directive',
        message: 'Unknown directive "asign". Did you mean "assign"?',
      },
    ]);
  });
  it('exits 2 on a missing file, naming it', async () => {
    const r = await run([join(dir, 'nope.licenses')]);
    assert.equal(r.code, 2);
    assert.match(r.err, /nope\.licenses: cannot read: ENOENT/);
  });
  it('exits 2 on usage errors', async () => {
    assert.equal((await run([])).code, 2);
    assert.equal((await run([good, '--fix'])).code, 2);
  });
});
