import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../src/core/rules/codes';

describe('documentation', () => {
  const rulesDoc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'rules.md'), 'utf8');

  it('docs/rules.md lists every diagnostic code with its real severity', () => {
    for (const [code, rule] of Object.entries(RULES)) {
      const row = rulesDoc.split('\n').find((l) => l.startsWith(`| \`${code}\` |`));
      assert.ok(row, `docs/rules.md has no row for ${code}`);
      assert.equal(row.split('|')[2].trim(), rule.severity, `severity of ${code}`);
    }
  });

  it('docs/rules.md documents no code that the validator does not have', () => {
    const documented = [...rulesDoc.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
    assert.deepEqual(documented.filter((c) => !(c in RULES)), []);
  });
});
