import type {
  BarChart,
  PageAction,
  ReportGroup,
  ReportSection,
  ReportTable,
  ReportView,
} from '../../core/report/report-view';
import { formatCount } from '../../core/text/plural';
import { formatLocalTime } from '../../core/text/time';

/** The page's own words (the view's texts are translated already). */
interface PageLabels {
  readonly filter: string;
  /** `{0}` shown users of `{1}`. */
  readonly matching: string;
  readonly noMatch: string;
}

export interface PageOptions {
  /** A fresh random value per page (`makeNonce`): the only script and style allowed to run carry it. */
  readonly nonce: string;
  /** `vscode.env.language`: numbers in the page follow it. */
  readonly lang: string;
  /** Minutes east of UTC for the page's time; absent: the extension host's zone. Tests pass it. */
  readonly offsetMinutes?: number;
  readonly labels: PageLabels;
}

/** A group with more users than this opens folded: the heading says it all. */
export const FOLD_ABOVE = 12;

/**
 * Every page of the extension (the preview, the results, the tenant report) as one self-contained
 * HTML document for a webview: nothing loaded from anywhere (the CSP allows only the page's own
 * nonce'd style and script, and no inline handler), VS Code's theme colours, sections and groups
 * that fold, a filter over users, sortable tables, bar charts and buttons. Buttons post
 * `{ action: id }` and nothing else; the extension decides what an id may do (report-view.ts
 * requestedAction). Every text is escaped: user, group and tenant names and Graph messages come
 * from the tenant and the file.
 */
export function pageHtml(view: ReportView, options: PageOptions): string {
  const { nonce } = options;
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  const at = view.at
    ? ` · <time datetime="${attr(view.at)}">${esc(formatLocalTime(view.at, options.offsetMinutes))}</time>`
    : '';
  const total = view.sections.reduce(
    (sum, s) => sum + (s.groups ? s.groups.reduce((g, x) => g + x.users.length, 0) : 0),
    0,
  );
  const filter = total
    ? `<p class="filter"><input id="filter" type="search" placeholder="${attr(options.labels.filter)}" aria-label="${attr(options.labels.filter)}"> <span id="matching" data-template="${attr(options.labels.matching)}" data-total="${total}"></span></p><p id="no-match" hidden>${esc(options.labels.noMatch)}</p>`
    : '';
  return `<!DOCTYPE html>
<html lang="${attr(options.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(view.title)}</title>
<style nonce="${attr(nonce)}">${STYLE}</style>
</head>
<body>
<h1>${esc(view.title)}</h1>
${view.stale ? `<p class="stale" role="status">${text(view.stale)}</p>` : ''}
<p class="facts">${view.facts.map(text).join(' · ')}${at}</p>
${actions(view.actions, 'toolbar')}
${filter}
${view.sections.map((s) => section(s, options.lang)).join('\n')}
${view.legend ? `<p class="legend">${text(view.legend)}</p>` : ''}
<script nonce="${attr(nonce)}">${SCRIPT}</script>
</body>
</html>
`;
}

function section(s: ReportSection, lang: string): string {
  const count = s.count !== undefined ? ` <span class="count">${esc(formatCount(s.count, lang))}</span>` : '';
  const lines = s.lines?.length ? `<ul class="lines">${s.lines.map((l) => `<li>${text(l)}</li>`).join('')}</ul>` : '';
  const groups = (s.groups ?? []).map(group).join('');
  const charts = (s.charts ?? []).map(chart).join('');
  const rows = s.table && s.table.rows.length ? table(s.id, s.table) : '';
  return `<details class="section ${s.tone}" data-section="${attr(s.id)}"${s.open ? ' open' : ''}><summary><h2>${esc(s.title)}${count}</h2></summary>${lines}${groups}${charts}${rows}${actions(s.actions, 'section-actions')}</details>`;
}

function group(g: ReportGroup): string {
  // The generic heading already quotes the cause; a special one ("1,700 users not found") does not.
  const cause = g.heading.includes(g.cause) ? '' : `<p class="cause">${text(g.cause)}</p>`;
  const users = g.users
    .map(
      (u) =>
        `<li data-user="${attr(u.user.toLowerCase())}">${esc(u.user)}${u.detail ? ` <span class="detail">— ${text(u.detail)}</span>` : ''}</li>`,
    )
    .join('');
  return `<details class="group"${g.users.length <= FOLD_ABOVE ? ' open' : ''}><summary>${text(g.heading)}</summary>${cause}<ul class="users">${users}</ul></details>`;
}

