import { countryName } from '../catalog/countries';
import { parsePhoneNumber } from '../format/e164';
import { commentStart, firstToken, lastWordEnd, nextWordStart } from '../format/line-scanner';
import { isUserReference } from '../format/parse';
import { holderOf, numberTypeWord } from '../rules/number-rules';
import type { TenantNumber, TenantNumbersReader } from '../tenant/tenant-numbers';
import { markdownCode, markdownText } from '../text/tenant-text';
import { english, type Translate } from '../text/translate';

/** Shaped as completion.ts's Completion and CompletionList, and hover.ts's HoverResult (they import this file). */
interface NumberCompletion {
  readonly label: string;
  readonly kind: 'keyword' | 'value';
  readonly detail?: string;
  readonly description?: string;
  readonly documentation?: string;
  readonly insertText?: string;
  readonly sortText?: string;
  readonly filterText?: string;
}
interface NumberCompletionList {
  readonly items: NumberCompletion[];
  readonly isIncomplete: boolean;
  readonly replace?: { readonly start: number; readonly end: number };
}
interface NumberHover {
  readonly markdown: string;
  readonly start: number;
  readonly end: number;
}

/** How many free numbers a completion list offers: the admin types more digits to narrow it. */
const FREE_NUMBERS_LISTED = 50;

/** What follows the user on a user line, up to the comment: where it starts and ends; undefined on other lines. */
function afterUser(
  lineText: string,
): { readonly start: number; readonly end: number; readonly user: string } | undefined {
  const limit = commentStart(lineText);
  const user = firstToken(lineText, 0, limit);
  if (!user || !isUserReference(user.text)) return undefined;
  const start = nextWordStart(lineText, user.end, limit);
  return { start: start < 0 ? limit : start, end: start < 0 ? limit : lastWordEnd(lineText, limit), user: user.text };
}

/** The state of a number of the inventory, in words. */
function statusWord(n: TenantNumber, users: TenantNumbersReader['users'], t: Translate): string {
  if (n.assignmentStatus === 'unassigned') return t('free');
  const id = n.assignmentTargetId;
  const unread = n.assignmentStatus === 'userAssigned' && id && !users.has(id.toLowerCase());
  // An object id as code; a UPN or a service in words.
  return t('assigned to {0}', unread ? markdownCode(id) : markdownText(holderOf(n, users, t)));
}

/** One line of facts about a number of the inventory: type · city, country · status. */
function numberFacts(n: TenantNumber, users: TenantNumbersReader['users'], t: Translate, locale?: string): string {
  const where = [
    n.city ? markdownText(n.city) : undefined,
    n.isoCountryCode ? countryLabel(n.isoCountryCode, locale) : undefined,
  ]
    .filter((x) => x !== undefined)
    .join(', ');
  return [markdownText(numberTypeWord(n.numberType, t)), where, statusWord(n, users, t)].filter((x) => x).join(' · ');
}

const countryLabel = (code: string, locale?: string): string => markdownText(countryName(code.toUpperCase(), locale));

/**
 * Hover on a user line's telephone number (its canonical form; signed in, its type, city, country and who holds
 * it), on `no-number`, and on a `number-location` line. Tenant text is escaped: it is Markdown.
 */
