import * as assert from 'node:assert/strict';
import type { ReportView } from '../../../src/core/report/report-view';
import { esc, FOLD_ABOVE, makeNonce, pageHtml, text } from '../../../src/vscode/webviews/page-html';

const labels = { filter: 'Filter users', matching: '{0} of {1} users shown', noMatch: 'No user matches the filter.' };
const hostile = '"><img src=x onerror=alert(1)>';
const many = Array.from({ length: FOLD_ABOVE + 1 }, (_, i) => ({ user: `u${i}@contoso.com` }));
const view: ReportView = {
  title: 'Preview: <x>.licenses',
  facts: ['Tenant: Demo tenant'],
  at: '2026-12-01T11:29:56.122Z',
  actions: [
    { id: 'apply', label: 'Apply', enabled: true, title: 'Asks before writing.' },
    { id: 'refresh', label: `Refresh ${hostile}`, enabled: false },
  ],
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
          heading: "1 user: add `usage-location XX` to the block <script>alert('`')</script>",
          cause: "add `usage-location XX` to the block <script>alert('`')</script>",
          users: [{ user: `${hostile}@contoso.com`, detail: '`<b>` not bold' }],
        },
      ],
    },
    {
      id: 'seats',
      title: 'Seats per SKU',
      tone: 'info',
      open: true,
      charts: [
        {
          title: 'Seats used of seats paid',
          bars: [{ label: hostile, description: hostile, total: 1, used: 0.001, over: false, value: '1 / 1000' }],
        },
      ],
      table: { columns: [{ title: 'SKU' }, { title: 'Paid', numeric: true }], rows: [[hostile, 1000]] },
      actions: [{ id: 'reclaim-redundant', label: 'Create a file that removes 1 license…', enabled: true }],
    },
    { id: 'unchanged', title: 'Already as wanted', tone: 'quiet', open: false, count: 1200, groups: [] },
  ],
};
const html = pageHtml(view, { nonce: 'abc123', lang: 'fr', offsetMinutes: 60, labels });

describe('the page HTML builder (every webview page)', () => {
  it("allows only its own nonce'd style and script: nothing remote, no inline handler", () => {
    assert.match(
      html,
      /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;nonce-abc123&#39;; script-src &#39;nonce-abc123&#39;;">/,
    );
    assert.doesNotMatch(html, /https?:\/\//, 'a remote resource');
    assert.equal((html.match(/<script/g) ?? []).length, 1, 'only the page script');
    assert.ok(html.includes('<script nonce="abc123">'));
    // Attribute values are escaped (no raw quote inside): with them emptied, what is left is markup.
    const markup = html.replace(/"[^"]*"/g, '""');
    assert.doesNotMatch(markup, /<[a-z][^>]*\son[a-z]+=/i, 'an inline event handler');
  });

  it('escapes hostile names in headings, users, details, tables, charts and button labels', () => {
    assert.ok(!html.includes('<img src=x'), 'an injected tag is live');
    assert.ok(!html.includes("<script>alert('"), 'an injected script is live');
    assert.ok(html.includes('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;@contoso.com'));
    assert.ok(html.includes('Preview: &lt;x&gt;.licenses'));
    assert.match(html, /<td>&quot;&gt;&lt;img/);
    assert.match(html, /<text x="0" y="13">&quot;&gt;&lt;img/);
    assert.match(html, /<title>&quot;&gt;&lt;img/);
    assert.match(html, /Refresh &quot;&gt;&lt;img/);
  });

  it('shows text in backticks as code, after escaping (a backtick cannot open markup)', () => {
    assert.match(html, /add <code>usage-location XX<\/code> to the block &lt;script&gt;/);
    assert.match(html, /<span class="detail">— <code>&lt;b&gt;<\/code> not bold<\/span>/);
    assert.equal(text('a `x` b `y`'), 'a <code>x</code> b <code>y</code>');
    assert.equal(text('`<img src=x>`'), '<code>&lt;img src=x&gt;</code>');
    assert.equal(esc(`<>&"'`), '&lt;&gt;&amp;&quot;&#39;');
  });

  it('gives each action a button that posts its id; a disabled one is disabled; sections carry their own', () => {
    assert.match(html, /<button type="button" data-action="apply" title="Asks before writing.">Apply<\/button>/);
    assert.match(html, /<button type="button" data-action="refresh" class="secondary" disabled>/);
    assert.match(html, /<div class="section-actions"><button type="button" data-action="reclaim-redundant">/);
    assert.match(html, /vscode\.postMessage\(\{ action: b\.dataset\.action \}\)/);
  });

  it('says a page is stale in a banner above the facts', () => {
    assert.ok(!html.includes('class="stale"'));
    const stale = pageHtml(
      { ...view, stale: 'Read before the last run: `Refresh` it.' },
      { nonce: 'n', lang: 'en', labels },
    );
    assert.match(stale, /<p class="stale" role="status">Read before the last run: <code>Refresh<\/code> it.<\/p>/);
  });

  it('shows the time in the one format (local, with the zone), folds large groups, draws a visible bar', () => {
    assert.ok(html.includes('<time datetime="2026-12-01T11:29:56.122Z">2026-12-01 12:29 UTC+1</time>'));
    assert.match(html, new RegExp(`<details class="group"><summary>${many.length} users not found</summary>`));
    assert.match(html, /<details class="section quiet" data-section="unchanged"><summary><h2>Already as wanted/);
    assert.match(html, /<rect class="used" x="170" y="4" width="1" /, 'a tiny share is 1 px, not 0');
    assert.match(html, /<table id="seats" class="sortable">.*<th data-numeric="true"/s);
  });

  it('makes a fresh nonce for every page', () => {
    const a = makeNonce();
    assert.match(a, /^[0-9a-f]{32}$/);
    assert.notEqual(a, makeNonce());
  });
});
