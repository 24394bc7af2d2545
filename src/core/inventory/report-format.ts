import { productName } from '../catalog/product-label';
import { csvCell } from '../report/csv';
import { fileLine } from '../text/tenant-text';
import { formatLocalTime } from '../text/time';
import { english, plural, type Translate } from '../text/translate';
import type { ReclaimHolder, TenantReport } from './tenant-report';

/** The report as JSON (stable keys; what `--json` prints and the webview reads). */
export const reportJson = (report: TenantReport): string => JSON.stringify(report, null, 2);

const holderSkus = (h: ReclaimHolder) => h.direct.map((d) => d.partNumber).join(' ');

/**
 * One CSV for a spreadsheet: a `seats` row per SKU, then a row per finding and license. Cells go
 * through csvCell (quotes, and no formula a spreadsheet would run).
 */
export function reportCsv(report: TenantReport): string {
  const rows: string[][] = [
    ['record', 'sku', 'skuId', 'user', 'paid', 'assigned', 'left', 'direct', 'inherited', 'both', 'detail'],
  ];
  for (const s of report.skus)
    rows.push([
      'seats',
      s.partNumber,
      s.skuId,
      '',
      String(s.paid),
      String(s.assigned),
      String(s.left),
      String(s.direct),
      String(s.inherited),
      String(s.both),
      '',
    ]);
  for (const r of report.redundantDirect)
    rows.push([
      'redundant-direct',
      r.partNumber,
      r.skuId,
      r.user,
      '',
      '',
      '',
      '',
      '',
      '',
      `also from ${r.groups.join(', ')}`,
    ]);
  for (const h of report.disabledAccounts)
    for (const d of h.direct)
      rows.push(['disabled-account', d.partNumber, d.skuId, h.user, '', '', '', '', '', '', h.lastSignIn ?? '']);
  if (report.inactive.available) {
    for (const h of report.inactive.users)
      for (const d of h.direct)
        rows.push(['inactive', d.partNumber, d.skuId, h.user, '', '', '', '', '', '', h.lastSignIn ?? 'never']);
  }
  if (report.numbers?.available) {
    for (const c of report.numbers.callingWithoutNumber)
      rows.push(['calling-without-number', c.callingSkus.join(' '), '', c.user, '', '', '', '', '', '', '']);
    for (const n of report.numbers.idleNumbers)
      rows.push([`number-${n.reason}`, '', '', n.user, '', '', '', '', '', '', n.telephoneNumber]);
  }
  // Counts stay numbers: csvCell would quote a negative "left" as text.
  return `${rows.map((r) => r.map((c) => (/^-?\d+$/.test(c) ? c : csvCell(c))).join(',')).join('\r\n')}\r\n`;
}

