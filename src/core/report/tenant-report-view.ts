import { isFreeSku, productName } from '../catalog/product-label';
import { count, plural } from '../text/translate';
import { formatLocalTime } from '../text/time';
import {
  ENGLISH,
  type Bar,
  type BarChart,
  type PageAction,
  type ReportSection,
  type ReportView,
  type Words,
} from './report-view';

/**
 * What the tenant report page needs of the license report (inventory/tenant-report.ts's
 * TenantReport has this shape; the report room cannot import inventory, which builds on it).
 */
export interface TenantReportInput {
  readonly tenant: string;
  readonly readAt: string;
  readonly users: number;
  readonly skus: readonly {
    readonly partNumber: string;
    readonly paid: number;
    readonly assigned: number;
    readonly left: number;
    readonly direct: number;
    readonly inherited: number;
    readonly both: number;
  }[];
  readonly redundantDirect: readonly {
    readonly user: string;
    readonly partNumber: string;
    readonly groups: readonly string[];
  }[];
  readonly disabledAccounts: readonly ReportHolder[];
  readonly inactive:
    | {
        readonly available: true;
        readonly days: number;
        readonly users: readonly ReportHolder[];
        /** Licensed users Graph gave no sign-in activity for: not counted, never in a removal file. */
        readonly notRead?: number;
      }
    | { readonly available: false; readonly days: number; readonly reason: string };
  /** Teams numbers (inventory/number-report.ts); absent from reports read before numbers were reported. */
  readonly numbers?:
    | {
        readonly available: true;
        readonly callingWithoutNumber: readonly { readonly user: string; readonly callingSkus: readonly string[] }[];
        readonly idleNumbers: readonly {
          readonly telephoneNumber: string;
          readonly user: string;
          readonly reason: 'unlicensed' | 'disabled';
        }[];
      }
    | { readonly available: false; readonly reason: string };
}

interface ReportHolder {
  readonly user: string;
  readonly direct: readonly { readonly partNumber: string }[];
  readonly inherited: readonly string[];
  readonly lastSignIn: string | null;
}

type Seats = TenantReportInput['skus'][number];

/**
 * "Tenant License Report" as a page: seats per SKU (paid subscriptions on one scale, free SKUs on
 * their own), then each finding with the button that writes its removal file. Product names sit
 * beside part numbers; times are local with the zone.
 */
export function tenantReportView(
  report: TenantReportInput,
  words: Words = ENGLISH,
  offsetMinutes?: number,
): ReportView {
  const { t } = words;
  const tl = withWordsLocale(words);
  const product = (partNumber: string) => productName(partNumber, words.locale) ?? '';
  const licenses = (h: ReportHolder) => h.direct.map((d) => d.partNumber).join(' ');
  const removals = (hs: readonly ReportHolder[]) => hs.reduce((n, h) => n + h.direct.length, 0);
  const reclaim = (id: PageAction['id'], n: number): PageAction[] =>
    n
      ? [
          {
            id,
            label: plural(
              tl,
              n,
              'Create a file that removes {0} license…',
              'Create a file that removes these {0} licenses…',
            ),
            enabled: true,
            title: t('Opens an unsaved .licenses file and its preview: nothing is applied until you apply it.'),
          },
        ]
      : [];
  const { inactive } = report;
  const sections: ReportSection[] = [
    {
      id: 'seats',
      title: t('Seats per SKU'),
      tone: 'info',
      open: true,
      charts: seatCharts(report.skus, tl),
      table: {
        columns: [
          { title: 'SKU' },
          { title: t('Product') },
          { title: t('Paid'), numeric: true },
          { title: t('Assigned'), numeric: true },
          { title: t('Left'), numeric: true },
          { title: t('Direct'), numeric: true },
          { title: t('Inherited'), numeric: true },
          { title: t('Both'), numeric: true },
        ],
        rows: report.skus.map((s) => [
          s.partNumber,
          product(s.partNumber),
          s.paid,
          s.assigned,
          s.left,
          s.direct,
          s.inherited,
          s.both,
        ]),
      },
    },
    {
      id: 'redundant',
      title: t('Direct copies a group already gives ({0})', count(tl, report.redundantDirect.length)),
      tone: report.redundantDirect.length ? 'change' : 'quiet',
      open: true,
      ...noneOr(report.redundantDirect.length, t),
      table: {
        columns: [{ title: t('User') }, { title: 'SKU' }, { title: t('Product') }, { title: t('Also from') }],
        rows: report.redundantDirect.map((r) => [r.user, r.partNumber, product(r.partNumber), r.groups.join(', ')]),
      },
      actions: reclaim('reclaim-redundant', report.redundantDirect.length),
    },
    {
      id: 'disabled',
      title: t('Disabled accounts holding licenses ({0})', count(tl, report.disabledAccounts.length)),
      tone: report.disabledAccounts.length ? 'change' : 'quiet',
      open: true,
      ...noneOr(report.disabledAccounts.length, t),
      table: {
        columns: [{ title: t('User') }, { title: t('Direct licenses') }, { title: t('Through groups') }],
        rows: report.disabledAccounts.map((h) => [h.user, licenses(h), h.inherited.join(' ')]),
      },
      actions: reclaim('reclaim-disabled', removals(report.disabledAccounts)),
    },
    inactive.available
      ? {
          id: 'inactive',
          title: `${plural(tl, inactive.days, 'No sign-in for {0} day', 'No sign-in for {0} days')} (${count(tl, inactive.users.length)})`,
          tone: inactive.users.length ? 'change' : 'quiet',
          open: true,
          ...notReadOr(inactive.users.length, inactive.notRead ?? 0, tl),
          table: {
            columns: [
              { title: t('User') },
              { title: t('Last sign-in') },
              { title: t('Direct licenses') },
              { title: t('Through groups') },
            ],
            rows: inactive.users.map((h) => [
              h.user,
              h.lastSignIn ? formatLocalTime(h.lastSignIn, offsetMinutes) : t('never'),
              licenses(h),
              h.inherited.join(' '),
            ]),
          },
          actions: reclaim('reclaim-inactive', removals(inactive.users)),
        }
      : {
          id: 'inactive',
          title: plural(tl, inactive.days, 'No sign-in for {0} day', 'No sign-in for {0} days'),
          tone: 'quiet',
          open: true,
          lines: [inactive.reason],
        },
    ...numberSections(report.numbers, words, tl),
  ];
  return {
    title: t('License report: {0}', report.tenant),
    facts: [
      plural(
        tl,
        report.users,
        'Read {1}: {0} licensed user.',
        'Read {1}: {0} licensed users.',
        formatLocalTime(report.readAt, offsetMinutes),
      ),
    ],
    sections,
  };
}

