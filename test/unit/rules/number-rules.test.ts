import * as assert from 'node:assert/strict';
import { parseLicensesFile } from '../../../src/core/format';
import { validate } from '../../../src/core/rules';
import { fixesFor } from '../../../src/core/rules/fixes';
import { numberTenantRules } from '../../../src/core/rules/number-rules';
import { catalog } from '../helpers';
import { numberedUserOf, numbersReader, teamsNumber } from '../fixtures/numbers';

const ALICE = '11111111-1111-4111-8111-111111111111';
const signedIn = (text: string, skus: string[], usageLocation = 'US') =>
  numberTenantRules(
    parseLicensesFile(text),
    catalog,
    numbersReader(
      [
        teamsNumber('+14255550101'),
        teamsNumber('+442079460110', { numberType: 'operatorConnect', isoCountryCode: 'GB' }),
      ],
      [numberedUserOf('alice@contoso.com', ALICE, usageLocation, skus)],
    ),
  );
const codes = (findings: readonly { code: string }[]) => findings.map((f) => f.code);

describe('number rules: what the user will hold', () => {
  it('a Calling Plan number for a user with Phone System from E5 but no Calling Plan names the Calling Plan', () => {
    const [f] = signedIn('assign ENTERPRISEPACK\nalice@contoso.com +14255550101', ['SPE_E5']);
    assert.equal(f.code, 'number-license-mismatch');
    assert.match(f.message, /needs a Calling Plan: alice@contoso\.com will not hold it/);
    assert.deepEqual(signedIn('assign MCOPSTN1\nalice@contoso.com +14255550101', ['SPE_E5']), []);
  });

  it("counts the file's remove, and exact drops every license the file does not assign", () => {
    const held = ['MCOEV', 'MCOPSTN1'];
    assert.deepEqual(signedIn('assign ENTERPRISEPACK\nalice@contoso.com +14255550101', held), []);
    assert.deepEqual(codes(signedIn('remove MCOEV\nalice@contoso.com +14255550101', held)), [
      'number-license-mismatch',
    ]);
    assert.deepEqual(codes(signedIn('exact\nassign MCOPSTN1\nalice@contoso.com +14255550101', held)), [
      'number-license-mismatch',
    ]);
  });

  it('an Operator Connect number needs only Phone System, and its country is not held to the usage location', () => {
    assert.deepEqual(signedIn('assign MCOEV\nalice@contoso.com +44 20 7946 0110', [], 'US'), []);
    assert.deepEqual(codes(signedIn('assign ENTERPRISEPACK\nalice@contoso.com +44 20 7946 0110', [])), [
      'number-license-mismatch',
    ]);
  });

  it('stays silent on licenses and country for a user it has not read (the preview reads every user)', () => {
    const findings = numberTenantRules(
      parseLicensesFile('usage-location FR\nassign ENTERPRISEPACK\nbob@contoso.com +14255550101'),
      catalog,
      numbersReader([teamsNumber('+14255550101')]),
    );
    assert.deepEqual(findings, []);
  });

  it('a number is found however it is spaced, and no-number lines are never looked up', () => {
    assert.deepEqual(
      signedIn('assign MCOEV MCOPSTN1\nalice@contoso.com +1 (425) 555-0101\nbob@contoso.com no-number', []),
      [],
    );
  });

  it('the usage location the user has wins over the file; the file gives one only to a user without', () => {
    const text = 'assign MCOEV MCOPSTN1\nusage-location US\nalice@contoso.com +14255550101';
    assert.deepEqual(codes(signedIn(text, [], 'FR')), ['number-country-mismatch']);
    const noneYet = numberTenantRules(
      parseLicensesFile(text),
      catalog,
      numbersReader([teamsNumber('+14255550101')], [numberedUserOf('alice@contoso.com', ALICE, undefined, [])]),
    );
    assert.deepEqual(noneYet, []);
  });
});

describe('number rules offline', () => {
  it('a plain list of UPNs and a file without numbers raise no number finding', () => {
    const users = Array.from({ length: 2000 }, (_, i) => `u${i}@contoso.com`).join('\n');
    assert.deepEqual(validate(parseLicensesFile(users), catalog), []);
  });

  it('the duplicate-number finding names the first holder and its line', () => {
    const findings = validate(
      parseLicensesFile('assign MCOEV MCOPSTN1\na@contoso.com +14255550101\nb@contoso.com +1.425.555.0101'),
      catalog,
    );
    assert.deepEqual(
      findings.map((f) => [f.code, f.message]),
      [
        [
          'number-on-two-users',
          '+14255550101 is already given to a@contoso.com on line 2: a telephone number has one holder.',
        ],
      ],
    );
  });

  it('a hostile file giving one number to 5,000 users lists 1,000 findings and one summary', () => {
    const lines = [
      'assign MCOEV MCOPSTN1',
      ...Array.from({ length: 5001 }, (_, i) => `u${i}@contoso.com +14255550101`),
    ];
    const findings = validate(parseLicensesFile(lines.join('\n')), catalog).filter(
      (f) => f.code === 'number-on-two-users',
    );
    assert.equal(findings.length, 1001);
    assert.equal(findings[1000].data?.omitted, 4000);
  });
});

describe('number rules: quick fixes', () => {
  it("number-conflict's fix takes the overridden number off its line and keeps the user in the block", () => {
    const lines = [
      'assign MCOEV MCOPSTN1',
      'alice@contoso.com   +1 425 555 0101   # desk',
      'alice@contoso.com no-number',
    ];
    const [f] = validate(parseLicensesFile(lines.join('\n')), catalog);
    assert.equal(f.code, 'number-conflict');
    const [fix] = fixesFor(f, (l) => lines[l], catalog);
    const edited =
      lines[1].slice(0, fix.edits[0].range.start.character) + lines[1].slice(fix.edits[0].range.end.character);
    assert.equal(edited, 'alice@contoso.com   # desk');
  });
});
