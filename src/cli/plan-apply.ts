import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Catalog } from '../core/catalog/catalog';
import { parseLicensesFile } from '../core/format';
import { desiredUsers } from '../core/plan/desired-users';
import { validate } from '../core/rules';
import { fromAbortSignal } from '../core/graph/cancellation';
import { connectToGraph, type GraphConnection } from '../core/graph/connection';
import { tenantFromEnvironment } from '../core/graph/tenant-from-environment';
import { splitSkuList, withDefaultSkus } from '../core/plan/default-skus';
import type { DesiredUser } from '../core/plan/desired';
import { mergeDesiredUsers } from '../core/plan/merge-desired';
import type { RunPlan } from '../core/plan/plan-run';
import { applyPlan } from '../core/run/apply';
import { formatBlocker, formatPlanLine, formatResultLine, formatSummary, planJson, resultJson } from '../core/run/format-results';
import { JournalWriter, readJournal, usersToRetry } from '../core/run/journal';
import { planLicenses } from '../core/run/plan-licenses';
import { formatPlanTotals, planTotals } from '../core/run/plan-totals';
import { findingLine, readInputFile } from './files';
import { EXIT, type CliIo } from './io';

export const PLAN_USAGE = 'usage: m365-licenses plan <file>... [--json] [--demo] [--assign SKU,..] [--remove SKU,..]';
export const APPLY_USAGE =
  'usage: m365-licenses apply <file>... [--json] [--yes] [--demo] [--journal PATH] [--retry-failed JOURNAL] [--assign SKU,..] [--remove SKU,..]';

/** The CLI's streams, plus a question on stdin for the confirmation (absent: no terminal to ask on). */
export interface PlanApplyIo extends CliIo {
  prompt?(question: string): Promise<string | undefined>;
}

/** For tests and embedders: the environment to read the tenant from, and a cancellation signal. */
export interface PlanApplyOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
}

interface Args {
  files: string[];
  json: boolean;
  yes: boolean;
  demo: boolean;
  journal?: string;
  retryFailed?: string;
  assign: string[];
  remove: string[];
}

const VALUE_FLAGS = new Set(['--journal', '--retry-failed', '--assign', '--remove']);

function parseArgs(argv: readonly string[], allowed: ReadonlySet<string>): Args | string {
  const args: Args = { files: [], json: false, yes: false, demo: false, assign: [], remove: [] };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    if (!flag.startsWith('-')) {
      args.files.push(flag);
      continue;
    }
    if (!allowed.has(flag)) return `unknown option ${flag}`;
    if (VALUE_FLAGS.has(flag)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) return `${flag} needs a value`;
      if (flag === '--journal') args.journal = value;
      else if (flag === '--retry-failed') args.retryFailed = value;
      else if (flag === '--assign') args.assign.push(...splitSkuList(value));
      else args.remove.push(...splitSkuList(value));
    } else if (flag === '--json') args.json = true;
    else if (flag === '--yes') args.yes = true;
    else if (flag === '--demo') args.demo = true;
  }
  return args;
}

/**
 * Reads, validates and merges the files. A file with validation errors is refused (exit 1, like
 * `check`): its meaning is unclear. An unreadable file, or --assign/--remove given for a file that
 * has directives (they are for plain lists of users), is a usage error (exit 2).
 */
async function desiredFromFiles(files: readonly string[], io: CliIo, defaultsGiven: boolean): Promise<DesiredUser[] | { exit: number }> {
  const catalog = Catalog.builtIn();
  const lists: DesiredUser[][] = [];
  let exit: number = EXIT.ok;
  for (const file of files) {
    const text = await readInputFile(file, io);
    if (text === undefined) {
      exit = EXIT.usage;
      continue;
    }
    const parsed = parseLicensesFile(text);
    if (defaultsGiven && parsed.hasDirectives) {
      io.stderr(`${file}: --assign and --remove are for plain lists of users; this file has directives, so say it in the file.`);
      exit = EXIT.usage;
      continue;
    }
    for (const f of validate(parsed, catalog)) {
      if (f.severity === 'information') continue;
      io.stderr(findingLine(file, f));
      if (f.severity === 'error' && exit === EXIT.ok) exit = EXIT.problems;
    }
    lists.push(desiredUsers(parsed, catalog));
  }
  if (exit !== EXIT.ok) {
    if (exit === EXIT.problems) io.stderr('Nothing was done: fix the errors above first (`m365-licenses check` shows them too).');
    return { exit };
  }
  return mergeDesiredUsers(lists);
}

interface Tenant {
  readonly connection: GraphConnection;
  readonly demo: boolean;
  close(): Promise<void>;
}

