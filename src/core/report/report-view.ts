import { english, type Translate } from '../text/translate';
import { formatCount, isSingular } from '../text/plural';

/**
 * What the preview, the results and the tenant report pages show, as data: the core decides what is
 * said, how users are grouped, which buttons a page offers and how a chart is scaled; a front end
 * (the VS Code webview, a Markdown file) only lays it out. Every text here is already translated
 * and its numbers formatted. Text may quote file syntax in backticks (`usage-location XX`): a
 * front end shows it as code.
 */
export interface ReportView {
  readonly title: string;
  /** Short facts under the title: tenant, file, "nothing has been written". */
  readonly facts: readonly string[];
  /**
   * When the tenant was read or the run started (ISO 8601): a front end shows it with
   * `formatLocalTime` (text/time.ts), the one time format of every page.
   */
  readonly at?: string;
  /** What the admin can do from the page, in order; the first enabled one is the main action. */
  readonly actions?: readonly PageAction[];
  /** Set when the page no longer says the truth (the tenant changed since): a banner says why. */
  readonly stale?: string;
  readonly sections: readonly ReportSection[];
  readonly legend?: string;
}

/**
 * A button a page offers. A front end runs the product's own command for it (the same as the
 * command palette), so a page never does anything a command would not.
 */
export interface PageAction {
  readonly id: PageActionId;
  readonly label: string;
  /** A disabled button is shown (so the admin sees it exists) but posts nothing. */
  readonly enabled: boolean;
  /** Why it is disabled, or what it does: shown as the button's tooltip. */
  readonly title?: string;
}

export type PageActionId =
  | 'apply'
  | 'refresh'
  | 'retry'
  | 'reprocess'
  | 'undo'
  | 'export-csv'
  | 'reclaim-redundant'
  | 'reclaim-disabled'
  | 'reclaim-inactive';

/** Every action of a page, the toolbar's and each section's. */
const actionsOf = (view: ReportView): PageAction[] => [
  ...(view.actions ?? []),
  ...view.sections.flatMap((s) => s.actions ?? []),
];

/**
 * What a page's message asks for, when it is a button this page shows enabled: a page's script
 * posts `{ action: id }`; anything else (a forged id, a disabled button, a stale Apply) is nothing.
 */
export function requestedAction(message: unknown, view: ReportView): PageActionId | undefined {
  const id = typeof message === 'object' && message !== null ? (message as { action?: unknown }).action : undefined;
  if (typeof id !== 'string') return undefined;
  return actionsOf(view).find((a) => a.id === id && a.enabled)?.id;
}

/**
 * One foldable part of a page. Other reports plug in by building their own sections (see
 * `ReportSection` builders below) and passing them as `extraSections` to the page builder.
 */
export interface ReportSection {
  /** Stable and unique on the page: tests find a section by it, a webview keeps its folding by it. */
  readonly id: string;
  readonly title: string;
  /** Users (or items) the section holds; absent for a section of plain lines (totals, seats). */
  readonly count?: number;
  /** How it is coloured: a blocker or a failure stands out. */
  readonly tone: SectionTone;
  /** Unfolded when the page opens. */
  readonly open: boolean;
  /** Plain lines: totals, seats, blockers. */
  readonly lines?: readonly string[];
  /** Users, grouped by what happens to them. */
  readonly groups?: readonly ReportGroup[];
  /** Rows a front end lets the admin sort by any column. */
  readonly table?: ReportTable;
  /** Bar charts, each with its own scale. */
  readonly charts?: readonly BarChart[];
  /** Buttons under the section (a removal file for this finding). */
  readonly actions?: readonly PageAction[];
}

export interface ReportTable {
  readonly columns: readonly { readonly title: string; readonly numeric?: boolean }[];
  /** Cells as shown; numeric columns hold numbers so they sort as numbers. */
  readonly rows: readonly (readonly (string | number)[])[];
}

/**
 * Horizontal bars on one scale: the core chooses what shares a scale (paid SKUs), so a large free
 * SKU does not make every other bar a sliver.
 */
export interface BarChart {
  readonly title: string;
  readonly bars: readonly Bar[];
}