/** Markdown: a table of seats, then each finding. `|` in names is escaped so tables hold. */
export function reportMarkdown(report: TenantReport, t: Translate = english): string {
  const cell = (s: string) => fileLine(s).replace(/\|/g, '\\|');
  const out: string[] = [
    `# ${t('License report: {0}', cell(report.tenant))}`,
    '',
    t('Read {0}: {1} licensed users.', formatLocalTime(report.readAt), report.users),
    '',
    `## ${t('Seats per SKU')}`,
    '',
    `| SKU | ${t('Paid')} | ${t('Assigned')} | ${t('Left')} | ${t('Direct')} | ${t('Inherited')} | ${t('Both')} |`,
    '|---|---:|---:|---:|---:|---:|---:|',
    ...report.skus.map(
      (s) =>
        `| ${cell(s.partNumber)} | ${s.paid} | ${s.assigned} | ${s.left} | ${s.direct} | ${s.inherited} | ${s.both} |`,
    ),
    '',
    `## ${t('Direct copies a group already gives ({0})', report.redundantDirect.length)}`,
    '',
  ];
  if (report.redundantDirect.length) {
    out.push(
      `| ${t('User')} | SKU | ${t('Also from')} |`,
      '|---|---|---|',
      ...report.redundantDirect.map(
        (r) => `| ${cell(r.user)} | ${cell(r.partNumber)} | ${cell(r.groups.join(', '))} |`,
      ),
    );
  } else out.push(t('None.'));
  out.push('', `## ${t('Disabled accounts holding licenses ({0})', report.disabledAccounts.length)}`, '');
  if (report.disabledAccounts.length) {
    out.push(
      `| ${t('User')} | ${t('Direct licenses')} | ${t('Through groups')} |`,
      '|---|---|---|',
      ...report.disabledAccounts.map(
        (h) => `| ${cell(h.user)} | ${cell(holderSkus(h))} | ${cell(h.inherited.join(' '))} |`,
      ),
    );
  } else out.push(t('None.'));
  const inactive = report.inactive;
  out.push(
    '',
    `## ${t('No sign-in for {0} days', inactive.days)}${inactive.available ? ` (${inactive.users.length})` : ''}`,
    '',
  );
  if (inactive.available && inactive.notRead > 0)
    out.push(
      plural(
        t,
        inactive.notRead,
        'Graph gave no sign-in activity for {0} licensed user: not counted here, and never put in a removal file.',
        'Graph gave no sign-in activity for {0} licensed users: not counted here, and never put in a removal file.',
      ),
      '',
    );
  if (!inactive.available) out.push(inactive.reason);
  else if (inactive.users.length) {
    out.push(
      `| ${t('User')} | ${t('Last sign-in')} | ${t('Direct licenses')} | ${t('Through groups')} |`,
      '|---|---|---|---|',
      ...inactive.users.map(
        (h) =>
          `| ${cell(h.user)} | ${h.lastSignIn ? h.lastSignIn.slice(0, 10) : t('never')} | ${cell(holderSkus(h))} | ${cell(h.inherited.join(' '))} |`,
      ),
    );
  } else out.push(t('None.'));
  out.push(...numberSections(report, t, cell));
  return `${out.join('\n')}\n`;
}

/**
 * One tenant of `report --all-tenants`: its name (from the partner's relationships: tenant text) and
 * id, and its report, or why it could not be read.
 */
export type TenantReportRow = { readonly tenant: string; readonly tenantId: string } & (
  { readonly report: TenantReport } | { readonly problem: string }
);

/** A tenant as a table names it: `Fabrikam, Inc. (0f1e…)`, one line. */
export const tenantRowName = (row: Pick<TenantReportRow, 'tenant' | 'tenantId'>): string =>
  `${fileLine(row.tenant)} (${row.tenantId})`;

/**
 * `report --all-tenants`: one table, a row per tenant: its seats (assigned of paid, per SKU), the
 * seats left, and what can be reclaimed (direct copies a group already gives, disabled accounts
 * holding licenses, inactive users). A tenant that could not be read has its row, saying why.
 */
export function tenantsReportMarkdown(rows: readonly TenantReportRow[], t: Translate = english): string {
  // Tenant names come from the partner's relationships: tenant text, one line, as the single-tenant report's cells.
  const cell = (s: string) => fileLine(s).replace(/\|/g, '\\|');
  const out = [
    `# ${t('License report: {0} tenants', rows.length)}`,
    '',
    `| ${t('Tenant')} | ${t('Seats (assigned of paid)')} | ${t('Left')} | ${t('Direct copies a group gives')} | ${t('Disabled accounts')} | ${t('Inactive')} |`,
    '|---|---|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    if (!('report' in row)) {
      out.push(`| ${cell(tenantRowName(row))} | ${cell(t('not read: {0}', row.problem))} | | | | |`);
      continue;
    }
    const r = row.report;
    const seats = r.skus.map((s) => `${s.partNumber} ${s.assigned}/${s.paid}`).join(', ');
    const left = r.skus.reduce((n, s) => n + Math.max(0, s.left), 0);
    const inactive = r.inactive.available ? String(r.inactive.users.length) : '—';
    out.push(
      `| ${cell(tenantRowName(row))} | ${cell(seats)} | ${left} | ${r.redundantDirect.length} | ${r.disabledAccounts.length} | ${inactive} |`,
    );
  }
  return `${out.join('\n')}\n`;
}

