import { english, type Translate } from '../core/text/translate';
import { usageOf, type CommandSpec } from './arguments';

const skuList = { type: 'string', placeholder: 'SKU,..', repeatable: true } as const;

export const CHECK: CommandSpec = {
  name: 'check',
  operands: '<file.licenses>...',
  options: { json: { type: 'boolean' } },
};

export const PLAN: CommandSpec = {
  name: 'plan',
  operands: '<file>...',
  options: {
    json: { type: 'boolean' },
    demo: { type: 'boolean' },
    assign: skuList,
    remove: skuList,
    'redundant-direct': { type: 'string', placeholder: 'PATH' },
    force: { type: 'boolean' },
  },
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

export const SETUP: CommandSpec = {
  name: 'setup',
  operands: '',
  options: {
    json: { type: 'boolean' },
    'app-only': { type: 'boolean' },
    github: { type: 'string', placeholder: 'OWNER/REPO[:ENVIRONMENT]' },
    tenant: { type: 'string', placeholder: 'TENANT' },
    demo: { type: 'boolean' },
  },
};

export const UNDO: CommandSpec = {
  name: 'undo',
  operands: '<journal.jsonl>',
  options: { output: { type: 'string', placeholder: 'FILE' }, force: { type: 'boolean' }, demo: { type: 'boolean' } },
};

export const EXPORT: CommandSpec = {
  name: 'export',
  operands: '',
  options: {
    sku: skuList,
    users: { type: 'string', placeholder: 'FILE' },
    output: { type: 'string', placeholder: 'FILE' },
    force: { type: 'boolean' },
    demo: { type: 'boolean' },
  },
};

export const REPORT: CommandSpec = {
  name: 'report',
  operands: '',
  options: {
    json: { type: 'boolean' },
    csv: { type: 'boolean' },
    markdown: { type: 'boolean' },
    days: { type: 'string', placeholder: 'N' },
    reclaim: { type: 'string', placeholder: 'redundant|disabled|inactive' },
    output: { type: 'string', placeholder: 'FILE' },
    force: { type: 'boolean' },
    demo: { type: 'boolean' },
  },
};

export const REPROCESS: CommandSpec = {
  name: 'reprocess',
  operands: '<journal.jsonl>',
  options: { json: { type: 'boolean' }, yes: { type: 'boolean' }, demo: { type: 'boolean' } },
};

/**
 * `usage: m365-licenses <command> ...`, printed after an argument error and for `--help`, in `t`'s
 * language. The synopsis itself (commands, options, placeholders) is what is typed: it stays as is.
 */
export const commandUsage = (spec: CommandSpec, t: Translate = english): string => t('usage: {0}', usageOf(spec));

/** What `m365-licenses --help` prints: every command's synopsis, then what the tenant and the commands are. */
export function usage(t: Translate = english): string {
  return [
    t('m365-licenses: validate .licenses files and assign Microsoft 365 licenses through Microsoft Graph'),
    '',
    ...[CHECK, PLAN, APPLY, REPROCESS, SETUP, UNDO, EXPORT, REPORT].map((spec) => `  ${usageOf(spec)}`),
    '',
    t(
      'Tenant: --demo (or nothing configured) uses the built-in demo tenant; LICENSES_GRAPH_URL + LICENSES_ACCESS_TOKEN',
    ),
    t(
      'point at another Graph endpoint; AZURE_TENANT_ID + AZURE_CLIENT_ID + AZURE_CLIENT_SECRET | AZURE_CLIENT_CERTIFICATE_PATH sign in app-only',
    ),
    t("(or AZURE_FEDERATED_TOKEN_FILE, or GitHub Actions' OIDC token, instead of a secret: docs/ci.md)."),
    t(
      'setup: signs you in (device code) and creates the app registration; --app-only --github OWNER/REPO adds what CI needs.',
    ),
    t(
      "undo: writes the .licenses file (exact blocks) that puts back what a journal's runs changed; plan and apply it like any file.",
    ),
    t(
      'export: the tenant as a .licenses file (exact blocks); report: seats per SKU and licenses to reclaim (--reclaim KIND writes the removal file).',
    ),
    t(
      'reprocess: asks Graph to reprocess the group licenses of the members a journal recorded in error, once the cause is fixed.',
    ),
  ].join('\n');
}