export interface Bar {
  readonly label: string;
  /** The full sentence a screen reader and the tooltip give. */
  readonly description: string;
  /** The outer bar (seats paid), 0 to 1 of the chart's width. */
  readonly total: number;
  /** The inner bar (seats used), 0 to 1 of the chart's width. */
  readonly used: number;
  /** More used than paid: shown as a problem. */
  readonly over: boolean;
  /** `12 / 10`, shown after the bar. */
  readonly value: string;
}

type SectionTone = 'info' | 'change' | 'problem' | 'blocker' | 'quiet';

/** Users with the same cause or change: one heading ("1,700 users not found") over a folded list. */
export interface ReportGroup {
  /** The heading, count included and pluralized. */
  readonly heading: string;
  /** What they share, without any user in it (shown once, not 1,700 times). */
  readonly cause: string;
  readonly users: readonly ReportUser[];
}

interface ReportUser {
  readonly user: string;
  /** What is particular to this user (a note), when anything is. */
  readonly detail?: string;
}

/** What a page builder needs to speak the admin's language. */
export interface Words {
  readonly t: Translate;
  /** BCP 47 tag for numbers and plural forms; absent: English. */
  readonly locale?: string;
}

export const ENGLISH: Words = { t: english };

/** One user's line before grouping: `cause` is what makes two lines "the same". */
export interface CausedLine {
  readonly user: string;
  readonly cause: string;
  readonly detail?: string;
  /** A heading for a group of `n` users with this cause, when the generic "n users: cause" reads badly. */
  readonly heading?: (n: number) => string;
}

/**
 * Lines with the same cause become one group, largest group first (the one cause behind 1,700
 * failures comes before the two odd ones); users keep the file's order inside a group.
 */
export function groupByCause(lines: readonly CausedLine[], words: Words): ReportGroup[] {
  const groups = new Map<string, { first: CausedLine; users: ReportUser[] }>();
  for (const line of lines) {
    let group = groups.get(line.cause);
    if (!group) groups.set(line.cause, (group = { first: line, users: [] }));
    group.users.push(line.detail ? { user: line.user, detail: line.detail } : { user: line.user });
  }
  return [...groups.values()]
    .sort((a, b) => b.users.length - a.users.length)
    .map(({ first, users }) => ({
      heading: first.heading?.(users.length) ?? usersHeading(users.length, first.cause, words),
      cause: first.cause,
      users,
    }));
}

/** `1,700 users: [Request_ResourceNotFound] …`, with the language's plural. */
function usersHeading(n: number, cause: string, { t, locale }: Words): string {
  return isSingular(n, locale)
    ? t('{0} user: {1}', formatCount(n, locale), cause)
    : t('{0} users: {1}', formatCount(n, locale), cause);
}

/** A section of users grouped by cause; its count is the number of users. */
export function groupedSection(
  head: Omit<ReportSection, 'count' | 'groups' | 'lines'>,
  lines: readonly CausedLine[],
  words: Words,
): ReportSection {
  return { ...head, count: lines.length, groups: groupByCause(lines, words) };
}

/**
 * A message from Graph names the user it is about ("Resource 'bob@contoso.com' does not exist…"):
 * with the user taken out, the same refusal reads the same for every user and groups.
 */
export function withoutUser(message: string, user: string): string {
  if (!user) return message;
  const lower = message.toLowerCase();
  const needle = user.toLowerCase();
  if (!lower.includes(needle)) return message;
  if (lower.length !== message.length || needle.length !== user.length) {
    // A letter whose lower case is longer (İ): positions in the lower-cased text are not the message's.
    return message.replace(new RegExp(user.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), '…');
  }
  // Without a RegExp per user: a preview of 20,000 refused users groups their messages in milliseconds.
  let out = '';
  let from = 0;
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, from)) {
    out += `${message.slice(from, at)}…`;
    from = at + needle.length;
  }
  return out + message.slice(from);
}

/** Every user a page lists, for a filter or a test. */
export const usersOf = (section: ReportSection): string[] =>
  (section.groups ?? []).flatMap((g) => g.users.map((u) => u.user));