/**
 * `report --all-tenants --csv`: a row per tenant and SKU with the Markdown table's numbers split by
 * SKU: seats paid (prepaidUnits.enabled), assigned (consumedUnits) and left, then what can be
 * reclaimed of that SKU: direct copies a group already gives, direct licenses of disabled accounts,
 * direct licenses of users without a sign-in for N days (empty when sign-in dates could not be
 * read, `inactiveRead` says so). A tenant that could not be read has one row with `problem`. Every
 * cell goes through csvCell: a tenant's name never starts a formula, quotes and commas stay in their
 * cell, line breaks are made one line first.
 */
export function tenantsReportCsv(rows: readonly TenantReportRow[], locale?: string): string {
  // A count is written as a number; every other cell is text through csvCell, whatever it looks like.
  type Cell = string | number;
  const lines: Cell[][] = [
    [
      'tenant',
      'tenantId',
      'sku',
      'skuId',
      'productName',
      'paid',
      'assigned',
      'left',
      'redundantDirect',
      'disabledAccounts',
      'inactive',
      'inactiveRead',
      'problem',
    ],
  ];
  const none = ['', '', '', '', '', '', '', '', '', ''];
  for (const row of rows) {
    const tenant = [fileLine(row.tenant), row.tenantId];
    if (!('report' in row)) {
      lines.push([...tenant, ...none, fileLine(row.problem)]);
      continue;
    }
    const r = row.report;
    const read = r.inactive.available;
    const holding = (holders: readonly ReclaimHolder[], skuId: string) =>
      holders.filter((h) => h.direct.some((d) => d.skuId === skuId)).length;
    // A tenant without a subscription still has its row: the spreadsheet lists every tenant read.
    if (!r.skus.length) lines.push([...tenant, ...none.slice(0, -1), read ? 'yes' : 'no', '']);
    for (const s of r.skus)
      lines.push([
        ...tenant,
        s.partNumber,
        s.skuId,
        productName(s.partNumber, locale) ?? '',
        s.paid,
        s.assigned,
        s.left,
        s.both,
        holding(r.disabledAccounts, s.skuId),
        r.inactive.available ? holding(r.inactive.users, s.skuId) : '',
        read ? 'yes' : 'no',
        '',
      ]);
  }
  return `${lines.map((l) => l.map((c) => (typeof c === 'number' ? String(c) : csvCell(c))).join(',')).join('\r\n')}\r\n`;
}

/** The Teams numbers' sections: licensed for calling without a number, numbers of unlicensed or disabled users. */
function numberSections(report: TenantReport, t: Translate, cell: (s: string) => string): string[] {
  const numbers = report.numbers;
  if (!numbers) return [];
  if (!numbers.available) return ['', `## ${t('Teams numbers')}`, '', numbers.reason];
  const out = [
    '',
    `## ${t('Licensed for calling without a number: paid for and unable to call ({0})', numbers.callingWithoutNumber.length)}`,
    '',
  ];
  if (numbers.callingWithoutNumber.length)
    out.push(
      `| ${t('User')} | ${t('Calling Plan from')} |`,
      '|---|---|',
      ...numbers.callingWithoutNumber.map((c) => `| ${cell(c.user)} | ${cell(c.callingSkus.join(' '))} |`),
    );
  else out.push(t('None.'));
  out.push('', `## ${t('Numbers held by unlicensed or disabled users ({0})', numbers.idleNumbers.length)}`, '');
  if (numbers.idleNumbers.length)
    out.push(
      `| ${t('Number')} | ${t('User')} | ${t('Why')} |`,
      '|---|---|---|',
      ...numbers.idleNumbers.map(
        (n) =>
          `| ${cell(n.telephoneNumber)} | ${cell(n.user)} | ${n.reason === 'disabled' ? t('account disabled') : t('no license')} |`,
      ),
    );
  else out.push(t('None.'));
  return out;
}
