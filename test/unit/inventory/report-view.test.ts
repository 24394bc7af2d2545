import * as assert from 'node:assert/strict';
import { english } from '../../../src/core/text/translate';
import type { TenantReport } from '../../../src/core/inventory';
import { reportHtml } from '../../../src/vscode/report-view';

const report: TenantReport = {
  tenant: 'Contoso <script>alert(1)</script>',
  readAt: '2026-12-01T10:00:00.000Z',
  users: 3,
  skus: [
    { skuId: 'a', partNumber: 'ENTERPRISEPACK', paid: 10, assigned: 12, left: -2, direct: 8, inherited: 5, both: 1 },
    { skuId: 'b', partNumber: 'FLOW_FREE', paid: 0, assigned: 0, left: 0, direct: 0, inherited: 0, both: 0 },
  ],
  redundantDirect: [
    {
      user: 'frank@contoso.com',
      userId: '1',
      displayName: 'Frank',
      skuId: 'a',
      partNumber: 'ENTERPRISEPACK',
      groups: ['"<img src=x onerror=alert(1)>"'],
    },
  ],
  disabledAccounts: [],
  inactive: { available: false, days: 90, reason: 'Sign-in dates need a Microsoft Entra ID P1 or P2 license.' },
};

describe('report webview page', () => {
  const html = reportHtml(report, { cspSource: 'vscode-resource:' }, 'N0NCE', english);

  it('allows only its own nonce-tagged style and script, and loads nothing remote', () => {
    assert.match(
      html,
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none';[^"]*script-src 'nonce-N0NCE';/,
    );
    assert.ok(!/https?:\/\//.test(html), 'no remote address anywhere');
    assert.equal((html.match(/<script/g) ?? []).length, (html.match(/<script nonce="N0NCE">/g) ?? []).length);
  });

  it('escapes every name: a tenant or group name cannot add markup', () => {
    assert.ok(!html.includes('<script>alert(1)'));
    assert.ok(!html.includes('<img src=x'));
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });

  it('has sortable tables, a bar per SKU with seats (over-assigned in red), a button per non-empty finding, and says why sign-ins are missing', () => {
    assert.match(html, /<table id="seats" class="sortable">/);
    assert.match(html, /<th data-numeric="true" tabindex="0" role="button">Paid<\/th>/);
    assert.equal((html.match(/<rect class="paid"/g) ?? []).length, 1, 'a SKU with no seat gets no bar');
    assert.match(html, /<rect class="over"/);
    assert.match(html, /<button data-reclaim="redundant">Create a file that removes 1 license…<\/button>/);
    assert.ok(!html.includes('data-reclaim="disabled"'), 'no button for an empty finding');
    assert.match(html, /<p class="note">Sign-in dates need a Microsoft Entra ID P1/);
  });
});
