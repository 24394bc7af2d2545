import { deferred, english, type Translate } from '../core/text/translate';
import { usageOf, type CommandSpec, type OptionSpec } from './arguments';

const json = (what: string): OptionSpec => ({ type: 'boolean', description: what });
const demo: OptionSpec = {
  type: 'boolean',
  description: deferred(
    'use the built-in demo tenant (an emulator of Microsoft Graph started in-process; no account needed)',
  ),
};
const assign: OptionSpec = {
  type: 'string',
  placeholder: 'SKU,..',
  repeatable: true,
  description: deferred(
    'for a plain list of users: the SKUs to assign (part numbers or skuIds, comma-separated or repeated)',
  ),
};
const remove: OptionSpec = {
  type: 'string',
  placeholder: 'SKU,..',
  repeatable: true,
  description: deferred('for a plain list of users: the SKUs to remove'),
};
const usageLocation: OptionSpec = {
  type: 'string',
  placeholder: 'CC',
  description: deferred(
    'for a plain list of users: the usage location (ISO 3166-1 alpha-2, such as FR) set on users that have none',
  ),
};
const deadline: OptionSpec = {
  type: 'string',
  placeholder: 'SECONDS',
  description: deferred(
    'how long one user may take, retries and throttling included, before it is recorded failed: 30 to 3600, default 300 (or LICENSES_USER_DEADLINE_SECONDS)',
  ),
};
const numberWait: OptionSpec = {
  type: 'string',
  placeholder: 'MINUTES',
  description: deferred(
    "how long to wait for Teams to see a user's new license before leaving the user's number pending: 0 to 1440, default 15 (or LICENSES_NUMBER_WAIT_MINUTES)",
  ),
};
const force: OptionSpec = {
  type: 'boolean',
  description: deferred('replace the output file if it exists (without it, an existing file is never overwritten)'),
};
const summaryOption = (what: string): OptionSpec => ({ type: 'boolean', description: what });
const usual = (ok: string, problems: string): Readonly<Record<0 | 1 | 2, string>> => ({
  0: ok,
  1: problems,
  2: deferred('a usage mistake, an unreadable file, or the tenant could not be reached'),
});

export const CHECK: CommandSpec = {
  name: 'check',
  operands: '<file.licenses>...',
  options: { json: json(deferred('one JSON object per finding instead of text')) },
  summary: deferred('validate .licenses files as the editor does (no tenant needed)'),
  examples: ['m365-licenses check sales.licenses', 'm365-licenses check *.licenses --json'],
  exits: usual(deferred('no error (warnings allowed)'), deferred('a file has an error')),
};

export const PLAN: CommandSpec = {
  name: 'plan',
  operands: '<file>...',
  options: {
    json: json(deferred('one JSON object per user and group, then a summary object, instead of text')),
    summary: summaryOption(
      deferred('the totals, the seats and the users that will not be written, without the changes'),
    ),
    demo,
    assign,
    remove,
    'usage-location': usageLocation,
    'redundant-direct': {
      type: 'string',
      placeholder: 'PATH',
      description: deferred(
        'write there a .licenses file that removes the direct copies a group of the file already gives',
      ),
    },
    deadline,
    force,
  },
  summary: deferred('show what apply would change, grouped as the preview is; writes nothing'),
  examples: [
    'm365-licenses plan sales.licenses',
    'm365-licenses plan users.txt --assign ENTERPRISEPACK,MCOEV --usage-location FR --demo',
    'm365-licenses plan sales.licenses --summary',
  ],
  exits: usual(
    deferred('the plan has no user that will not be written'),
    deferred('a user or group will not be written, or the run is blocked (seats, unknown SKU)'),
  ),
};

export const APPLY: CommandSpec = {
  name: 'apply',
  operands: '<file>...',
  options: {
    json: json(deferred('one JSON object per result, then a summary object, instead of text')),
    summary: summaryOption(deferred('no line per user: the counter, the totals and the recap of what was not done')),
    yes: { type: 'boolean', description: deferred('do not ask before writing (for scripts and CI)') },
    demo,
    journal: {
      type: 'string',
      placeholder: 'PATH',
      description: deferred('the results journal to write (appended to); by default a new one in the current folder'),
    },
    'retry-failed': {
      type: 'string',
      placeholder: 'JOURNAL',
      description: deferred('run again the failed, skipped and unanswered users of that journal (instead of files)'),
    },
    assign,
    remove,
    'usage-location': usageLocation,
    deadline,
    'number-wait': numberWait,
  },
  summary: deferred('write the licenses the files ask for, with a result for every user in a journal'),
  examples: [
    'm365-licenses apply sales.licenses',
    'm365-licenses apply samples/*.licenses --demo --yes',
    'm365-licenses apply users.txt --assign MCOEV,MCOPSTN1 --usage-location FR --yes',
    'm365-licenses apply --retry-failed licenses-results-20260101-sales-ab12.jsonl',
  ],
  exits: usual(
    deferred('every user changed or already as wanted'),
    deferred('a user failed or was skipped, the run was refused (seats, unknown SKU), or a group has members in error'),
  ),
};

