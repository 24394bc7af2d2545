import type * as vscode from 'vscode';
import type { ReclaimHolder, TenantReport } from '../core/inventory';
import { count, plural, type Translate } from '../core/text/translate';

/**
 * The license report as one self-contained page for a webview: tables sortable by any column, a bar
 * chart of seats per SKU (inline SVG), no remote resource. The Content-Security-Policy allows only
 * the page's own style and script (by nonce), so a group or user name can never run anything; every
 * text is HTML-escaped besides.
 */
export function reportHtml(
  report: TenantReport,
  webview: Pick<vscode.Webview, 'cspSource'>,
  nonce: string,
  t: Translate,
): string {
  const e = escapeHtml;
  const table = (
    id: string,
    headers: readonly string[],
    rows: readonly (readonly (string | number)[])[],
    numeric: readonly number[] = [],
  ) =>
    rows.length === 0
      ? `<p class="none">${e(t('None.'))}</p>`
      : `<table id="${id}" class="sortable"><thead><tr>${headers.map((h, i) => `<th data-numeric="${numeric.includes(i)}" tabindex="0" role="button">${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
          .map(
            (r) =>
              `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="n"' : ''}>${e(String(c))}</td>`).join('')}</tr>`,
          )
          .join('')}</tbody></table>`;
  const reclaim = (kind: string, n: number) =>
    n
      ? `<button data-reclaim="${kind}">${e(plural(t, n, 'Create a file that removes {0} license…', 'Create a file that removes these {0} licenses…'))}</button>`
      : '';
  const licenses = (h: ReclaimHolder) => h.direct.map((d) => d.partNumber).join(' ');
  const removals = (hs: readonly ReclaimHolder[]) => hs.reduce((n, h) => n + h.direct.length, 0);
  const inactive = report.inactive;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(t('License report: {0}', report.tenant))}</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1.5em 2em; }
