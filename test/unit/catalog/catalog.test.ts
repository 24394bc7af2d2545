import * as assert from 'node:assert/strict';
import { productNameFor } from '../../../src/core/catalog/catalog';
import { catalog } from '../helpers';

describe('the built-in catalog', () => {
  it("holds every SKU and service plan of Microsoft's table", () => {
    assert.equal(catalog.skus.length, 619);
    const plans = new Set(catalog.skus.flatMap((s) => s.plans.map((p) => p.id)));
    assert.equal(plans.size, 791);
  });

  it('resolves part numbers case-insensitively, skuIds, and the tenant: prefix', () => {
    const mcoev = catalog.resolveSku('mcoev ');
    assert.equal(mcoev.kind, 'found');
    assert.equal(mcoev.kind === 'found' && mcoev.sku.skuId, 'e43b5b99-8dfb-405f-9987-dc307f34bcbd');
    const byId = catalog.resolveSku('E43B5B99-8DFB-405F-9987-DC307F34BCBD');
    assert.equal(byId.kind === 'found' && byId.sku.partNumber, 'MCOEV');
    const legacy = catalog.resolveSku('contoso:ENTERPRISEPACK');
    assert.equal(legacy.kind === 'found' && legacy.legacyPrefix, 'contoso');
  });

  it('knows MCOPSTN5 names two SKUs, and MCOPSTN6 is the plan of SKU MCOPSTN_6', () => {
    const r = catalog.resolveSku('MCOPSTN5');
    assert.equal(r.kind, 'ambiguous');
    assert.equal(r.kind === 'ambiguous' && r.skus.length, 2);
    assert.equal(catalog.resolveSku('MCOPSTN6').kind, 'unknown');
    const six = catalog.resolveSku('MCOPSTN_6');
    assert.ok(six.kind === 'found' && six.sku.plans.some((p) => p.name === 'MCOPSTN6'));
  });

  it("keeps each SKU's product name and service plans (E5 holds Phone System and Audio Conferencing)", () => {
    const e5 = catalog.skusByPartNumber('ENTERPRISEPREMIUM')[0];
    assert.equal(e5.productName, 'Office 365 E5');
    assert.ok(e5.plans.some((p) => p.name === 'MCOEV'));
    assert.ok(e5.plans.some((p) => p.name === 'MCOMEETADV'));
  });

  it('suggests part numbers by product name: "E3" finds Office 365 E3 and Microsoft 365 E3', () => {
    const names = catalog.suggestSkus('E3').map((s) => s.partNumber);
    assert.ok(names.includes('ENTERPRISEPACK'), names.join());
    assert.ok(names.includes('SPE_E3'), names.join());
    assert.equal(catalog.suggestSkus('MCOEVV')[0].partNumber, 'MCOEV');
  });

  it('names products in French for the French UI, and in English otherwise', () => {
    const sku = catalog.skusByPartNumber('MCOEV')[0];
    assert.match(productNameFor(sku, 'fr'), /Système téléphonique/);
    assert.equal(productNameFor(sku, 'en'), 'Microsoft Teams Phone Standard');
    assert.equal(productNameFor(catalog.skusByPartNumber('MCOPSTNC')[0], 'fr-FR'), 'Crédits de communication');
  });
});
