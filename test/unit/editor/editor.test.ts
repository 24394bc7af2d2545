import * as assert from 'node:assert/strict';
import { completionsAt } from '../../../src/core/editor/completion';
import { hoverAt } from '../../../src/core/editor/hover';
import { parseLicensesFile } from '../../../src/core/format';
import { validate } from '../../../src/core/rules';
import { fixesFor } from '../../../src/core/rules/fixes';
import { catalog, check } from '../helpers';
import { tenantOf } from '../fixtures/tenants';

const labels = (line: string, at = line.length, locale?: string) =>
  completionsAt(line, at, { catalog, locale }).map((c) => c.label);

describe('completions', () => {
  it('offers the directives at the start of a line', () => {
    assert.deepEqual(labels(''), [
      'assign',
      'remove',
      'disable',
      'usage-location',
      'pstn on-premises',
      'exact',
      'number-location',
      'group',
    ]);
    assert.ok(labels('as').includes('assign'));
  });

  it('offers SKUs after assign with the product name as detail and the plans as documentation', () => {
    const items = completionsAt('assign ', 7, { catalog });
    const mcoev = items.find((c) => c.label === 'MCOEV');
    assert.equal(mcoev?.detail, 'Microsoft Teams Phone Standard');
    assert.match(mcoev?.documentation ?? '', /MCOEV/);
    assert.equal(items.length, catalog.skus.length);
  });

  it('shows French product names in the French UI', () => {
    const mcoev = completionsAt('assign ', 7, { catalog, locale: 'fr' }).find((c) => c.label === 'MCOEV');
    assert.match(mcoev?.detail ?? '', /Système téléphonique/);
  });

  it("lists the tenant's SKUs first with seats left when signed in", () => {
    const tenantSkus = tenantOf({ MCOEV: { total: 50, used: 38 } });
    const items = completionsAt('remove X ', 9, { catalog, tenantSkus });
    const first = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''))[0];
    assert.equal(first.label, 'MCOEV');
    assert.match(first.detail ?? '', /12 of 50 seats left/);
  });

  it('shows no seat left on an over-assigned or suspended SKU, saying why', () => {
    const tenantSkus = tenantOf({
      MCOEV: { total: 10, used: 15 },
      ENTERPRISEPACK: { total: 0, used: 3, suspended: 25, capabilityStatus: 'Suspended' },
    });
    const items = completionsAt('assign ', 7, { catalog, tenantSkus });
    assert.match(items.find((c) => c.label === 'MCOEV')?.detail ?? '', /0 of 10 seats left: 15 assigned, 5 over/);
    const e3 = items.find((c) => c.label === 'ENTERPRISEPACK');
    assert.match(e3?.detail ?? '', /0 seats left: subscription Suspended, no new assignments/);
    assert.match(e3?.documentation ?? '', /25 suspended \(not assignable\)/);
  });

  it('offers the SKU\'s service plans after "disable SKU:"', () => {
    const plans = labels('disable ENTERPRISEPACK: ');
    assert.ok(plans.includes('SWAY') && plans.includes('YAMMER_ENTERPRISE'));
    assert.ok(!plans.includes('MCOEV'));
  });

  it('offers country codes after usage-location, and nothing inside a comment', () => {
    assert.ok(labels('usage-location ').includes('FR'));
    assert.deepEqual(labels('# assign '), []);
  });
});

describe('hovers', () => {
  it('describe a SKU with its product name and plans', () => {
    const h = hoverAt('assign ENTERPRISEPACK MCOEV', 23, catalog);
    assert.match(h?.markdown ?? '', /Microsoft Teams Phone Standard/);
    assert.deepEqual([h?.start, h?.end], [22, 27]);
  });

  it('describe a service plan after disable', () => {
    const h = hoverAt('disable ENTERPRISEPACK: SWAY', 25, catalog);
    assert.match(h?.markdown ?? '', /SWAY/);
    assert.match(h?.markdown ?? '', /In \d+ SKUs\b/);
    assert.doesNotMatch(h?.markdown ?? '', /\(s\)/);
    const [holder] = catalog.skusWithPlan('AAD_BASIC');
    const line = `disable ${holder.partNumber}: AAD_BASIC`;
    assert.match(
      hoverAt(line, line.length - 2, catalog)?.markdown ?? '',
      new RegExp(`In 1 SKU: ${holder.partNumber}\\.`),
    );
  });

  it("give the tenant's seats when signed in", () => {
    const h = hoverAt('assign MCOEV', 8, catalog, undefined, tenantOf({ MCOEV: { total: 10, used: 4 } }));
    assert.match(h?.markdown ?? '', /Tenant: 6 of 10 seats left/);
  });

  it('say nothing over a user or a comment', () => {
    assert.equal(hoverAt('alice@contoso.com', 3, catalog), undefined);
    assert.equal(hoverAt('assign MCOEV # MCOEV', 16, catalog), undefined);
  });
});

describe('quick fixes', () => {
  const apply = (text: string, code: string, index = 0): string => {
    const lines = text.split('\n');
    const f = validate(parseLicensesFile(text), catalog).find((x) => x.code === code);
    assert.ok(f, `no ${code}`);
    const fix = fixesFor(f, (n) => lines[n], catalog)[index];
    assert.ok(fix, `no fix for ${code}`);
    // Apply edits bottom-up on a flat offset model.
    const offset = (l: number, c: number) => lines.slice(0, l).reduce((n, x) => n + x.length + 1, 0) + c;
    let out = text;
    for (const e of [...fix.edits].reverse())
      out =
        out.slice(0, offset(e.range.start.line, e.range.start.character)) +
        e.newText +
        out.slice(offset(e.range.end.line, e.range.end.character));
    return out;
  };

  it('replace a mistyped directive with the closest keyword', () =>
    assert.equal(apply('asign MCOEV\nu@contoso.com', 'unknown-directive'), 'assign MCOEV\nu@contoso.com'));
  it('replace tenant:SKU with the plain part number', () =>
    assert.equal(apply('assign contoso:MCOEV\nu@contoso.com', 'legacy-sku-prefix'), 'assign MCOEV\nu@contoso.com'));
  it('replace an unknown SKU with a suggestion found by product name', () => {
    const text = 'assign E3\nu@contoso.com';
    const f = check('assign E3', 'u@contoso.com')[0];
    const titles = fixesFor(f, (n) => text.split('\n')[n], catalog).map((x) => x.title);
    assert.ok(
      titles.some((t) => t.includes('ENTERPRISEPACK')),
      titles.join(),
    );
  });
  it('remove a duplicate user line', () =>
    assert.equal(
      apply('assign MCOEV\nu@contoso.com\nU@contoso.com\n', 'duplicate-user'),
      'assign MCOEV\nu@contoso.com\n',
    ));
  it('add Phone System to the assign line of a Calling Plan', () =>
    assert.equal(
      apply('assign MCOPSTN1   # domestic\nu@contoso.com', 'calling-plan-needs-phone-system'),
      'assign MCOPSTN1 MCOEV   # domestic\nu@contoso.com',
    ));
  it('take a Calling Plan out of a pstn on-premises block', () =>
    assert.equal(
      apply('pstn on-premises\nassign MCOEV, MCOPSTN1\nu@contoso.com', 'calling-plan-with-onprem-pstn'),
      'pstn on-premises\nassign MCOEV\nu@contoso.com',
    ));
  it('fix UK to GB', () =>
    assert.equal(
      apply('usage-location UK\nassign MCOEV\nu@contoso.com', 'invalid-usage-location'),
      'usage-location GB\nassign MCOEV\nu@contoso.com',
    ));
});
