import * as assert from 'node:assert/strict';
import { parseLicensesFile } from '../../../src/core/format';

describe('parsing .licenses files', () => {
  it('reads the documented example into two blocks with their directives and users', () => {
    const parsed = parseLicensesFile(
      [
        '# Sales: Phone System + Domestic Calling Plan',
        'assign ENTERPRISEPACK MCOEV MCOPSTN1      # SKUs to add (alias: add)',
        'remove MCOPSTN2',
        'disable ENTERPRISEPACK: YAMMER_ENTERPRISE SWAY',
        'usage-location FR',
        'alice@contoso.com',
        'bob@contoso.com',
        '',
        'pstn on-premises',
        'assign MCOEV',
        'carol@contoso.com',
      ].join('\n'),
    );
    assert.equal(parsed.problems.length, 0);
    assert.equal(parsed.blocks.length, 2);
    const [sales, hybrid] = parsed.blocks;
    assert.deepEqual(
      sales.directives.map((d) => d.kind),
      ['assign', 'remove', 'disable', 'usage-location'],
    );
    assert.deepEqual(
      sales.users.map((u) => u.token.text),
      ['alice@contoso.com', 'bob@contoso.com'],
    );
    assert.deepEqual(
      hybrid.directives.map((d) => d.kind),
      ['pstn', 'assign'],
    );
    assert.deepEqual(
      hybrid.users.map((u) => u.line),
      [10],
    );
  });

  it("accepts a plain list of UPNs (the old script's input) as a valid file with no directives", () => {
    const parsed = parseLicensesFile('alice@contoso.com\r\nbob@contoso.com\r\n\r\n');
    assert.equal(parsed.hasDirectives, false);
    assert.equal(parsed.problems.length, 0);
    assert.equal(parsed.blocks[0].users.length, 2);
  });

  it('splits SKU lists on spaces and commas, and keywords ignore case', () => {
    const parsed = parseLicensesFile('ASSIGN mcoev,MCOPSTN1 ,  MCOMEETADV\nAdd STANDARDPACK\nu@contoso.com');
    const skus = parsed.blocks[0].directives.flatMap((d) => (d.kind === 'assign' ? d.skus.map((s) => s.text) : []));
    assert.deepEqual(skus, ['mcoev', 'MCOPSTN1', 'MCOMEETADV', 'STANDARDPACK']);
  });

  it('keeps the # of a guest UPN and starts a comment only after whitespace', () => {
    const parsed = parseLicensesFile('ann_fabrikam.com#EXT#@contoso.onmicrosoft.com   # a guest');
    assert.equal(parsed.problems.length, 0);
    assert.equal(parsed.blocks[0].users[0].token.text, 'ann_fabrikam.com#EXT#@contoso.onmicrosoft.com');
  });

  it('accepts object ids (GUIDs) as users', () => {
    const parsed = parseLicensesFile('assign MCOEV\n48d31887-5fad-4d73-a9f5-3c356e68a038');
    assert.equal(parsed.blocks[0].users[0].key, '48d31887-5fad-4d73-a9f5-3c356e68a038');
  });

  it('starts a new block only at a directive that follows a user line', () => {
    const parsed = parseLicensesFile('assign MCOEV\nusage-location FR\na@contoso.com\nremove MCOEV\nb@contoso.com');
    assert.equal(parsed.blocks.length, 2);
    assert.equal(parsed.blocks[0].directives.length, 2);
    assert.equal(parsed.blocks[1].directives[0].kind, 'remove');
  });

  it('reads disable with an MSOnline tenant prefix on the SKU', () => {
    const parsed = parseLicensesFile('disable contoso:ENTERPRISEPACK: SWAY, YAMMER_ENTERPRISE\nu@contoso.com');
    const d = parsed.blocks[0].directives[0];
    assert.equal(d.kind, 'disable');
    if (d.kind !== 'disable') return;
    assert.equal(d.sku?.text, 'contoso:ENTERPRISEPACK');
    assert.deepEqual(
      d.plans.map((p) => p.text),
      ['SWAY', 'YAMMER_ENTERPRISE'],
    );
  });

  it('locates an unknown directive on its word and suggests the closest keyword', () => {
    const parsed = parseLicensesFile('  asign MCOEV');
    assert.deepEqual(
      parsed.problems.map((p) => [p.code, p.line, p.start, p.end, p.suggestion]),
      [['unknown-directive', 0, 2, 7, 'assign']],
    );
  });

  it('reports a line that is neither directive nor user as invalid-user over the whole text', () => {
    const parsed = parseLicensesFile('UserPrincipalName');
    assert.equal(parsed.problems[0].code, 'invalid-user');
    assert.equal(parsed.problems[0].end, 'UserPrincipalName'.length);
  });

  it('reports text after a user on the same line', () => {
    const parsed = parseLicensesFile('alice@contoso.com MCOEV');
    assert.equal(parsed.problems[0].code, 'invalid-user');
    assert.equal(parsed.problems[0].start, 18);
  });

  it('reports directives missing their arguments as malformed', () => {
    const parsed = parseLicensesFile('assign\nusage-location\ndisable ENTERPRISEPACK SWAY\npstn cloud\nu@contoso.com');
    assert.deepEqual(
      parsed.problems.map((p) => [p.code, p.line]),
      [
        ['malformed-directive', 0],
        ['malformed-directive', 1],
        ['malformed-directive', 2],
        ['malformed-directive', 3],
      ],
    );
  });
});
