import * as assert from 'node:assert/strict';
import type { ReportView } from '../../../src/core/report/report-view';
import { FOLD_ABOVE, reportHtml } from '../../../src/vscode/webviews/report-html';

const labels = { filter: 'Filter users', matching: '{0} of {1} users shown', noMatch: 'No user matches the filter.' };
const many = Array.from({ length: FOLD_ABOVE + 1 }, (_, i) => ({ user: `u${i}@contoso.com` }));
const view: ReportView = {
  title: 'Preview: <x>.licenses',
  facts: ['Tenant: Demo tenant'],
  at: '2026-12-01T11:29:56.122Z',
  sections: [
    { id: 'totals', title: 'Totals', tone: 'info', open: true, lines: ['2 users'] },
    {
      id: 'not-written',
      title: 'Will not be written',
      tone: 'problem',
      open: true,
      count: many.length + 1,
      groups: [
        { heading: `${many.length} users not found`, cause: '[Request_ResourceNotFound] gone', users: many },
        {
          heading: '1 user: <script>alert(1)</script>',
          cause: '<script>alert(1)</script>',
          users: [{ user: '"><img src=x onerror=alert(1)>@contoso.com' }],
        },
      ],
    },
    { id: 'unchanged', title: 'Already as wanted', tone: 'quiet', open: false, count: 1200, groups: [] },
  ],
};
const html = reportHtml(view, { nonce: 'abc123', lang: 'fr', localTime: '01/12/2026 12:29:56', labels });

describe('report page HTML (the webview)', () => {
  it("allows only its own nonce'd style and script: nothing remote, no inline handler runs", () => {
    assert.match(
      html,
      /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;nonce-abc123&#39;; script-src &#39;nonce-abc123&#39;;">/,
    );
    assert.doesNotMatch(html, /https?:\/\//, 'a remote resource');
    assert.equal((html.match(/<script/g) ?? []).length, 1, 'only the page script');
    assert.ok(html.includes('<script nonce="abc123">'));
  });

  it('escapes names and messages that come from the file and the tenant', () => {
    assert.ok(!html.includes('<img src=x'), 'an injected tag is live');
    assert.ok(html.includes('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;@contoso.com'));
    assert.ok(html.includes('Preview: &lt;x&gt;.licenses'));
  });

  it('folds a large group, shows the cause once under a special heading, and leaves folded sections closed', () => {
    assert.match(
      html,
      new RegExp(
        `<details class="group"><summary>${many.length} users not found</summary><p class="cause">\\[Request_ResourceNotFound\\] gone</p>`,
      ),
    );
    assert.match(html, /<details class="group" open><summary>1 user: &lt;script&gt;/);
    assert.ok(!html.includes('<p class="cause">&lt;script'), 'the generic heading quotes the cause: not repeated');
    assert.match(
      html,
      /<details class="section quiet" data-section="unchanged"><summary><h2>Already as wanted <span class="count">1\s200<\/span>/,
    );
    assert.match(html, /<details class="section problem" data-section="not-written" open>/);
  });

  it("gives the time as an instant for the page to show in the viewer's zone, and a filter over every user", () => {
    assert.ok(html.includes('<time datetime="2026-12-01T11:29:56.122Z">01/12/2026 12:29:56</time>'));
    assert.ok(html.includes('<html lang="fr">'));
    assert.match(html, /<input id="filter" type="search" placeholder="Filter users"/);
    assert.match(html, new RegExp(`data-total="${many.length + 1}"`));
    assert.equal((html.match(/<li data-user=/g) ?? []).length, many.length + 1);
  });
});
