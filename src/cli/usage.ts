import { usageOf, type CommandSpec } from './arguments';

const skuList = { type: 'string', placeholder: 'SKU,..', repeatable: true } as const;

export const CHECK: CommandSpec = { name: 'check', operands: '<file.licenses>...', options: { json: { type: 'boolean' } } };

export const PLAN: CommandSpec = {
  name: 'plan',
  operands: '<file>...',
  options: { json: { type: 'boolean' }, demo: { type: 'boolean' }, assign: skuList, remove: skuList },
};

export const APPLY: CommandSpec = {
  name: 'apply',
  operands: '<file>...',
  options: {
    json: { type: 'boolean' },
    yes: { type: 'boolean' },
    demo: { type: 'boolean' },
    journal: { type: 'string', placeholder: 'PATH' },
    'retry-failed': { type: 'string', placeholder: 'JOURNAL' },
    assign: skuList,
    remove: skuList,
  },
};

/** `usage: m365-licenses <command> ...`, printed after an argument error. */
export const commandUsage = (spec: CommandSpec): string => `usage: ${usageOf(spec)}`;

export const USAGE = [
  'm365-licenses: validate .licenses files and assign Microsoft 365 licenses through Microsoft Graph',
  '',
  ...[CHECK, PLAN, APPLY].map((spec) => `  ${usageOf(spec)}`),
  '',
  'Tenant: --demo (or nothing configured) uses the built-in demo tenant; LICENSES_GRAPH_URL + LICENSES_ACCESS_TOKEN',
  'point at another Graph endpoint; AZURE_TENANT_ID + AZURE_CLIENT_ID + AZURE_CLIENT_SECRET | AZURE_CLIENT_CERTIFICATE_PATH sign in app-only.',
].join('\n');
