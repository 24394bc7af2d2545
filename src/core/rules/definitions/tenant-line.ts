import { defineRules } from '../rule';

/** The file's `tenant ID-OR-DOMAIN` line (tenant-line-rules.ts). */
export const TENANT_LINE_RULES = defineRules({
  'invalid-tenant': {
    severity: 'error',
    summary: 'A `tenant` line without a tenant id or domain, with more than one, or with one that is neither.',
    fixes: [],
  },
  'tenant-repeated': {
    severity: 'error',
    summary: 'A second `tenant` line: a file is for one tenant (write a file per tenant).',
    fixes: ['delete-line'],
  },
  'tenant-after-block': {
    severity: 'error',
    summary: 'A `tenant` line after a directive, user or group line: it names the whole file, so it comes first.',
    fixes: [],
  },
});