export function numberHoverAt(
  lineText: string,
  character: number,
  numbers: TenantNumbersReader | undefined,
  t: Translate = english,
  locale?: string,
): NumberHover | undefined {
  const limit = commentStart(lineText);
  if (character >= limit) return undefined;
  const first = firstToken(lineText, 0, limit);
  if (first && first.text.toLowerCase() === 'number-location' && character >= first.start) {
    const id = nextWordStart(lineText, first.end, limit);
    return {
      markdown: [
        '**number-location**',
        '',
        t(
          "The emergency location (Teams locationId) given to the telephone numbers of this block's users: an emergency address with its place, created beforehand in the Teams admin center (Get-CsOnlineLisLocation lists their ids). Microsoft requires one when a Calling Plan number is assigned in the United States and Canada.",
        ),
      ].join('\n'),
      start: first.start,
      end: id < 0 ? first.end : lastWordEnd(lineText, limit),
    };
  }
  const rest = afterUser(lineText);
  if (!rest || rest.start >= rest.end || character < rest.start || character > rest.end) return undefined;
  const written = lineText.slice(rest.start, rest.end);
  if (written.toLowerCase() === 'no-number')
    return {
      markdown: [
        '**no-number**',
        '',
        t(
          'Takes away every telephone number {0} holds in Teams (the preview lists them). A line without a number leaves numbers alone.',
          markdownCode(rest.user),
        ),
      ].join('\n'),
      start: rest.start,
      end: rest.end,
    };
  const parsed = parsePhoneNumber(written, t);
  if (!parsed.ok) return undefined;
  const lines = [`**${markdownCode(parsed.number.canonical)}**`, ''];
  const state = numbers?.state;
  if (state?.kind === 'loaded') {
    const found = state.numbers.find(parsed.number.canonical);
    lines.push(
      found
        ? numberFacts(found, numbers!.users, t, locale)
        : t(
            "Not one of this tenant's telephone numbers: a Direct Routing number in a pstn on-premises block, an error elsewhere.",
          ),
    );
  } else if (state?.kind === 'unreadable') {
    lines.push(t("The tenant's telephone numbers could not be read: its type and holder are unknown."));
  } else {
    lines.push(t('Sign in to see its type, city and holder from the tenant.'));
  }
  return { markdown: lines.join('\n'), start: rest.start, end: rest.end };
}

/**
 * Completions after a user, as the admin types a number: `no-number`, and, signed in, the tenant's free numbers
 * that users can take whose digits start with the digits typed (`+1 425`), with city and type. Undefined on
 * other lines, and once the text after the user is something else.
 */
export function numberCompletionList(
  lineText: string,
  character: number,
  numbers: TenantNumbersReader | undefined,
  t: Translate = english,
  locale?: string,
): NumberCompletionList | undefined {
  const rest = afterUser(lineText);
  if (!rest) return undefined;
  const userEnd = lineText.indexOf(rest.user) + rest.user.length;
  if (character <= userEnd || character > commentStart(lineText)) return undefined;
  const from = Math.min(rest.start, character);
  const typed = lineText.slice(from, character);
  const noNumber = 'no-number'.startsWith(typed.toLowerCase());
  if (!noNumber && !/^\+?[\d().\- ]*$/.test(typed)) return undefined;
  const items: NumberCompletion[] = [];
  if (noNumber)
    items.push({
      label: 'no-number',
      kind: 'keyword',
      detail: t('takes away the numbers the user holds'),
      insertText: 'no-number',
    });
  const state = numbers?.state;
  if (state?.kind === 'loaded' && (typed === '' || typed.startsWith('+'))) {
    const digits = typed.replace(/\D/g, '');
    for (const [rank, n] of state.numbers.free(digits, FREE_NUMBERS_LISTED).entries()) {
      const where = [n.city, n.isoCountryCode ? countryName(n.isoCountryCode.toUpperCase(), locale) : undefined]
        .filter((x) => x)
        .join(', ');
      const detail = [where, numberTypeWord(n.numberType, t)].filter((x) => x).join(' · ');
      items.push({
        label: n.telephoneNumber,
        kind: 'value',
        detail,
        description: detail,
        documentation: numberFacts(n, numbers!.users, t, locale),
        insertText: n.telephoneNumber,
        sortText: String(rank).padStart(3, '0'),
        // Starts with the very text typed (spaces included), so the editor keeps every number offered.
        filterText: `${typed}${n.telephoneNumber}`,
      });
    }
  }
  return { items, isIncomplete: true, replace: { start: from, end: Math.max(character, rest.end) } };
}