export const SETUP: CommandSpec = {
  name: 'setup',
  operands: '',
  options: {
    json: json(deferred('the result as one JSON object')),
    'app-only': { type: 'boolean', description: deferred('add the application permissions unattended runs need') },
    github: {
      type: 'string',
      placeholder: 'OWNER/REPO[:ENVIRONMENT]',
      description: deferred("add a federated credential for that repository's workflows (no secret)"),
    },
    tenant: { type: 'string', placeholder: 'TENANT', description: deferred('the tenant to sign in to (id or domain)') },
    demo,
  },
  summary: deferred('create or repair the app registration, with exactly the permissions needed'),
  examples: [
    'm365-licenses setup --tenant contoso.onmicrosoft.com',
    'm365-licenses setup --app-only --github contoso/licenses:production',
  ],
  exits: usual(
    deferred('the app registration is ready'),
    deferred("created, but waiting for an administrator's consent, or failed"),
  ),
};

export const UNDO: CommandSpec = {
  name: 'undo',
  operands: '<journal.jsonl>',
  options: {
    output: {
      type: 'string',
      placeholder: 'FILE',
      description: deferred('where to write the .licenses file (default: <journal>.undo.licenses)'),
    },
    force,
    demo,
  },
  summary: deferred("write the .licenses file that puts back what a journal's run changed"),
  examples: [
    'm365-licenses undo licenses-results-20260101-sales-ab12.jsonl',
    'm365-licenses plan licenses-results-20260101-sales-ab12.undo.licenses',
  ],
  exits: usual(
    deferred('the file is written'),
    deferred('users changed since by someone else are left out (named in the file)'),
  ),
};

export const EXPORT: CommandSpec = {
  name: 'export',
  operands: '',
  options: {
    sku: {
      type: 'string',
      placeholder: 'SKU,..',
      repeatable: true,
      description: deferred('only the users holding these SKUs'),
    },
    users: { type: 'string', placeholder: 'FILE', description: deferred('only the users listed in that file') },
    tenant: {
      type: 'string',
      placeholder: 'ID-OR-DOMAIN',
      description: deferred('export that tenant (a customer of a partner), the file starting with its tenant line'),
    },
    output: { type: 'string', placeholder: 'FILE', description: deferred('write the file there instead of stdout') },
    force,
    demo,
  },
  summary: deferred('write the tenant as a .licenses file of exact blocks'),
  examples: ['m365-licenses export --output tenant.licenses', 'm365-licenses export --sku ENTERPRISEPACK --demo'],
  exits: usual(deferred('the file is written'), deferred('a user could not be read')),
};

export const REPORT: CommandSpec = {
  name: 'report',
  operands: '',
  options: {
    json: json(deferred('the report as JSON')),
    csv: json(deferred('the report as CSV')),
    markdown: json(deferred('the report as Markdown (the default)')),
    days: {
      type: 'string',
      placeholder: 'N',
      description: deferred('days without sign-in that make a user inactive (90)'),
    },
    reclaim: {
      type: 'string',
      placeholder: 'redundant|disabled|inactive',
      description: deferred('print instead the .licenses file that removes those licenses, to plan and apply'),
    },
    tenant: {
      type: 'string',
      placeholder: 'ID-OR-DOMAIN',
      description: deferred('report on that tenant (a customer of a partner) instead of the configured one'),
    },
    'all-tenants': {
      type: 'boolean',
      description: deferred(
        'one table of seats and reclaim per customer tenant of the partner’s active GDAP relationships',
      ),
    },
    output: { type: 'string', placeholder: 'FILE', description: deferred('write there instead of stdout') },
    force,
    demo,
  },
  summary: deferred('seats per SKU and licenses to reclaim; reads only'),
  examples: [
    'm365-licenses report --markdown --output licenses.md',
    'm365-licenses report --reclaim inactive --days 60',
  ],
  exits: usual(deferred('the report is written'), deferred('the report is incomplete (a read failed)')),
};