/** An empty finding says "None." rather than showing an empty table. */
const noneOr = (n: number, t: Words['t']): Pick<ReportSection, 'lines'> => (n ? {} : { lines: [t('None.')] });

/** "None." or nothing, and first how many users were not read: "not read" is not "never signed in". */
function notReadOr(n: number, notRead: number, t: Words['t']): Pick<ReportSection, 'lines'> {
  const lines = [
    ...(notRead > 0
      ? [
          plural(
            t,
            notRead,
            'Graph gave no sign-in activity for {0} licensed user: not counted here, and never put in a removal file.',
            'Graph gave no sign-in activity for {0} licensed users: not counted here, and never put in a removal file.',
          ),
        ]
      : []),
    ...(n ? [] : [t('None.')]),
  ];
  return lines.length ? { lines } : {};
}

/** `plural` and `count` read the language from the translator: give it the page's. */
function withWordsLocale({ t, locale }: Words): Words['t'] {
  return locale && t.locale !== locale
    ? Object.assign((m: string, ...a: Array<string | number | boolean>) => t(m, ...a), { locale })
    : t;
}

/**
 * Seats used of paid, for the SKUs paid for, on one scale (the largest of them is the full width);
 * free SKUs (FLOW_FREE's 10,000 seats) apart, each on its own scale, so they do not make every paid
 * SKU a one-pixel sliver. A SKU with no seat and no assignment has no bar.
 */
function seatCharts(skus: readonly Seats[], t: Words['t']): BarChart[] {
  const shown = skus.filter((s) => s.paid > 0 || s.assigned > 0);
  const paid = shown.filter((s) => !isFreeSku(s.partNumber));
  const free = shown.filter((s) => isFreeSku(s.partNumber));
  const max = Math.max(0, ...paid.map((s) => Math.max(s.paid, s.assigned)));
  const charts: BarChart[] = [];
  if (paid.length) charts.push({ title: t('Seats used of seats paid'), bars: paid.map((s) => bar(s, max, t)) });
  if (free.length)
    charts.push({
      title: t('Free and trial SKUs (each on its own scale)'),
      bars: free.map((s) => bar(s, Math.max(s.paid, s.assigned), t)),
    });
  return charts;
}

function bar(s: Seats, max: number, t: Words['t']): Bar {
  const fraction = (n: number) => (max > 0 ? Math.min(1, n / max) : 0);
  return {
    label: s.partNumber,
    description: plural(
      t,
      s.paid,
      '{1}: {2} of {0} seat assigned, {3} left',
      '{1}: {2} of {0} seats assigned, {3} left',
      s.partNumber,
      count(t, s.assigned),
      count(t, s.left),
    ),
    total: fraction(s.paid),
    used: fraction(s.assigned),
    over: s.assigned > s.paid,
    value: `${count(t, s.assigned)} / ${count(t, s.paid)}`,
  };
}

/** Calling licenses without a number, and numbers of unlicensed or disabled users; one line when unread. */
function numberSections(numbers: TenantReportInput['numbers'], { t }: Words, tl: Words['t']): ReportSection[] {
  if (!numbers) return [];
  if (!numbers.available)
    return [{ id: 'numbers', title: t('Teams numbers'), tone: 'quiet', open: true, lines: [numbers.reason] }];
  const { callingWithoutNumber: calling, idleNumbers: idle } = numbers;
  return [
    {
      id: 'calling-without-number',
      title: t('Licensed for calling without a number: paid for and unable to call ({0})', count(tl, calling.length)),
      tone: calling.length ? 'change' : 'quiet',
      open: true,
      ...noneOr(calling.length, t),
      table: {
        columns: [{ title: t('User') }, { title: t('Calling Plan from') }],
        rows: calling.map((c) => [c.user, c.callingSkus.join(' ')]),
      },
    },
    {
      id: 'idle-numbers',
      title: t('Numbers held by unlicensed or disabled users ({0})', count(tl, idle.length)),
      tone: idle.length ? 'change' : 'quiet',
      open: true,
      ...noneOr(idle.length, t),
      table: {
        columns: [{ title: t('Number') }, { title: t('User') }, { title: t('Why') }],
        rows: idle.map((n) => [
          n.telephoneNumber,
          n.user,
          n.reason === 'disabled' ? t('account disabled') : t('no license'),
        ]),
      },
    },
  ];
}
