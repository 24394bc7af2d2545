import { defineRules } from '../rule';

/** Signed in: the tenant's subscriptions and groups (tenant-rules.ts, group-tenant-rules.ts). */
export const TENANT_RULES = defineRules({
  'sku-not-in-tenant': {
    severity: 'error',
    summary: 'Signed in: a SKU the tenant has no subscription for.',
    messages: {
      withProduct: 'Your tenant has no subscription for {0} ({1}).',
      default: 'Your tenant has no subscription for {0}.',
    },
    fixes: [],
  },
  'not-enough-seats': {
    severity: 'warning',
    summary:
      'Signed in: more users are assigned a SKU in this file than the tenant has seats left ("needs 40, 12 left").',
    messages: {
      inactive: '{0}: needs {1}, 0 left: the subscription is {2} and takes no new assignments.',
      overAssigned:
        '{0}: needs {1}, 0 left: {2} assigned of {3} seats, so {4} must be freed first (users who already hold it need no new seat; Preview Changes gives the exact count).',
      default:
        '{0}: needs {1}, {2} left (users who already hold it need no new seat; Preview Changes gives the exact count).',
    },
    fixes: [],
  },
  'seats-may-run-short': {
    severity: 'information',
    summary:
      'Signed in: more users are assigned a SKU than seats are left, but no more than the subscription has: ' +
      'users who already hold it need no new seat, so only the preview can tell.',
    messages: {
      default:
        '{0}: {1} users, {2} seats left: enough if at least {3} of them already hold it (they need no new seat); Preview Changes gives the exact count.',
    },
    fixes: [],
  },
  'group-not-found': {
    severity: 'error',
    summary: 'Signed in: no group of the tenant has this display name or object id.',
    messages: {
      withClosest: 'No group of this tenant is named or has the id {0}. Closest: {1}.',
      default: 'No group of this tenant is named or has the id {0}.',
    },
    fixes: ['replace'],
  },
  'group-ambiguous': {
    severity: 'error',
    summary: 'Signed in: several groups have this display name (write the object id of the one you mean).',
    messages: { default: '{0} groups are named {1}: {2}. Write the object id of the one you mean.' },
    fixes: ['replace'],
  },
  'group-not-security': {
    severity: 'error',
    summary:
      'Signed in: a group that is not security-enabled (a Microsoft 365 group without security, a distribution list) cannot be licensed.',
    messages: {
      default:
        '{0} is {1}: only security-enabled groups can be licensed. Use a security group, or enable security on the Microsoft 365 group.',
      microsoft365: 'a Microsoft 365 group without security enabled',
      distributionList: 'a distribution list',
    },
    fixes: [],
  },
});
