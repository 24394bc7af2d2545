import { defineRules } from '../rule';

/** Signed in: the tenant's subscriptions and groups (tenant-rules.ts, group-tenant-rules.ts). */
export const TENANT_RULES = defineRules({
  'sku-not-in-tenant': {
    severity: 'error',
    summary: 'Signed in: a SKU the tenant has no subscription for.',
    fixes: [],
  },
  'not-enough-seats': {
    severity: 'warning',
    summary:
      'Signed in: more users are assigned a SKU in this file than the tenant has seats left ("needs 40, 12 left").',
    fixes: [],
  },
  'seats-may-run-short': {
    severity: 'information',
    summary:
      'Signed in: more users are assigned a SKU than seats are left, but no more than the subscription has: ' +
      'users who already hold it need no new seat, so only the preview can tell.',
    fixes: [],
  },
  'group-not-found': {
    severity: 'error',
    summary: 'Signed in: no group of the tenant has this display name or object id.',
    fixes: ['replace'],
  },
  'group-ambiguous': {
    severity: 'error',
    summary: 'Signed in: several groups have this display name (write the object id of the one you mean).',
    fixes: ['replace'],
  },
  'group-not-security': {
    severity: 'error',
    summary:
      'Signed in: a group that is not security-enabled (a Microsoft 365 group without security, a distribution list) cannot be licensed.',
    fixes: [],
  },
});