function table(id: string, t: ReportTable): string {
  const head = t.columns
    .map((c) => `<th data-numeric="${c.numeric === true}" tabindex="0" role="button">${esc(c.title)}</th>`)
    .join('');
  const body = t.rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => (t.columns[i]?.numeric ? `<td class="n">${esc(String(c))}</td>` : `<td>${esc(String(c))}</td>`)).join('')}</tr>`,
    )
    .join('');
  return `<table id="${attr(id)}" class="sortable"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const LABEL = 170;
const WIDTH = 420;
const BAR = 18;

/** Horizontal bars: seats paid (light), seats used (solid; red past paid). Fractions come from the core. */
function chart(c: BarChart): string {
  const px = (fraction: number) => (fraction > 0 ? Math.max(1, Math.round(fraction * WIDTH)) : 0);
  const body = c.bars
    .map((b, i) => {
      const y = i * (BAR + 6);
      return (
        `<g><title>${esc(b.description)}</title>` +
        `<text x="0" y="${y + 13}">${esc(b.label)}</text>` +
        `<rect class="paid" x="${LABEL}" y="${y}" width="${px(b.total)}" height="${BAR}"/>` +
        `<rect class="${b.over ? 'over' : 'used'}" x="${LABEL}" y="${y + 4}" width="${px(b.used)}" height="${BAR - 8}"/>` +
        `<text x="${LABEL + WIDTH + 8}" y="${y + 13}">${esc(b.value)}</text></g>`
      );
    })
    .join('');
  const width = LABEL + WIDTH + 110;
  const height = c.bars.length * (BAR + 6);
  return `<figure class="chart"><figcaption>${esc(c.title)}</figcaption><svg role="img" aria-label="${attr(c.title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${body}</svg></figure>`;
}

function actions(list: readonly PageAction[] | undefined, cls: string): string {
  if (!list?.length) return '';
  const button = (a: PageAction, i: number) =>
    `<button type="button" data-action="${attr(a.id)}"${i === 0 ? '' : ' class="secondary"'}${a.enabled ? '' : ' disabled'}${a.title ? ` title="${attr(a.title)}"` : ''}>${esc(a.label)}</button>`;
  return `<div class="${cls}">${list.map(button).join(' ')}</div>`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The one escaper of every page: text and attribute values alike (`&`, `<`, `>`, both quotes). */
export const esc = (value: string): string => value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
const attr = esc;

/**
 * Escaped text where backticks quote file syntax (`usage-location XX`): shown as code, as the
 * hover and the README show it. Escaping comes first, so a backtick can never open markup.
 */
export const text = (value: string): string => esc(value).replace(/`([^`\r\n]+)`/g, '<code>$1</code>');

/** A fresh nonce per page, from the platform's cryptographic random source (Node and the browser alike). */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const STYLE = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 1.5em 2em; line-height: 1.45; }
h1 { font-size: 1.5em; font-weight: 600; margin: 1em 0 .2em; }
h2 { display: inline; font-size: 1.15em; font-weight: 600; margin: 0; }
code { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background, #8882); padding: 0 .25em; border-radius: 3px; }
.facts, .legend, .detail, .cause, figcaption { color: var(--vscode-descriptionForeground); }
.legend { margin-top: 2em; font-size: .9em; }
.stale { padding: .5em .8em; border-left: 3px solid var(--vscode-editorWarning-foreground, #cca700); background: var(--vscode-inputValidation-warningBackground, #cca70022); }
.toolbar, .section-actions { margin: .6em 0; display: flex; flex-wrap: wrap; gap: .5em; }
button { font: inherit; padding: .3em .9em; border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; cursor: pointer; color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
button:hover:not([disabled]) { background: var(--vscode-button-hoverBackground); }
button.secondary { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); }
button.secondary:hover:not([disabled]) { background: var(--vscode-button-secondaryHoverBackground); }
button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
button[disabled] { opacity: .5; cursor: not-allowed; }
details.section { border-top: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); padding: .6em 0; }
details.section > summary { cursor: pointer; }
details.group { margin: .3em 0 .3em 1.2em; }
details.group > summary { cursor: pointer; font-family: var(--vscode-editor-font-family); }
ul { margin: .3em 0; padding-left: 2.2em; }
ul.users li { font-family: var(--vscode-editor-font-family); }
.count { display: inline-block; min-width: 1.4em; padding: 0 .45em; margin-left: .4em; border-radius: 1em; text-align: center; font-size: .8em; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
.blocker h2, .problem h2 { color: var(--vscode-errorForeground); }
.change h2 { color: var(--vscode-gitDecoration-addedResourceForeground, var(--vscode-foreground)); }
.quiet h2 { color: var(--vscode-descriptionForeground); }
table { border-collapse: collapse; margin: .5em 0 1em; }
th, td { border-bottom: 1px solid var(--vscode-panel-border, #8884); padding: .25em .75em; text-align: left; }
th { cursor: pointer; user-select: none; } th[aria-sort="ascending"]::after { content: " ▲"; } th[aria-sort="descending"]::after { content: " ▼"; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
figure.chart { margin: .6em 0 1em; }
svg text { fill: var(--vscode-foreground); font-size: 12px; }
.paid { fill: var(--vscode-charts-blue, #3794ff); opacity: .35; } .used { fill: var(--vscode-charts-blue, #3794ff); } .over { fill: var(--vscode-charts-red, #f14c4c); }
.filter input { width: 24em; max-width: 90%; padding: .25em .4em; color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, transparent); }
.filter input:focus { outline: 1px solid var(--vscode-focusBorder); }
#matching { color: var(--vscode-descriptionForeground); margin-left: .6em; }
[hidden] { display: none !important; }
`;

