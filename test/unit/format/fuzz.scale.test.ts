import * as assert from 'node:assert/strict';
import { parseLicensesFile } from '../../../src/core/format';
import { validate } from '../../../src/core/rules';
import { catalog } from '../helpers';

/** The scale stage: fuzz.test.ts's long files at full size (the bench times hostile files). */
describe('hostile input at scale', () => {
  it('handles 100,000 lines with a BOM and CRLF, and 100,000 unknown SKUs, without throwing', () => {
    const users = Array.from({ length: 100_000 }, (_, i) => `user${i}@contoso.com`);
    const text = `\uFEFFassign MCOEV\r\n${users.join('\r\n')}`;
    const findings = validate(parseLicensesFile(text), catalog);
    assert.deepEqual(findings, []);
    const junk = `assign ${Array.from({ length: 100_000 }, (_, i) => `SKU${i}`).join(' ')}\nu@contoso.com`;
    // The first 1,000 are listed, and one more finding says how many were left out (see docs/rules.md).
    const unknown = validate(parseLicensesFile(junk), catalog);
    assert.equal(unknown.length, 1001);
    assert.ok(unknown.every((f) => f.code === 'unknown-sku'));
    assert.match(unknown[1000].message, /99,000 more unknown-sku/);
  });
});
