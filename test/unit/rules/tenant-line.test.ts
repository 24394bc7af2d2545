import * as assert from 'node:assert/strict';
import { Catalog } from '../../../src/core/catalog/catalog';
import { parseLicensesFile } from '../../../src/core/format/parse';
import { validate } from '../../../src/core/rules';
import frenchBundle from '../../../l10n/bundle.l10n.fr.json';
import { bundleTranslator, english } from '../../../src/core/text/translate';
import { tenantReachFinding, tenantUnreachableFinding } from '../../../src/core/rules/tenant-line-rules';

const french = () => bundleTranslator(frenchBundle, 'fr');

const catalog = Catalog.builtIn();
const findingsOf = (text: string) =>
  validate(parseLicensesFile(text), catalog)
    .filter((f) => f.code.includes('tenant'))
    .map((f) => ({ code: f.code, line: f.range.start.line, message: f.message, fix: f.data?.deleteLine === true }));

describe('tenant line rules', () => {
  it('a tenant id or a domain before the first block is clean', () => {
    assert.deepEqual(findingsOf('tenant contoso.onmicrosoft.com\nassign MCOEV\nalice@contoso.com\n'), []);
    assert.deepEqual(findingsOf('tenant 0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9\nalice@contoso.com\n'), []);
  });

  it('a tenant line with nothing, two names, or neither an id nor a domain is an error, located', () => {
    assert.deepEqual(findingsOf('tenant\nalice@contoso.com\n'), [
      {
        code: 'invalid-tenant',
        line: 0,
        message: 'tenant needs a tenant id or domain, such as contoso.onmicrosoft.com.',
        fix: false,
      },
    ]);
    assert.equal(findingsOf('tenant a.example.com b.example.com\nalice@contoso.com\n')[0].code, 'invalid-tenant');
    assert.deepEqual(
      findingsOf('tenant contoso\nalice@contoso.com\n').map((f) => f.message),
      ['"contoso" is neither a tenant id (a GUID) nor a domain name (such as contoso.onmicrosoft.com).'],
    );
  });

  it('a second tenant line is an error with a fix that deletes it, naming the first', () => {
    assert.deepEqual(findingsOf('tenant a.example.com\ntenant b.example.com\nalice@contoso.com\n'), [
      {
        code: 'tenant-repeated',
        line: 1,
        message: 'A file is for one tenant, named on line 1: write a file per tenant.',
        fix: true,
      },
    ]);
    assert.match(findingsOf('tenant a.example.com\nTenant A.example.com\n')[0].message, /named already on line 1/);
  });

  it('a tenant line after a block is an error: it cannot switch tenants halfway', () => {
    assert.deepEqual(
      findingsOf('assign MCOEV\nalice@contoso.com\ntenant b.example.com\nbob@contoso.com\n').map((f) => [
        f.code,
        f.line,
      ]),
      [['tenant-after-block', 2]],
    );
  });

  it('says it in French', () => {
    const [f] = validate(parseLicensesFile('tenant contoso\nalice@contoso.com\n'), catalog, french());
    assert.equal(f.code, 'invalid-tenant');
    assert.match(f.message, /ni un identifiant de locataire/);
  });
});

describe('tenant-unreachable: the tenant a file names cannot be reached', () => {
  const why =
    'Cannot reach tenant tailspintoys.onmicrosoft.com: the app is not consented there. An administrator of that tenant grants admin consent to the app (or the partner does, through Partner Center), then run again.';

  it('is one error on the tenant, saying why and that Preview and Apply refuse the file', () => {
    const parsed = parseLicensesFile(
      'tenant tailspintoys.onmicrosoft.com\n\nassign SPE_E3\nava@tailspintoys.onmicrosoft.com\n',
    );
    const f = tenantUnreachableFinding(parsed, why, english);
    assert.ok(f);
    assert.equal(f.code, 'tenant-unreachable');
    assert.equal(f.severity, 'error');
    assert.deepEqual(
      [f.range.start.line, f.range.start.character, f.range.end.character],
      [0, 7, 'tenant tailspintoys.onmicrosoft.com'.length],
    );
    assert.match(
      f.message,
      /^Cannot reach tenant tailspintoys\.onmicrosoft\.com: .* Preview and Apply refuse this file/,
    );
  });

  it('says it in French', () => {
    const parsed = parseLicensesFile('tenant tailspintoys.onmicrosoft.com\nassign SPE_E3\nava@x.com\n');
    const f = tenantUnreachableFinding(parsed, 'X.', bundleTranslator(frenchBundle as Record<string, string>, 'fr'));
    assert.match(f?.message ?? '', /^X\. L'aperçu et l'application refusent ce fichier/);
  });

  it('is nothing for a file that names no tenant', () => {
    assert.equal(tenantUnreachableFinding(parseLicensesFile('assign SPE_E3\nava@x.com\n'), why, english), undefined);
  });
});

describe('tenant-not-checked: the tenant a file names needs a sign-in that opening the file does not ask for', () => {
  const parsed = parseLicensesFile('tenant fabrikam.onmicrosoft.com\n\nassign SPE_E3\nava@fabrikam.onmicrosoft.com\n');

  it('is one information on the tenant, naming it and that Preview signs in to it', () => {
    const f = tenantReachFinding(parsed, { kind: 'needs-sign-in' }, english);
    assert.ok(f);
    assert.equal(f.code, 'tenant-not-checked');
    assert.equal(f.severity, 'information');
    assert.deepEqual(
      [f.range.start.line, f.range.start.character, f.range.end.character],
      [0, 7, 'tenant fabrikam.onmicrosoft.com'.length],
    );
    assert.match(f.message, /^Not checked against fabrikam\.onmicrosoft\.com yet: Preview signs in to it/);
  });

  it('says it in French', () => {
    const f = tenantReachFinding(
      parsed,
      { kind: 'needs-sign-in' },
      bundleTranslator(frenchBundle as Record<string, string>, 'fr'),
    );
    assert.match(f?.message ?? '', /^Pas encore vérifié avec fabrikam\.onmicrosoft\.com/);
  });

  it('is nothing while the tenant is being reached or once it is; a refusal is tenant-unreachable', () => {
    assert.equal(tenantReachFinding(parsed, { kind: 'reaching' }, english), undefined);
    assert.equal(tenantReachFinding(parsed, { kind: 'reached' }, english), undefined);
    assert.equal(tenantReachFinding(parsed, { kind: 'refused', why: 'No.' }, english)?.code, 'tenant-unreachable');
    assert.equal(
      tenantReachFinding(parseLicensesFile('assign SPE_E3\nava@x.com\n'), { kind: 'needs-sign-in' }, english),
      undefined,
    );
  });
});
