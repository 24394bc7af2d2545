import { defineRules } from '../rule';

/** The file's `tenant ID-OR-DOMAIN` line (tenant-line-rules.ts). */
export const TENANT_LINE_RULES = defineRules({
  'invalid-tenant': {
    severity: 'error',
    summary: 'A `tenant` line without a tenant id or domain, with more than one, or with one that is neither.',
    messages: {
      missing: 'tenant needs a tenant id or domain, such as contoso.onmicrosoft.com.',
      several: 'tenant takes one tenant id or domain: a file is for one tenant.',
      notATenant: '"{0}" is neither a tenant id (a GUID) nor a domain name (such as contoso.onmicrosoft.com).',
    },
    fixes: [],
  },
  'tenant-repeated': {
    severity: 'error',
    summary: 'A second `tenant` line: a file is for one tenant (write a file per tenant).',
    messages: {
      same: 'The tenant is named already on line {0}: delete this line.',
      other: 'A file is for one tenant, named on line {0}: write a file per tenant.',
    },
    fixes: ['delete-line'],
    fixTitles: { 'delete-line': 'Delete this tenant line' },
  },
  'tenant-after-block': {
    severity: 'error',
    summary: 'A `tenant` line after a directive, user or group line: it names the whole file, so it comes first.',
    messages: {
      default:
        'The tenant line names the tenant of the whole file: put it before the first directive, user or group line.',
    },
    fixes: [],
  },
  'tenant-unreachable': {
    severity: 'error',
    summary:
      'Signed in: the tenant the `tenant` line names cannot be reached by the session (no GDAP relationship, relationship ended, no licensing role, the app not consented, no such tenant).',
    messages: {
      default: '{0} Preview and Apply refuse this file until it can be reached.',
    },
    fixes: [],
  },
  'tenant-not-checked': {
    severity: 'information',
    summary:
      "Signed in: the tenant the `tenant` line names is not the signed-in one, and reaching it needs a sign-in, which opening a file never asks for: the file is checked against that tenant's licenses, groups and numbers once a Preview or Apply signed in to it.",
    messages: {
      default:
        'Not checked against {0} yet: Preview signs in to it, then this file is checked against its licenses, groups and telephone numbers.',
    },
    fixes: [],
  },
});