table { border-collapse: collapse; margin: .5em 0 1em; }
th, td { border-bottom: 1px solid var(--vscode-panel-border, #8884); padding: .25em .75em; text-align: left; }
th { cursor: pointer; user-select: none; } th[aria-sort="ascending"]::after { content: " ▲"; } th[aria-sort="descending"]::after { content: " ▼"; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.none, .note { color: var(--vscode-descriptionForeground); }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: .35em .9em; cursor: pointer; }
svg text { fill: var(--vscode-foreground); font-size: 12px; } .paid { fill: var(--vscode-charts-blue, #3794ff); opacity: .35; } .used { fill: var(--vscode-charts-blue, #3794ff); } .over { fill: var(--vscode-charts-red, #f14c4c); }
</style></head><body>
<h1>${e(t('License report: {0}', report.tenant))}</h1>
<p class="note">${e(plural(t, report.users, 'Read {1}: {0} licensed user.', 'Read {1}: {0} licensed users.', `${report.readAt.slice(0, 16).replace('T', ' ')}Z`))}</p>
<h2>${e(t('Seats per SKU'))}</h2>
${seatsChart(report, t)}
${table(
  'seats',
  ['SKU', t('Paid'), t('Assigned'), t('Left'), t('Direct'), t('Inherited'), t('Both')],
  report.skus.map((s) => [s.partNumber, s.paid, s.assigned, s.left, s.direct, s.inherited, s.both]),
  [1, 2, 3, 4, 5, 6],
)}
<h2>${e(t('Direct copies a group already gives ({0})', report.redundantDirect.length))}</h2>
${table(
  'redundant',
  [t('User'), 'SKU', t('Also from')],
  report.redundantDirect.map((r) => [r.user, r.partNumber, r.groups.join(', ')]),
)}
${reclaim('redundant', report.redundantDirect.length)}
<h2>${e(t('Disabled accounts holding licenses ({0})', report.disabledAccounts.length))}</h2>
${table(
  'disabled',
  [t('User'), t('Direct licenses'), t('Through groups')],
  report.disabledAccounts.map((h) => [h.user, licenses(h), h.inherited.join(' ')]),
)}
${reclaim('disabled', removals(report.disabledAccounts))}
<h2>${e(plural(t, inactive.days, 'No sign-in for {0} day', 'No sign-in for {0} days'))}${inactive.available ? ` (${inactive.users.length})` : ''}</h2>
${
  inactive.available
    ? `${
        inactive.notRead > 0
          ? `<p class="note">${e(
              plural(
                t,
                inactive.notRead,
                'Graph gave no sign-in activity for {0} licensed user: not counted here, and never put in a removal file.',
                'Graph gave no sign-in activity for {0} licensed users: not counted here, and never put in a removal file.',
              ),
            )}</p>`
          : ''
      }${table(
        'inactive',
        [t('User'), t('Last sign-in'), t('Direct licenses'), t('Through groups')],
        inactive.users.map((h) => [
          h.user,
          h.lastSignIn ? h.lastSignIn.slice(0, 10) : t('never'),
          licenses(h),
          h.inherited.join(' '),
        ]),
      )}${reclaim('inactive', removals(inactive.users))}`
    : `<p class="note">${e(inactive.reason)}</p>`
}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
for (const button of document.querySelectorAll('button[data-reclaim]')) button.addEventListener('click', () => vscode.postMessage({ reclaim: button.dataset.reclaim }));
for (const table of document.querySelectorAll('table.sortable')) {
  const heads = [...table.tHead.rows[0].cells];
  heads.forEach((th, column) => {
    const sort = () => {
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      heads.forEach((h) => h.removeAttribute('aria-sort'));
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const numeric = th.dataset.numeric === 'true';
      const rows = [...table.tBodies[0].rows];
      const key = (r) => r.cells[column].textContent;
      rows.sort((a, b) => (numeric ? Number(key(a)) - Number(key(b)) : key(a).localeCompare(key(b))) * (ascending ? 1 : -1));
      for (const r of rows) table.tBodies[0].appendChild(r);
    };
    th.addEventListener('click', sort);
    th.addEventListener('keydown', (event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); sort(); } });
  });
}
</script>
</body></html>`;
}

/** Horizontal bars: paid seats (light), assigned (solid; red past paid). SKUs with no seat are left out. */
function seatsChart(report: TenantReport, t: Translate): string {
  const rows = report.skus.filter((s) => s.paid > 0 || s.assigned > 0);
  if (rows.length === 0) return '';
  const max = Math.max(...rows.map((s) => Math.max(s.paid, s.assigned)));
  const label = 160;
  const width = 420;
  const bar = 18;
  const scale = (n: number) => (max > 0 ? Math.max(n > 0 ? 1 : 0, Math.round((n / max) * width)) : 0);
  const body = rows
    .map((s, i) => {
      const y = i * (bar + 6);
      return (
        `<g><title>${escapeHtml(plural(t, s.paid, '{1}: {2} of {0} seat assigned, {3} left', '{1}: {2} of {0} seats assigned, {3} left', s.partNumber, count(t, s.assigned), count(t, s.left)))}</title>` +
        `<text x="0" y="${y + 13}">${escapeHtml(s.partNumber)}</text>` +
        `<rect class="paid" x="${label}" y="${y}" width="${scale(s.paid)}" height="${bar}"/>` +
        `<rect class="${s.assigned > s.paid ? 'over' : 'used'}" x="${label}" y="${y + 4}" width="${scale(s.assigned)}" height="${bar - 8}"/>` +
        `<text x="${label + width + 8}" y="${y + 13}">${s.assigned} / ${s.paid}</text></g>`
      );
    })
    .join('');
  const height = rows.length * (bar + 6);
  return `<svg role="img" aria-label="${escapeHtml(t('Seats per SKU'))}" width="${label + width + 90}" height="${height}" viewBox="0 0 ${label + width + 90} ${height}">${body}</svg>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
