import { isGuid } from '../text/guid';
import type { TenantLine, Token } from './types';

/** The keyword of the file's tenant line, compared case-insensitively. */
const TENANT_KEYWORD = 'tenant';

export const isTenantKeyword = (word: string): boolean => word.length === 6 && word.toLowerCase() === TENANT_KEYWORD;

/** `tenant ID-OR-DOMAIN` as read from its words; where it stands in the file is the builder's to say. */
export function readTenantLine(line: number, keyword: Token, words: readonly Token[]): TenantLine {
  return { line, keyword, words, afterFirstBlock: false };
}

/**
 * What a tenant line names: a tenant id (a GUID), a domain name (`contoso.onmicrosoft.com`, two
 * labels or more of letters, digits and hyphens, none starting or ending with a hyphen), or neither.
 * These are the two forms a sign-in authority takes a tenant in (`login.microsoftonline.com/{tenant}`).
 */
export function tenantForm(text: string): 'id' | 'domain' | undefined {
  if (text.length === 36 && isGuid(text)) return 'id';
  if (text.length > 253) return undefined;
  const labels = text.split('.');
  if (labels.length < 2) return undefined;
  for (const label of labels)
    if (label.length === 0 || label.length > 63 || !/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(label))
      return undefined;
  // A top-level label of digits is an address, not a domain.
  return /^[0-9]+$/.test(labels[labels.length - 1]) ? undefined : 'domain';
}

/** The tenant a file is for, as the file writes it (lower-cased: ids and domains compare case-insensitively). */
export const tenantKey = (text: string): string => text.toLowerCase();
