import * as assert from 'node:assert/strict';
import { completionListAt } from '../../../src/core/editor/completion';
import { nameWords, rankSkus } from '../../../src/core/editor/sku-ranking';
import { catalog } from '../helpers';
import { tenantOf } from '../fixtures/tenants';

/** The first SKUs offered after `assign <typed>`, in the order the editor shows them. */
function top(
  typed: string,
  count: number,
  locale?: string,
  tenantSkus = undefined as ReturnType<typeof tenantOf> | undefined,
): string[] {
  const line = `assign ${typed}`;
  const { items } = completionListAt(line, line.length, { catalog, locale, tenantSkus });
  return [...items]
    .sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''))
    .slice(0, count)
    .map((c) => c.label);
}

describe('SKU completion ranking', () => {
  it('"E3": Office 365 E3, then Microsoft 365 E3 (as the unknown-sku fix suggests)', () => {
    assert.deepEqual(top('E3', 2), ['ENTERPRISEPACK', 'SPE_E3']);
    assert.equal(catalog.suggestSkus('E3')[0].partNumber, top('E3', 1)[0]);
  });

  it('"E5": the suites before their variants without Audio Conferencing', () => {
    assert.deepEqual(top('E5', 4), [
      'ENTERPRISEPREMIUM',
      'SPE_E5',
      'ENTERPRISEPREMIUM_NOPSTNCONF',
      'SPE_E5_NOPSTNCONF',
    ]);
  });

  it('"phone": Teams Phone Standard first, then Teams Phone with Calling Plan', () => {
    assert.deepEqual(top('phone', 2), ['MCOEV', 'MCOTEAMS_ESSENTIALS']);
  });

  it('"calling": the Calling Plans, the domestic one first', () => {
    const calling = top('calling', 5);
    assert.equal(calling[0], 'MCOPSTN1');
    assert.ok(
      calling.every((p) => p.startsWith('MCOPSTN')),
      calling.join(),
    );
  });

  it('"audio": Audio Conferencing, and "E5 without Audio Conferencing" only after every SKU that has it', () => {
    assert.equal(top('audio', 1)[0], 'MCOMEETADV');
    const all = top('audio', 100);
    const firstWithout = all.findIndex((p) => /NOPSTNCONF|without_Audio/i.test(p));
    const lastWith = all.map((p) => /^MCOMEETADV/.test(p)).lastIndexOf(true);
    assert.ok(firstWithout > lastWith, all.join());
  });

  it('"téléphon" in the French UI: Système téléphonique, with the French name on the row', () => {
    assert.deepEqual(top('téléphon', 2, 'fr'), ['MCOEV', 'MCOTEAMS_ESSENTIALS']);
    const { items } = completionListAt('assign téléphon', 15, { catalog, locale: 'fr' });
    assert.match(items.find((c) => c.label === 'MCOEV')?.description ?? '', /Système téléphonique/);
    // Accents are optional, and French names match in an English UI too.
    assert.equal(top('telephon', 1)[0], 'MCOEV');
  });

  it('a part number typed in full comes first, whatever its name', () => {
    assert.equal(top('mcoev', 1)[0], 'MCOEV');
    assert.equal(top('EMS', 1)[0], 'EMS');
    assert.equal(top('contoso:E3', 1)[0], 'ENTERPRISEPACK');
  });

  it("puts the tenant's SKUs first among the matches", () => {
    const tenantSkus = tenantOf({ SPE_E3: { total: 10, used: 2 } });
    assert.deepEqual(top('E3', 2, undefined, tenantSkus), ['SPE_E3', 'ENTERPRISEPACK']);
    assert.equal(top('', 1, undefined, tenantSkus)[0], 'SPE_E3');
  });

  it('offers only SKUs matching the word, and nothing for a word nothing matches', () => {
    const { items } = completionListAt('assign phone', 12, { catalog });
    assert.ok(items.length > 0 && items.length < 30, String(items.length));
    assert.deepEqual(completionListAt('assign ZZZQQ', 12, { catalog }).items, []);
  });

  it('with nothing typed: every SKU, the common ones first, not 10_ALR_ADDON', () => {
    const all = top('', 1000);
    assert.equal(all.length, catalog.skus.length);
    assert.ok(all.indexOf('ENTERPRISEPACK') < 20 && all.indexOf('MCOEV') < 20, all.slice(0, 20).join());
  });

  it("marks the list incomplete and lets every item pass the editor's filter with equal weight", () => {
    const list = completionListAt('assign E3 MCOEV', 9, { catalog });
    assert.equal(list.isIncomplete, true);
    assert.deepEqual(list.replace, { start: 7, end: 9 });
    // VS Code scores filterText against the typed text first; starting with it keeps our order.
    assert.ok(
      list.items.every((c) => c.filterText?.startsWith('E3 ')),
      list.items.map((c) => c.filterText).join('\n'),
    );
    assert.ok(list.items.find((c) => c.label === 'ENTERPRISEPACK')?.filterText?.includes('Office 365 E3'));
  });

  it('replaces the whole word under the cursor, stopping at the disable colon', () => {
    const list = completionListAt('disable ENTERPR: SWAY', 12, { catalog });
    assert.deepEqual(list.replace, { start: 8, end: 15 });
    assert.equal(list.items[0].label, 'ENTERPRISEPACK');
  });
});

describe('product name words', () => {
  it('mark what a name says the SKU lacks, up to the closing parenthesis or "with"', () => {
    const negated = (name: string) =>
      nameWords(name)
        .filter((w) => w.negated)
        .map((w) => w.text);
    assert.deepEqual(negated('Microsoft 365 E5 EEA (no Teams) without Audio Conferencing'), [
      'teams',
      'audio',
      'conferencing',
    ]);
    assert.deepEqual(negated('Office 365 E5 sans audioconférence'), ['audioconference']);
    assert.deepEqual(negated('Microsoft 365 E5 EEA (no Teams) with Calling Minutes'), ['teams']);
    assert.deepEqual(negated('Microsoft Teams Phone Standard'), []);
  });

  it('rank the same for the same word whatever its case or accents', () => {
    const ids = (w: string) => rankSkus(catalog, w, 'fr').map((s) => s.skuId);
    assert.deepEqual(ids('TÉLÉPHON'), ids('telephon'));
  });
});
