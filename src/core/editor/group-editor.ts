import { fileLine, markdownCode, markdownText } from '../text/tenant-text';
import { isGroupKeyword } from '../format/group-line';
import { commentStart, firstToken } from '../format/line-scanner';
import type { Catalog } from '../catalog/catalog';
import { quoteIfNeeded } from '../rules/group-tenant-rules';
import type { TenantGroup, TenantGroups } from '../tenant/tenant-groups';
import type { TenantSkus } from '../tenant/tenant-skus';
import { english, plural, type Translate } from '../text/translate';

/** Shaped as completion.ts's Completion and CompletionList, and hover.ts's HoverResult (they import this file). */
interface GroupCompletion {
  readonly label: string;
  readonly kind: 'value';
  readonly detail?: string;
  readonly description?: string;
  readonly documentation?: string;
  readonly insertText?: string;
  readonly filterText?: string;
}
export interface GroupCompletionList {
  readonly items: GroupCompletion[];
  readonly isIncomplete: boolean;
  readonly replace?: { readonly start: number; readonly end: number };
}
export interface GroupHover {
  readonly markdown: string;
  readonly start: number;
  readonly end: number;
}

/** `group ` then the cursor: the rest of a group line is one name, spaces included. */
function groupLineAt(lineText: string, character: number): { keywordEnd: number; nameStart: number } | undefined {
  const first = firstToken(lineText);
  if (!first || !isGroupKeyword(first.text) || character <= first.end) return undefined;
  let nameStart = first.end;
  while (nameStart < lineText.length && /\s/.test(lineText[nameStart])) nameStart++;
  return { keywordEnd: first.end, nameStart };
}

/**
 * Where the name written from `nameStart` ends: after its closing quote, else before the comment and trailing spaces.
 */
function nameEnd(lineText: string, nameStart: number): number {
  if (lineText[nameStart] === '"') {
    const close = lineText.indexOf('"', nameStart + 1);
    if (close > 0) return close + 1;
  }
  return nameStart + lineText.slice(nameStart, commentStart(lineText)).trimEnd().length;
}

const skuNames = (g: TenantGroup, skus?: TenantSkus, catalog?: Catalog) =>
  g.assignedLicenses.map(
    (l) => skus?.byIdOrUndefined(l.skuId)?.partNumber ?? catalog?.skuById(l.skuId)?.partNumber ?? l.skuId,
  );

/**
 * After `group `: the tenant's security groups (the only ones that can be licensed), by display
 * name, with their member count when read and the licenses they give. Undefined when the cursor
 * is not on a group line; an empty list when signed out.
 */
export function groupCompletionList(
  lineText: string,
  character: number,
  groups: TenantGroups | undefined,
  skus?: TenantSkus,
  catalog?: Catalog,
  t: Translate = english,
): GroupCompletionList | undefined {
  const at = groupLineAt(lineText, character);
  if (!at) return undefined;
  if (!groups || character < at.nameStart) return { items: [], isIncomplete: false };
  const end = nameEnd(lineText, at.nameStart);
  const items = groups.all
    .filter((g) => g.securityEnabled)
    .map((g): GroupCompletion => {
      const licenses = skuNames(g, skus, catalog);
      const members =
        g.memberCount !== undefined ? plural(t, g.memberCount, '{0} member', '{0} members') : t('security group');
      const detail = licenses.length ? `${members} · ${licenses.join(', ')}` : members;
      return {
        label: fileLine(g.displayName),
        kind: 'value',
        detail,
        description: detail,
        // One line: a name holding a line break cannot insert a directive into the file.
        insertText: quoteIfNeeded(fileLine(g.displayName)),
        filterText: fileLine(g.displayName),
        documentation: groupMarkdown(g, skus, catalog, t),
      };
    });
  return { items, isIncomplete: false, replace: { start: at.nameStart, end: Math.max(character, end) } };
}

/** Markdown for one group: kind, licenses, processing state, and that nested groups get nothing. */
function groupMarkdown(g: TenantGroup, skus?: TenantSkus, catalog?: Catalog, t: Translate = english): string {
  const kind =
    g.kind === 'security'
      ? t('Security group')
      : g.kind === 'microsoft-365'
        ? g.securityEnabled
          ? t('Microsoft 365 group (security enabled)')
          : t('Microsoft 365 group without security: cannot be licensed')
        : t('Distribution list: cannot be licensed');
  const members =
    g.memberCount !== undefined ? ` · ${plural(t, g.memberCount, '{0} direct member', '{0} direct members')}` : '';
  // Tenant text is escaped: a group name never becomes a link, an image, a heading or HTML.
  const lines = [`**${markdownText(g.displayName)}**`, '', `${kind} · id ${markdownCode(g.id)}${members}`];
  const licenses = skuNames(g, skus, catalog);
  lines.push(
    '',
    licenses.length ? t('Licenses it gives: {0}', licenses.map(markdownCode).join(', ')) : t('Gives no license yet.'),
  );
  if (g.processingState) lines.push('', t('Processing: {0}', markdownText(g.processingState)));
  lines.push('', t('Licenses reach direct members only: members of a nested group get nothing from this group.'));
  return lines.join('\n');
}

/** Hover on the name of a `group` line: what the tenant says of that group. */
export function groupHoverAt(
  lineText: string,
  character: number,
  groups: TenantGroups | undefined,
  skus?: TenantSkus,
  catalog?: Catalog,
  t: Translate = english,
): GroupHover | undefined {
  const at = groupLineAt(lineText, character);
  if (!at || !groups) return undefined;
  const raw = lineText.slice(at.nameStart, nameEnd(lineText, at.nameStart));
  if (!raw || character > at.nameStart + raw.length) return undefined;
  const name = raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1) : raw;
  const found = groups.lookUp(name);
  if (found.kind === 'found')
    return {
      markdown: groupMarkdown(found.group, skus, catalog, t),
      start: at.nameStart,
      end: at.nameStart + raw.length,
    };
  if (found.kind === 'ambiguous') {
    return {
      markdown: [
        `**${found.groups.length} groups are named "${markdownText(name)}"**`,
        '',
        ...found.groups.map((g) => `- ${markdownCode(g.id)}`),
      ].join('\n'),
      start: at.nameStart,
      end: at.nameStart + raw.length,
    };
  }
  return undefined;
}
