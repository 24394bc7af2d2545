import * as assert from 'node:assert/strict';
import { IncrementalParser, parseLicensesFile } from '../../../src/core/format';
import { tenantForm } from '../../../src/core/format/tenant-line';

describe('the tenant line: which tenant a file is for', () => {
  it('names the tenant of the file by domain or by id, before the first block, with its range', () => {
    const parsed = parseLicensesFile(
      '# Contoso\nTENANT contoso.onmicrosoft.com  # the customer\nassign MCOEV\nalice@contoso.com\n',
    );
    assert.equal(parsed.tenant?.words[0].text, 'contoso.onmicrosoft.com');
    assert.equal(parsed.tenant?.line, 1);
    assert.deepEqual([parsed.tenant?.keyword.start, parsed.tenant?.keyword.end], [0, 6]);
    assert.equal(parsed.blocks.length, 1);
    assert.equal(parsed.blocks[0].users[0].key, 'alice@contoso.com');
  });

  it('leaves a file without one on the configured tenant (no tenant field)', () => {
    const parsed = parseLicensesFile('assign MCOEV\nalice@contoso.com\n');
    assert.equal(parsed.tenant, undefined);
    assert.equal(parsed.tenantLines, undefined);
  });

  it('is not a directive: a plain list of users that names its tenant is still a plain list', () => {
    const parsed = parseLicensesFile(
      'tenant 0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9\nalice@contoso.com\nbob@contoso.com\n',
    );
    assert.equal(parsed.hasDirectives, false);
    assert.equal(parsed.tenant?.words[0].text, '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9');
    assert.equal(parsed.blocks[0].users.length, 2);
  });

  it('marks a tenant line after the first block, and keeps the first one before it as the tenant', () => {
    const parsed = parseLicensesFile('tenant a.example.com\nassign MCOEV\nalice@contoso.com\ntenant b.example.com\n');
    assert.equal(parsed.tenant?.words[0].text, 'a.example.com');
    assert.deepEqual(
      parsed.tenantLines?.map((l) => [l.line, l.afterFirstBlock]),
      [
        [0, false],
        [3, true],
      ],
    );
  });

  it('the incremental parser agrees with a whole parse when the tenant line moves', () => {
    const parser = new IncrementalParser('assign MCOEV\nalice@contoso.com\n');
    parser.apply({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 }, text: 'tenant contoso.com\n' });
    assert.deepEqual(parser.parsed, parseLicensesFile(parser.text));
    assert.equal(parser.parsed.tenant?.line, 0);
  });

  it('tells a tenant id and a domain from anything else', () => {
    assert.equal(tenantForm('0F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9'), 'id');
    assert.equal(tenantForm('contoso.onmicrosoft.com'), 'domain');
    assert.equal(tenantForm('contoso'), undefined);
    assert.equal(tenantForm('-contoso.com'), undefined);
    assert.equal(tenantForm('10.0.0.1'), undefined);
    assert.equal(tenantForm('alice@contoso.com'), undefined);
  });
});
