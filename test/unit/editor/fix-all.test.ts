import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeFixEdits } from '../../../src/core/editor/fix-all';
import { RULES_DOC_URL, ruleDocLink } from '../../../src/core/editor/rule-docs';
import { parseLicensesFile } from '../../../src/core/format';
import type { TextEdit } from '../../../src/core/rules/fixes';
import { RULES, type RuleCode } from '../../../src/core/rules/codes';
import { validate } from '../../../src/core/rules';
import { catalog } from '../helpers';

/** Applies edits (non-overlapping) bottom-up on the flat text. */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (l: number, c: number) => lines.slice(0, l).reduce((n, x) => n + x.length + 1, 0) + c;
  let out = text;
  for (const e of [...edits].reverse())
    out =
      out.slice(0, offset(e.range.start.line, e.range.start.character)) +
      e.newText +
      out.slice(offset(e.range.end.line, e.range.end.character));
  return out;
}

function fixAll(text: string): string {
  const lines = text.split('\n');
  return applyEdits(
    text,
    safeFixEdits(validate(parseLicensesFile(text), catalog), (n) => lines[n], catalog),
  );
}

const codesOf = (text: string) => validate(parseLicensesFile(text), catalog).map((f) => f.code);

describe('fix all (source.fixAll.licenses)', () => {
  it('applies every safe fix at once: legacy prefixes, repeated users, UK for GB', () => {
    const text = [
      'usage-location UK',
      'assign contoso:MCOEV, contoso:ENTERPRISEPACK',
      'alice@contoso.com',
      'bob@contoso.com',
      'ALICE@contoso.com',
      'alice@contoso.com',
      '',
    ].join('\n');
    assert.equal(
      fixAll(text),
      ['usage-location GB', 'assign MCOEV, ENTERPRISEPACK', 'alice@contoso.com', 'bob@contoso.com', ''].join('\n'),
    );
    assert.deepEqual(codesOf(fixAll(text)), []);
  });

  it('leaves every guess to the admin: keywords, SKUs, plans, countries that are no alias', () => {
    const text = [
      'asign MCOEV',
      'u@contoso.com',
      '',
      'usage-location EN',
      'assign E3',
      'disable ENTERPRISEPACK: SWAYY',
      'v@contoso.com',
      '',
    ].join('\n');
    assert.equal(fixAll(text), text);
  });

  it('never adds or takes away a license', () => {
    const text = [
      'assign MCOPSTN1',
      'u@contoso.com',
      '',
      'pstn on-premises',
      'assign MCOEV, MCOPSTN1',
      'v@contoso.com',
      '',
    ].join('\n');
    assert.ok(
      codesOf(text).includes('calling-plan-needs-phone-system') &&
        codesOf(text).includes('calling-plan-with-onprem-pstn'),
      codesOf(text).join(),
    );
    assert.equal(fixAll(text), text);
  });

  it('is idempotent: a second pass finds nothing to do', () => {
    const once = fixAll('assign contoso:MCOEV\nu@contoso.com\nu@contoso.com\n');
    assert.equal(fixAll(once), once);
    assert.equal(once, 'assign MCOEV\nu@contoso.com\n');
  });
});

describe('diagnostic codes link to docs/rules.md', () => {
  it('each code opens its own anchor of the rules page', () => {
    assert.equal(ruleDocLink('unknown-sku'), `${RULES_DOC_URL}#unknown-sku`);
    assert.match(RULES_DOC_URL, /^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/main\/docs\/rules\.md$/);
  });

  // docs/rules.md is a table, and a table row has no anchor of its own: each row ends with an
  // `<a id="code"></a>`. Once the page carries them, every code must have one.
  const doc = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'rules.md'), 'utf8');
  (doc.includes('<a id="') ? it : it.skip)('docs/rules.md has an anchor for every code', () => {
    const missing = (Object.keys(RULES) as RuleCode[]).filter((code) => !doc.includes(`<a id="${code}"></a>`));
    assert.deepEqual(missing, []);
  });
});
