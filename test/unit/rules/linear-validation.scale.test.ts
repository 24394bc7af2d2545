import * as assert from 'node:assert/strict';
import { ADVERSARIAL_FILES, MB } from '../../../bench/adversarial-files';
import { parseLicensesFile } from '../../../src/core/format';
import { desiredUsers } from '../../../src/core/desired/desired-users';
import { validate } from '../../../src/core/rules';
import { catalog, codes } from '../helpers';

/**
 * The scale stage: linear-validation.test.ts's inputs at full size. What they find is asserted
 * here; how long they take is the bench's (bench/editor.ts, floors of 100 ms per MB).
 */
describe('validation at scale', () => {
  it('checks `assign MCOEV` on 200,000 lines, with no finding', () => {
    const text = `${'assign MCOEV\n'.repeat(200_000)}ann@contoso.com`;
    assert.deepEqual(codes(validate(parseLicensesFile(text), catalog)), []);
  });

  it('finds an assign-and-remove past line 4,194,304, where block and line once shared one number, and no false duplicate', () => {
    const far = 4_194_304;
    const text = `assign MCOEV\n${'\n'.repeat(far)}ann@contoso.com\nremove MCOEV\nann@contoso.com`;
    const findings = validate(parseLicensesFile(text), catalog);
    assert.deepEqual(codes(findings), ['assign-and-remove']);
    assert.equal(findings[0].range.start.line, far + 3);
  });

  for (const file of ADVERSARIAL_FILES) {
    it(`validates and plans the adversarial 1 MB file "${file.name}" without throwing`, () => {
      const text = file.text();
      assert.ok(text.length >= MB * 0.99 && text.length < MB * 1.1, `${text.length} characters`);
      const parsed = parseLicensesFile(text);
      validate(parsed, catalog);
      desiredUsers(parsed, catalog);
    });
  }

  it('plans 60,000 `disable` lines for one SKU, keeping every plan', () => {
    const lines = [
      'assign ENTERPRISEPACK',
      ...new Array<string>(60_000).fill('disable ENTERPRISEPACK: SWAY'),
      'ann@contoso.com',
    ];
    const result = desiredUsers(parseLicensesFile(lines.join('\n')), catalog);
    assert.equal(result[0].assign[0].disabledPlans?.length, 60_000);
  });
});