/** Connects as the environment says; the demo tenant is started in-process. */
async function connect(args: Args, env: Readonly<Record<string, string | undefined>>, io: CliIo): Promise<Tenant | undefined> {
  const choice = tenantFromEnvironment(env, args.demo);
  try {
    switch (choice.kind) {
      case 'misconfigured':
        io.stderr(choice.message);
        return undefined;
      case 'demo': {
        const { startEmulator } = await import('../emulator');
        const emulator = await startEmulator();
        const connection = connectToGraph({ baseUrl: emulator.baseUrl, getAccessToken: async () => emulator.token, label: 'demo tenant (built-in emulator)' });
        return { connection, demo: true, close: () => emulator.close() };
      }
      case 'token': {
        const connection = connectToGraph({ baseUrl: choice.baseUrl, getAccessToken: async () => choice.token, label: new URL(choice.baseUrl).host });
        return { connection, demo: false, close: async () => undefined };
      }
      case 'app-only': {
        const { appOnlyTokenProvider } = await import('../core/graph/app-only-auth');
        const certificatePem = choice.certificatePath ? await readFile(choice.certificatePath, 'utf8') : undefined;
        const getAccessToken = await appOnlyTokenProvider({
          tenantId: choice.tenantId,
          clientId: choice.clientId,
          clientSecret: choice.clientSecret,
          certificatePem,
          authorityHost: choice.authorityHost,
          scope: `${new URL(choice.baseUrl).origin}/.default`,
        });
        const connection = connectToGraph({ baseUrl: choice.baseUrl, getAccessToken, label: `tenant ${choice.tenantId}` });
        return { connection, demo: false, close: async () => undefined };
      }
    }
  } catch (e) {
    io.stderr(`Cannot connect to the tenant: ${(e as Error).message}`);
    return undefined;
  }
}

interface Prepared {
  readonly tenant: Tenant;
  readonly plan: RunPlan;
  readonly files: readonly string[];
}