export const REPROCESS: CommandSpec = {
  name: 'reprocess',
  operands: '<journal.jsonl>',
  options: {
    json: json(deferred('one JSON object per member, then a summary object')),
    yes: { type: 'boolean', description: deferred('do not ask before reprocessing') },
    demo,
    deadline,
  },
  summary: deferred('ask Graph to reprocess the group licenses of the members a journal recorded in error'),
  examples: ['m365-licenses reprocess licenses-results-20260101-voice-ab12.jsonl'],
  exits: usual(deferred('every member is licensed now'), deferred('members are still in error')),
};

export const STATUS: CommandSpec = {
  name: 'status',
  operands: '<journal.jsonl>',
  options: {
    json: json(deferred('one JSON object per group, then a summary object')),
    demo,
    wait: {
      type: 'string',
      placeholder: 'SECONDS',
      description: deferred('how long to follow the groups still processing (600 by default)'),
    },
    deadline,
  },
  summary: deferred('follow the groups a journal left still processing, and name their members in error'),
  examples: ['m365-licenses status licenses-results-20260101-groups-ab12.jsonl --wait 1800'],
  exits: usual(
    deferred('every group is done, no member in error'),
    deferred('groups still processing or members in error'),
  ),
};

export const TENANTS: CommandSpec = {
  name: 'tenants',
  operands: '',
  options: {
    json: json(deferred('one JSON object per customer tenant, then a summary object')),
    all: {
      type: 'boolean',
      description: deferred('also list customers whose relationships all ended (expired or terminated)'),
    },
    demo,
  },
  summary: deferred(
    "a partner's customer tenants from its GDAP relationships: roles, end date, auto-extend, and what to fix",
  ),
  examples: ['m365-licenses tenants', 'm365-licenses tenants --all --json'],
  exits: usual(
    deferred('every customer tenant is ready for licensing'),
    deferred('a customer tenant lacks a role, ends within 30 days or has expired'),
  ),
};

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  CHECK,
  PLAN,
  APPLY,
  REPROCESS,
  STATUS,
  SETUP,
  UNDO,
  EXPORT,
  REPORT,
  TENANTS,
];

/**
 * `usage: m365-licenses <command> ...`, printed after an argument error and for `--help`, in `t`'s
 * language. The synopsis itself (commands, options, placeholders) is what is typed: it stays as is.
 */
export const commandUsage = (spec: CommandSpec, t: Translate = english): string => t('usage: {0}', usageOf(spec));

/** `m365-licenses <command> --help`: the synopsis, every option described, examples and exit codes. */
export function commandHelp(spec: CommandSpec, t: Translate = english): string {
  const names = Object.entries(spec.options).map(([name, o]) => [
    o.type === 'string' ? `--${name} ${o.placeholder ?? 'VALUE'}` : `--${name}`,
    o.description ? t(o.description) : '',
  ]);
  names.push(['--help, -h', t('print this help')]);
  const width = Math.max(...names.map(([n]) => n.length));
  return [
    commandUsage(spec, t),
    ...(spec.summary ? ['', t(spec.summary)] : []),
    '',
    t('Options:'),
    ...names.map(([n, what]) => `  ${n.padEnd(width)}  ${what}`),
    ...(spec.examples?.length ? ['', t('Examples:'), ...spec.examples.map((e) => `  ${e}`)] : []),
    ...(spec.exits
      ? ['', t('Exit codes:'), ...([0, 1, 2] as const).map((code) => `  ${code}  ${t(spec.exits![code])}`)]
      : []),
  ].join('\n');
}

/** What `m365-licenses --help` prints: one line per command, then what the tenant is, and the exit codes. */
export function usage(t: Translate = english): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    t('m365-licenses: validate .licenses files and assign Microsoft 365 licenses through Microsoft Graph'),
    '',
    t('usage: {0}', 'm365-licenses <command> [options]   (m365-licenses <command> --help)'),
    '',
    t('Commands:'),
    ...COMMANDS.map((spec) => `  ${spec.name.padEnd(width)}  ${spec.summary ? t(spec.summary) : ''}`),
    '',
    t(
      'Tenant: --demo (or nothing configured) uses the built-in demo tenant; LICENSES_GRAPH_URL + LICENSES_ACCESS_TOKEN',
    ),
    t(
      'point at another Graph endpoint; AZURE_TENANT_ID + AZURE_CLIENT_ID + AZURE_CLIENT_SECRET | AZURE_CLIENT_CERTIFICATE_PATH sign in app-only',
    ),
    t("(or AZURE_FEDERATED_TOKEN_FILE, or GitHub Actions' OIDC token, instead of a secret: docs/ci.md)."),
    '',
    t('Exit codes: 0 done, 1 a problem in a file or a user not done, 2 a usage, file or connection error.'),
    t('{0} prints the version.', '--version'),
  ].join('\n');
}