/**
 * The page's only script: buttons post their action id; the filter (users whose name contains the
 * text stay, groups and sections without any are hidden, the rest open); tables sort by a column.
 */
const SCRIPT = `
(function () {
  var vscode = acquireVsCodeApi();
  var lang = document.documentElement.lang || undefined;
  document.querySelectorAll('button[data-action]').forEach(function (b) {
    b.addEventListener('click', function () { if (!b.disabled) vscode.postMessage({ action: b.dataset.action }); });
  });
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    heads.forEach(function (th, column) {
      function sort() {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var numeric = th.dataset.numeric === 'true';
        var rows = Array.prototype.slice.call(table.tBodies[0].rows);
        function key(r) { return r.cells[column].textContent; }
        rows.sort(function (a, b) {
          return (numeric ? Number(key(a)) - Number(key(b)) : key(a).localeCompare(key(b), lang)) * (ascending ? 1 : -1);
        });
        rows.forEach(function (r) { table.tBodies[0].appendChild(r); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); sort(); }
      });
    });
  });
  var input = document.getElementById('filter');
  var matching = document.getElementById('matching');
  var noMatch = document.getElementById('no-match');
  if (!input) return;
  var remembered = new Map();
  function say(shown) {
    var total = Number(matching.dataset.total);
    matching.textContent = input.value ? matching.dataset.template.replace('{0}', shown.toLocaleString(lang)).replace('{1}', total.toLocaleString(lang)) : '';
    noMatch.hidden = !input.value || shown > 0;
  }
  input.addEventListener('input', function () {
    var text = input.value.trim().toLowerCase();
    var shown = 0;
    document.querySelectorAll('details.group').forEach(function (g) {
      if (!remembered.has(g)) remembered.set(g, g.open);
      var any = 0;
      g.querySelectorAll('li[data-user]').forEach(function (li) {
        var hit = !text || li.dataset.user.indexOf(text) >= 0;
        li.hidden = !hit;
        if (hit) any++;
      });
      shown += any;
      g.hidden = any === 0;
      g.open = text ? any > 0 : remembered.get(g);
    });
    document.querySelectorAll('details.section').forEach(function (s) {
      if (!s.querySelector('details.group')) { s.hidden = !!text; return; }
      var visible = s.querySelector('details.group:not([hidden])');
      s.hidden = !visible;
      if (text && visible) s.open = true;
    });
    say(shown);
  });
})();
`;