/** Shared by plan and apply: arguments → desired users → tenant → plan. A number is an exit code. */
async function prepare(args: Args, io: CliIo, options: PlanApplyOptions): Promise<Prepared | number> {
  let desired: DesiredUser[] | undefined;
  let files: readonly string[] = args.files;
  if (args.retryFailed) {
    if (args.files.length) {
      io.stderr('Give either files or --retry-failed JOURNAL, not both.');
      return EXIT.usage;
    }
    try {
      const journal = await readJournal(args.retryFailed);
      if (journal.headers.length === 0) {
        io.stderr(`${args.retryFailed}: not a results journal of m365-licenses.`);
        return EXIT.usage;
      }
      desired = usersToRetry(journal);
      files = journal.headers.at(-1)!.files;
      if (journal.damagedLines) io.stderr(`${args.retryFailed}: ${journal.damagedLines} unreadable line(s) skipped.`);
    } catch (e) {
      io.stderr(`${args.retryFailed}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return EXIT.usage;
    }
    if (desired.length === 0) {
      io.stdout('No failed, skipped or unanswered users in the journal: nothing to retry.');
      return EXIT.ok;
    }
  } else {
    if (args.files.length === 0) return EXIT.usage;
    const read = await desiredFromFiles(args.files, io, args.assign.length + args.remove.length > 0);
    if ('exit' in read) return read.exit;
    desired = read;
  }
  desired = withDefaultSkus(desired, { assign: args.assign, remove: args.remove });
  if (desired.length > 0 && desired.every((d) => d.assign.length === 0 && d.remove.length === 0 && !d.usageLocation)) {
    io.stderr('The file lists users but no licenses: a plain list of users needs --assign SKU,... and/or --remove SKU,...');
    return EXIT.usage;
  }

  const tenant = await connect(args, options.env ?? process.env, io);
  if (!tenant) return EXIT.usage;
  const cancellation = options.signal ? fromAbortSignal(options.signal) : undefined;
  const outcome = await planLicenses(tenant.connection, desired, cancellation);
  if (outcome.kind !== 'planned') {
    await tenant.close();
    if (outcome.kind === 'cancelled') {
      io.stderr('Cancelled while reading the tenant: nothing was written.');
      return EXIT.problems;
    }
    const e = outcome.error;
    io.stderr(`Cannot read ${tenant.connection.label}: [${e.code}] ${e.message}${e.hint ? ` — ${e.hint}` : ''}`);
    return EXIT.usage;
  }
  if (outcome.plan.blockers.length > 0) {
    await tenant.close();
    for (const b of outcome.plan.blockers) io.stderr(formatBlocker(b));
    io.stderr('Nothing was written.');
    if (args.json) io.stdout(JSON.stringify({ blockers: outcome.plan.blockers }));
    return EXIT.problems;
  }
  return { tenant, plan: outcome.plan, files };
}

/** `plan`: the dry run. Per user what would change; exit 1 when a user would fail or the run is blocked. */
export async function runPlanCommand(argv: readonly string[], io: PlanApplyIo, options: PlanApplyOptions = {}): Promise<number> {
  const args = parseArgs(argv, new Set(['--json', '--demo', '--assign', '--remove']));
  if (typeof args === 'string' || args.files.length === 0) {
    io.stderr(typeof args === 'string' ? args : 'no file given');
    io.stderr(PLAN_USAGE);
    return EXIT.usage;
  }
  const prepared = await prepare(args, io, options);
  if (typeof prepared === 'number') return prepared;
  const { tenant, plan } = prepared;
  try {
    for (const user of plan.users) io.stdout(args.json ? JSON.stringify(planJson(user)) : formatPlanLine(user));
    const totals = planTotals(plan);
    if (args.json) {
      const list = (m: ReadonlyMap<string, number>) => Object.fromEntries(m);
      io.stdout(JSON.stringify({ summary: { tenant: tenant.connection.label, users: plan.users.length, change: totals.change, unchanged: totals.unchanged, failing: totals.failing, adds: list(totals.adds), removes: list(totals.removes), disabledPlanChanges: list(totals.disabledPlanChanges), usageLocations: totals.usageLocations } }));
    } else {
      io.stdout(`${tenant.connection.label}: ${plan.users.length} users, ${formatPlanTotals(totals)}. Nothing was written.`);
    }
    return totals.failing > 0 ? EXIT.problems : EXIT.ok;
  } finally {
    await tenant.close();
  }
}

function defaultPrompt(): PlanApplyIo['prompt'] {
  if (!process.stdin.isTTY) return undefined;
  return (question) =>
    new Promise((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      rl.question(question, (answer) => {
        rl.close();
        resolve(answer);
      });
      rl.once('close', () => resolve(undefined));
    });
}

const timestamp = () => new Date().toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');

/**
 * `apply`: plans, asks (real tenants only, unless `--yes`), writes, and prints one line per user as
 * Graph answers, then a summary. Ctrl-C cancels: what is in flight finishes, the rest is skipped.
 */
export async function runApplyCommand(argv: readonly string[], io: PlanApplyIo, options: PlanApplyOptions = {}): Promise<number> {
  const args = parseArgs(argv, new Set(['--json', '--yes', '--demo', '--journal', '--retry-failed', '--assign', '--remove']));
  if (typeof args === 'string' || (args.files.length === 0 && !args.retryFailed)) {
    io.stderr(typeof args === 'string' ? args : 'no file given');
    io.stderr(APPLY_USAGE);
    return EXIT.usage;
  }
  const prepared = await prepare(args, io, options);
  if (typeof prepared === 'number') return prepared;
  const { tenant, plan, files } = prepared;
  const controller = new AbortController();
  options.signal?.addEventListener('abort', () => controller.abort(), { once: true });
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    io.stderr('Cancelling: requests in flight finish, nothing new starts (Ctrl-C again to quit at once).');
    controller.abort();
  };
  let journal: JournalWriter | undefined;
  try {
    const totals = planTotals(plan);
    if (!tenant.demo && !args.yes && totals.change > 0) {
      const prompt = io.prompt ?? defaultPrompt();
      if (!prompt) {
        io.stderr(`About to write to ${tenant.connection.label}: ${formatPlanTotals(totals)}. Pass --yes to confirm without a terminal.`);
        return EXIT.usage;
      }
      const answer = await prompt(`${tenant.connection.label}: ${plan.users.length} users, ${formatPlanTotals(totals)}.\nApply these changes? [y/N] `);
      if (!/^y(es)?$/i.test(answer?.trim() ?? '')) {
        io.stderr('Not applied: nothing was written.');
        return EXIT.ok;
      }
    }
    const journalPath = args.journal ?? `./licenses-results-${timestamp()}.jsonl`;
    try {
      journal = await JournalWriter.open(journalPath, { files, tenant: tenant.connection.label, startedAt: new Date().toISOString() });
    } catch (e) {
      io.stderr(`${journalPath}: cannot write the journal: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return EXIT.usage;
    }
    io.stderr(`Results journal: ${journalPath}`);
    process.on('SIGINT', onSigint);
    const report = await applyPlan(tenant.connection, plan, {
      cancellation: fromAbortSignal(controller.signal),
      sink: journal,
      onResult: (r) => io.stdout(args.json ? JSON.stringify(resultJson(r)) : formatResultLine(r)),
    });
    const s = report.summary;
    if (args.json) io.stdout(JSON.stringify({ summary: { tenant: tenant.connection.label, journal: journalPath, ...s } }));
    else io.stdout(`${tenant.connection.label}: ${formatSummary(s)}`);
    if (report.journalError) io.stderr(`The journal could not be written (${report.journalError}): the run stopped early.`);
    if (s.failed > 0 || s.skipped > 0) io.stderr(`To retry the failed and skipped users: m365-licenses apply --retry-failed ${journalPath}`);
    return s.failed > 0 || s.skipped > 0 || report.journalError ? EXIT.problems : EXIT.ok;
  } finally {
    process.off('SIGINT', onSigint);
    await journal?.close().catch(() => undefined);
    await tenant.close();
  }
}
