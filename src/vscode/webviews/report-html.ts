import type { ReportGroup, ReportSection, ReportView } from '../../core/report/report-view';
import { formatCount } from '../../core/text/plural';

/** The page's own words (the view's texts are translated already). */
export interface PageLabels {
  readonly filter: string;
  /** `{0}` shown users of `{1}`. */
  readonly matching: string;
  readonly noMatch: string;
}

export interface PageOptions {
  /** A fresh random value per page: the only script and style allowed to run carry it. */
  readonly nonce: string;
  /** `vscode.env.language`: dates and numbers in the page follow it. */
  readonly lang: string;
  /** `view.at` in the extension host's local time, shown until the page's script puts it in the viewer's. */
  readonly localTime?: string;
  readonly labels: PageLabels;
}

/** A group with more users than this opens folded: the heading says it all. */
export const FOLD_ABOVE = 12;

/**
 * A report as a self-contained HTML page for a webview: nothing loaded from anywhere (the CSP
 * allows only the page's own nonce'd style and script), VS Code's theme colours, sections and
 * groups that fold (`<details>`), and a filter box. Every text is escaped: user names and Graph
 * messages come from the tenant and the file.
 */
export function reportHtml(view: ReportView, options: PageOptions): string {
  const { nonce } = options;
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  const at = view.at ? ` · <time datetime="${attr(view.at)}">${esc(options.localTime ?? view.at)}</time>` : '';
  const total = view.sections.reduce(
    (sum, s) => sum + (s.groups ? s.groups.reduce((g, x) => g + x.users.length, 0) : 0),
    0,
  );
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
<p class="facts">${view.facts.map(esc).join(' · ')}${at}</p>
${total ? `<p class="filter"><input id="filter" type="search" placeholder="${attr(options.labels.filter)}" aria-label="${attr(options.labels.filter)}"> <span id="matching" data-template="${attr(options.labels.matching)}" data-total="${total}"></span></p><p id="no-match" hidden>${esc(options.labels.noMatch)}</p>` : ''}
${view.sections.map((s) => section(s, options.lang)).join('\n')}
${view.legend ? `<p class="legend">${esc(view.legend)}</p>` : ''}
<script nonce="${attr(nonce)}">${SCRIPT}</script>
</body>
</html>
`;
}

function section(s: ReportSection, lang: string): string {
  const count = s.count !== undefined ? ` <span class="count">${esc(formatCount(s.count, lang))}</span>` : '';
  const lines = s.lines?.length ? `<ul class="lines">${s.lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` : '';
  const groups = (s.groups ?? []).map(group).join('');
  return `<details class="section ${s.tone}" data-section="${attr(s.id)}"${s.open ? ' open' : ''}><summary><h2>${esc(s.title)}${count}</h2></summary>${lines}${groups}</details>`;
}

function group(g: ReportGroup): string {
  // The generic heading already quotes the cause; a special one ("1,700 users not found") does not.
  const cause = g.heading.includes(g.cause) ? '' : `<p class="cause">${esc(g.cause)}</p>`;
  const users = g.users
    .map(
      (u) =>
        `<li data-user="${attr(u.user.toLowerCase())}">${esc(u.user)}${u.detail ? ` <span class="detail">— ${esc(u.detail)}</span>` : ''}</li>`,
    )
    .join('');
  return `<details class="group"${g.users.length <= FOLD_ABOVE ? ' open' : ''}><summary>${esc(g.heading)}</summary>${cause}<ul class="users">${users}</ul></details>`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
const attr = esc;

const STYLE = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 1.5em 2em; line-height: 1.45; }
h1 { font-size: 1.5em; font-weight: 600; margin: 1em 0 .2em; }
h2 { display: inline; font-size: 1.15em; font-weight: 600; margin: 0; }
.facts, .legend, .detail, .cause { color: var(--vscode-descriptionForeground); }
.legend { margin-top: 2em; font-size: .9em; }
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
.filter input { width: 24em; max-width: 90%; padding: .25em .4em; color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, transparent); }
.filter input:focus { outline: 1px solid var(--vscode-focusBorder); }
#matching { color: var(--vscode-descriptionForeground); margin-left: .6em; }
[hidden] { display: none !important; }
`;

/**
 * The page's only script: the time in the viewer's own zone and language, and the filter (users
 * whose name contains the text stay, groups and sections without any are hidden, the rest open).
 */
const SCRIPT = `
(function () {
  var lang = document.documentElement.lang || undefined;
  document.querySelectorAll('time[datetime]').forEach(function (el) {
    var d = new Date(el.getAttribute('datetime'));
    if (!isNaN(d.getTime())) el.textContent = d.toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'medium' });
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
