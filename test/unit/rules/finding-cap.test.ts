import * as assert from 'node:assert/strict';
import { hasErrors } from '../../../src/core/rules';
import { FINDINGS_PER_CODE } from '../../../src/core/rules/finding-list';
import { fixesFor } from '../../../src/core/rules/fixes';
import { catalog, check, only } from '../helpers';

/** A file lists at most FINDINGS_PER_CODE findings of one code, then one that counts the rest (docs/rules.md). */
describe('findings of one kind are capped per file', () => {
  const unknownSkus = (n: number) => `assign ${Array.from({ length: n }, (_, i) => `NOSUCH${i}`).join(' ')}`;

  it('lists the first 1,000 unknown SKUs, then one error at the 1,001st saying how many more there are', () => {
    assert.equal(FINDINGS_PER_CODE, 1000);
    const line = unknownSkus(1500);
    const found = only(check(line, 'ann@contoso.com'), 'unknown-sku');
    assert.equal(found.length, 1001);
    assert.ok(found.slice(0, 1000).every((f, i) => f.message.startsWith(`Unknown SKU "NOSUCH${i}"`)));
    const summary = found[1000];
    assert.equal(summary.severity, 'error');
    assert.match(
      summary.message,
      /^\.\.\. and 500 more unknown-sku findings from here on, not listed: a file lists at most 1,000 of one kind\.$/,
    );
    const firstLeftOut = line.indexOf('NOSUCH1000 ');
    assert.deepEqual(summary.range, {
      start: { line: 0, character: firstLeftOut },
      end: { line: 0, character: firstLeftOut + 'NOSUCH1000'.length },
    });
    assert.deepEqual(summary.data, { omitted: 500 });
    assert.deepEqual(
      fixesFor(summary, () => line, catalog),
      [],
      'no quick fix: it stands for many words',
    );
  });

  it('adds no summary at exactly 1,000', () => {
    const found = check(unknownSkus(1000), 'ann@contoso.com');
    assert.equal(found.length, 1000);
    assert.ok(found.every((f) => f.message.startsWith('Unknown SKU')));
  });

  it('counts each code apart: other kinds past one capped kind are all listed, in line order', () => {
    const found = check(
      unknownSkus(1200),
      'usage-location XX',
      'usage-location UK',
      'ann@contoso.com',
      ...Array.from({ length: 1003 }, () => 'ann@contoso.com'),
    );
    assert.equal(only(found, 'invalid-usage-location').length, 2);
    assert.equal(only(found, 'unknown-sku').length, 1001);
    const duplicates = only(found, 'duplicate-user');
    assert.equal(duplicates.length, 1001);
    assert.match(duplicates[1000].message, /3 more duplicate-user/);
    assert.equal(
      duplicates[1000].range.start.line,
      1004,
      'line 4 lists ann first, so the 1,001st repeat is line 1,004',
    );
    assert.deepEqual(
      found.map((f) => f.range.start.line),
      [...found.map((f) => f.range.start.line)].sort((a, b) => a - b),
    );
  });

  it('keeps a capped warning a warning and a capped error an error, so a file with errors is refused as before', () => {
    const duplicates = check('assign MCOEV', ...Array.from({ length: 1500 }, () => 'ann@contoso.com'));
    assert.ok(duplicates.every((f) => f.severity === 'warning'));
    assert.equal(hasErrors(duplicates), false);
    assert.equal(hasErrors(check(unknownSkus(1500), 'ann@contoso.com')), true);
  });
});
