import * as path from 'node:path';
import { oneLineText } from '../core/text/tenant-text';
import { redundantDirectCopies, removeDirectCopiesFile } from '../core/report/redundant-direct';
import { fromAbortSignal } from '../core/graph/cancellation';
import { splitSkuList, withDefaultSkus } from '../core/desired/default-skus';
import type { DesiredUser } from '../core/desired/desired';
import type { DesiredGroup } from '../core/desired/desired-groups';
import {
  formatGroupPlanLine,
  formatGroupResultLine,
  formatGroupSummary,
  formatMemberErrorLine,
  groupPlanJson,
} from '../core/results/group-result';
import type { RunPlan } from '../core/plan/whole-plan';
import {
  formatBlocker,
  formatPlanLine,
  formatResultLine,
  formatSummary,
  planJson,
  resultJson,
} from '../core/report/format-results';
import { tenantMismatch } from '../core/journal/journal';
import { planLicenses } from '../core/run/read-and-plan';
import { planAsRead } from '../core/run/plan-as-read';
import { formatPlanTotals, planTotals, type PlanTotals } from '../core/plan/totals';
import { retryFromJournal } from '../core/journal/retry-journal';
import { retryableCount } from '../core/results/retry-advice';
import { runLicenses, type RunOutcome, type RunRequest } from '../core/run/run-licenses';
import type { UserResult } from '../core/results/user-result';
import { parseArguments, type CommandSpec } from './arguments';
import { desiredFromFiles } from './desired-from-files';
import { writeOutputFile } from './files';
import { EXIT, translatorOf, type CliIo } from './io';
import { plural } from '../core/text/translate';
import { terminalPrompt } from './prompt';
import { connectTenant, journalTarget, type CliTenant, type TenantCommandOptions, type TenantTarget } from './tenant';
import { APPLY, commandHelp, commandUsage, PLAN } from './usage';
import { confirmationLines } from '../core/report/confirmation';
import { previewView } from '../core/report/preview-view';
import { stripLegacyPrefix } from '../core/catalog/catalog';
import type { Loaded } from '../core/reads/tenant-reads';
import { loadTenantSkus, type TenantSkus } from '../core/tenant/tenant-skus';
import { optionSkuProblems, usageLocationOption } from './option-words';
import { planViewLines } from './display/plan-view';
import { ProgressLine, type LiveIo } from './display/progress';
import { failedTitle, failureCauses, memberErrorCauses, recapLines } from './display/recap';
import { refusedRunLines } from '../core/report/preview';
import { formatNumberResultLine, formatNumberTotals, numbersToResume } from '../core/report/number-words';
import { numberWaitMinutes } from './deadline';

/**
 * The CLI's streams, plus a question on stdin for the confirmation (absent: no terminal to ask on),
 * and the terminal line of the live counter (absent: piped, plain lines only).
 */
export interface PlanApplyIo extends CliIo, LiveIo {
  prompt?(question: string): Promise<string | undefined>;
}

/**
 * For tests and embedders: the environment, a cancellation signal and a clock (tenant.ts), where run locks go, what
 * writes the journal (a test's file system that runs out of space).
 */
export interface PlanApplyOptions extends TenantCommandOptions {
  readonly lockFolder?: string;
  readonly journalWriter?: RunRequest['journalWriter'];
  /** A run over several tenants: the tenant of these files, and the pacer of the application's quota. */
  readonly target?: TenantTarget;
  /**
   * A run over several tenants asks once for all of them: this tenant's plan goes to that one
   * question instead of a prompt of its own. Absent: apply asks (or --yes).
   */
  readonly confirm?: (plan: RunPlan, totals: PlanTotals) => Promise<boolean>;
  /**
   * How to reach a tenant, in place of the environment (connectTenant): an embedder's sign-in, or in
   * tests one emulator per tenant. Undefined: it said why on the io it was given.
   */
  readonly connect?: (target: TenantTarget | undefined, io: CliIo) => Promise<CliTenant | undefined>;
}

export interface Args {
  readonly files: readonly string[];
  readonly json: boolean;
  /** Totals and the recap only, no line per user. */
  readonly summary: boolean;
  readonly yes: boolean;
  readonly demo: boolean;
  readonly journal?: string;
  readonly retryFailed?: string;
  readonly assign: readonly string[];
  readonly remove: readonly string[];
  /** For a plain list: the usage location set on users that have none. */
  readonly usageLocation?: string;
  /** plan: where to write the file removing redundant direct copies. */
  readonly redundantDirect?: string;
  /** `--deadline SECONDS` as typed (checked by connectTenant). */
  readonly deadline?: string;
  /** apply: `--number-wait MINUTES` as typed (checked before connecting). */
  readonly numberWait?: string;
  /** plan: `--redundant-direct` may replace an existing file. */
  readonly force?: boolean;
}

/** Parsed arguments, or the exit code after saying what is wrong (or printing the usage for --help). */
export function readArgs(spec: CommandSpec, argv: readonly string[], io: CliIo): Args | number {
  const parsed = parseArguments(spec, argv, translatorOf(io));
  if (parsed.kind === 'help') {
    io.stdout(commandHelp(spec, translatorOf(io)));
    return EXIT.ok;
  }
  const retryFailed = parsed.kind === 'parsed' ? parsed.values.get('retry-failed')?.[0] : undefined;
  const location = parsed.kind === 'parsed' ? parsed.values.get('usage-location')?.[0] : undefined;
  const usageLocation = location === undefined ? undefined : usageLocationOption(location, translatorOf(io));
  const problem =
    parsed.kind === 'error'
      ? parsed.message
      : usageLocation && !usageLocation.ok
        ? usageLocation.message
        : retryFailed && parsed.positionals.length
          ? translatorOf(io)('give either files or --retry-failed JOURNAL, not both')
          : !retryFailed && parsed.positionals.length === 0
            ? translatorOf(io)('no file given')
            : undefined;
  if (problem || parsed.kind !== 'parsed') {
    io.stderr(problem ?? translatorOf(io)('no file given'));
    io.stderr(commandUsage(spec, translatorOf(io)));
    return EXIT.usage;
  }
  const skus = (name: string) => (parsed.values.get(name) ?? []).flatMap(splitSkuList);
  const journal = parsed.values.get('journal')?.[0];
  return {
    files: parsed.positionals,
    json: parsed.flags.has('json'),
    summary: parsed.flags.has('summary'),
    yes: parsed.flags.has('yes'),
    demo: parsed.flags.has('demo'),
    ...(journal ? { journal } : {}),
    ...(retryFailed ? { retryFailed } : {}),
    assign: skus('assign'),
    remove: skus('remove'),
    ...(usageLocation?.ok ? { usageLocation: usageLocation.code } : {}),
    force: parsed.flags.has('force'),
    ...(parsed.values.get('redundant-direct')?.[0]
      ? { redundantDirect: parsed.values.get('redundant-direct')![0] }
      : {}),
    ...(parsed.values.get('deadline')?.[0] ? { deadline: parsed.values.get('deadline')![0] } : {}),
    ...(parsed.values.get('number-wait')?.[0] ? { numberWait: parsed.values.get('number-wait')![0] } : {}),
  };
}

/**
 * Members holding a license both directly and from a group of the file: named, and with `--redundant-direct PATH` a
 * file removing the direct copies.
 */
async function reportRedundantDirect(
  plan: RunPlan,
  target: string | undefined,
  io: CliIo,
  force = false,
): Promise<boolean> {
  const copies = redundantDirectCopies(plan);
  if (copies.length === 0) return true;
  const t = translatorOf(io);
  if (!target) {
    io.stderr(
      plural(
        t,
        copies.length,
        '{0} member holds a license both directly and from a group: --redundant-direct PATH writes a .licenses file that removes only the direct copy.',
        '{0} members hold a license both directly and from a group: --redundant-direct PATH writes a .licenses file that removes only the direct copies.',
      ),
    );
    return true;
  }
  if (!(await writeOutputFile(target, removeDirectCopiesFile(copies), io, { force }))) return false;
  io.stderr(
    plural(
      t,
      copies.length,
      '{1}: removes {0} redundant direct copy (preview it with `m365-licenses plan {1}`).',
      '{1}: removes {0} redundant direct copies (preview it with `m365-licenses plan {1}`).',
      target,
    ),
  );
  return true;
}

interface Wanted {
  readonly desired: DesiredUser[];
  /** `group` target lines of the files (none for a retry). */
  readonly groups: DesiredGroup[];
  readonly files: readonly string[];
  /** Set for a retry: checked against the tenant once connected. */
  readonly journal?: Awaited<ReturnType<typeof retryFromJournal>> & { kind: 'retry' };
}

/** Files (or a journal to retry) → desired users, before any tenant is touched. A number is an exit code. */
async function wanted(args: Args, io: CliIo): Promise<Wanted | number> {
  let result: Wanted;
  if (args.retryFailed) {
    const t = translatorOf(io);
    // The files as they are now: what the admin fixed since the run is what the retry sends.
    const readCurrent = async (files: readonly string[]) => {
      const groups: DesiredGroup[] = [];
      const read = await desiredFromFiles(files, io, false, groups);
      return 'exit' in read ? { problem: t('see the lines above') } : { users: read, groups };
    };
    const source = await retryFromJournal(args.retryFailed, t, readCurrent);
    if (source.kind === 'refused') {
      io.stderr(source.message);
      return EXIT.usage;
    }
    for (const w of source.warnings) io.stderr(w);
    if (source.fromFiles && source.desired.length + source.groups.length > 0)
      io.stderr(t('Retrying from {0} as the files are now (edits since the run included).', source.files.join(', ')));
    if (source.desired.length === 0 && source.groups.length === 0) {
      io.stdout(t('No failed, skipped or unanswered users in the journal that a retry can fix: nothing to retry.'));
      return EXIT.ok;
    }
    result = { desired: source.desired, groups: source.groups, files: source.files, journal: source };
  } else {
    const groups: DesiredGroup[] = [];
    const defaultsGiven = args.assign.length + args.remove.length > 0 || args.usageLocation !== undefined;
    const read = await desiredFromFiles(args.files, io, defaultsGiven, groups);
    if ('exit' in read) return read.exit;
    result = { desired: read, groups, files: args.files };
  }
  const desired = withDefaultSkus(result.desired, {
    assign: args.assign,
    remove: args.remove,
    ...(args.usageLocation ? { usageLocation: args.usageLocation } : {}),
  });
  if (
    desired.length > 0 &&
    desired.every((d) => d.assign.length === 0 && d.remove.length === 0 && !d.usageLocation && !d.exact)
  ) {
    io.stderr(
      translatorOf(io)(
        'The file lists users but no licenses: a plain list of users needs --assign SKU,... and/or --remove SKU,...',
      ),
    );
    return EXIT.usage;
  }
  return { ...result, desired };
}

/** Under the totals: who will not be written and why, counted per reason, and licenses sent for nothing. */
type NotPlanned =
  Extract<RunOutcome, { kind: 'cancelled' | 'tenant-error' }> | { readonly kind: 'blocked'; readonly plan: RunPlan };

/** What plan and apply both answer when the tenant could not be read, or the plan is blocked. */
function renderNotPlanned(outcome: NotPlanned, tenant: CliTenant, json: boolean, io: CliIo): number {
  const t = translatorOf(io);
  switch (outcome.kind) {
    case 'cancelled':
      io.stderr(t('Cancelled while reading the tenant: nothing was written.'));
      return EXIT.problems;
    case 'tenant-error': {
      const e = outcome.error;
      io.stderr(
        t('Cannot read {0}: [{1}] {2}', tenant.connection.label, e.code, oneLineText(e.message)) +
          (e.hint ? ` — ${t(e.hint)}` : ''),
      );
      return EXIT.usage;
    }
    case 'blocked':
      for (const b of outcome.plan.blockers) io.stderr(formatBlocker(b, t));
      io.stderr(t('Nothing was written.'));
      if (json) io.stdout(JSON.stringify({ blockers: outcome.plan.blockers }));
      return EXIT.problems;
  }
}

/**
 * The tenant's SKUs, read first when `--assign`/`--remove` name some, so that a word the tenant
 * does not hold is answered at the option with a suggestion ("--assign: E3 is not a subscription
 * of this tenant. Did you mean ENTERPRISEPACK (Office 365 E3)?") before any user is read. `plan`
 * then plans with this read; `apply` reads them again once its run lock is held. A number is the
 * exit code; undefined: nothing to check, the plan reads them.
 */
async function optionSkus(
  args: Args,
  tenant: CliTenant,
  io: CliIo,
): Promise<(() => Promise<Loaded<TenantSkus>>) | undefined | number> {
  const words = [
    ...args.assign.map((word) => ({ option: '--assign', word: stripLegacyPrefix(word) })),
    ...args.remove.map((word) => ({ option: '--remove', word: stripLegacyPrefix(word) })),
  ].filter((w) => w.word);
  if (words.length === 0 || args.retryFailed) return undefined;
  const skus = await loadTenantSkus(tenant.connection);
  if (!skus.ok) return () => Promise.resolve(skus);
  const problems = optionSkuProblems(words, skus.value, translatorOf(io));
  if (problems.length === 0) return () => Promise.resolve(skus);
  for (const p of problems) io.stderr(`✗ ${p}`);
  io.stderr(translatorOf(io)('Nothing was written.'));
  return EXIT.problems;
}

/** `plan`: the dry run. Per user what would change; exit 1 when a user would fail or the run is blocked. */
export async function runPlanCommand(
  argv: readonly string[],
  io: PlanApplyIo,
  options: PlanApplyOptions = {},
): Promise<number> {
  const args = readArgs(PLAN, argv, io);
  if (typeof args === 'number') return args;
  const want = await wanted(args, io);
  if (typeof want === 'number') return want;
  const tenant = options.connect
    ? await options.connect(options.target, io)
    : await connectTenant(args.demo, options.env ?? process.env, io, args.deadline, options.target, options);
  if (!tenant) return EXIT.usage;
  const t = translatorOf(io);
  const progress = new ProgressLine(args.json ? undefined : io.live, t, io.now);
  try {
    const skus = await optionSkus(args, tenant, io);
    if (typeof skus === 'number') return skus;
    const outcome = await planLicenses(
      tenant.connection,
      want.desired,
      options.signal ? fromAbortSignal(options.signal) : undefined,
      skus,
      want.groups,
      t,
      (read, total) => progress.reading(read, total),
    );
    progress.finish();
    if (outcome.kind !== 'planned') return renderNotPlanned(outcome, tenant, args.json, io);
    const plan = outcome.plan;
    if (plan.blockers.length > 0) return renderNotPlanned({ kind: 'blocked', plan }, tenant, args.json, io);
    if (args.json) {
      for (const user of plan.users) io.stdout(JSON.stringify(planJson(user)));
      for (const group of plan.groups ?? []) io.stdout(JSON.stringify(groupPlanJson(group)));
    } else {
      const view = previewView(
        plan,
        { file: want.files.join(', '), tenant: tenant.connection.label, at: new Date() },
        { t, ...(t.locale ? { locale: t.locale } : {}) },
      );
      for (const line of planViewLines(view, t, args.summary)) io.stdout(line);
    }
    const totals = planTotals(plan);
    const groupsFailing = (plan.groups ?? []).filter((g) => g.kind === 'failed').length;
    if (!(await reportRedundantDirect(plan, args.redundantDirect, io, args.force))) return EXIT.usage;
    if (args.json) {
      const list = (m: ReadonlyMap<string, number>) => Object.fromEntries(m);
      io.stdout(
        JSON.stringify({
          summary: {
            tenant: tenant.connection.label,
            users: plan.users.length,
            change: totals.change,
            unchanged: totals.unchanged,
            failing: totals.failing,
            // The three classes, named as each user's `outcome` is.
            outcomes: {
              'would-change': totals.change,
              unchanged: totals.unchanged,
              'will-not-be-written': totals.failing,
            },
            ...(plan.groups?.length ? { groups: totals.groups } : {}),
            adds: list(totals.adds),
            removes: list(totals.removes),
            disabledPlanChanges: list(totals.disabledPlanChanges),
            usageLocations: totals.usageLocations,
            ...(totals.numbers ? { numbers: totals.numbers } : {}),
          },
        }),
      );
    } else {
      io.stdout(
        plural(
          t,
          plan.users.length,
          '{1}: {0} user, {2}. Nothing was written.',
          '{1}: {0} users, {2}. Nothing was written.',
          tenant.connection.label,
          formatPlanTotals(totals, t),
        ),
      );
    }
    return totals.failing > 0 || groupsFailing > 0 ? EXIT.problems : EXIT.ok;
  } finally {
    progress.finish();
    await tenant.close();
  }
}

/**
 * `apply`: plans, asks (real tenants only, unless `--yes`), writes, and prints one line per user as
 * Graph answers, then a summary. Ctrl-C cancels: what is in flight finishes, the rest is skipped.
 */
export async function runApplyCommand(
  argv: readonly string[],
  io: PlanApplyIo,
  options: PlanApplyOptions = {},
): Promise<number> {
  const args = readArgs(APPLY, argv, io);
  if (typeof args === 'number') return args;
  const want = await wanted(args, io);
  if (typeof want === 'number') return want;
  const numberWait = numberWaitMinutes(args.numberWait, options.env ?? process.env, translatorOf(io));
  if ('error' in numberWait) {
    io.stderr(numberWait.error);
    return EXIT.usage;
  }
  // A retry goes to the tenant its journal's files named on their `tenant` line.
  const target = options.target ?? journalTarget(want.journal?.journal);
  const tenant = options.connect
    ? await options.connect(target, io)
    : await connectTenant(args.demo, options.env ?? process.env, io, args.deadline, target, options);
  if (!tenant) return EXIT.usage;

  const controller = new AbortController();
  options.signal?.addEventListener('abort', () => controller.abort(), { once: true });
  const t = translatorOf(io);
  // On a terminal: the counter, with failures printed above it as they come; piped: every line.
  const progress = new ProgressLine(args.json ? undefined : io.live, t, io.now);
  const out = progress.io(io);
  const perUser = (r: UserResult) =>
    !args.summary && (!progress.active || r.outcome === 'failed' || r.outcome === 'skipped');
  const failedUsers = new Set<string>();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    out.stderr(t('Cancelling: requests in flight finish, nothing new starts (Ctrl-C again to quit at once).'));
    controller.abort();
  };
  // What "declined" means for the exit code: the admin said no (0), or there was no one to ask (2).
  let declinedExit: number = EXIT.ok;
  try {
    const mismatch = want.journal && tenantMismatch(want.journal.journal, tenant.identity, t);
    if (mismatch) {
      io.stderr(
        t(
          '{0}: not retried: {1}. Point the CLI at that tenant, or apply the files again.',
          args.retryFailed ?? '',
          mismatch,
        ),
      );
      return EXIT.usage;
    }
    // Checked before the lock; the plan reads the SKUs again once the lock is held (seats may have moved).
    const optionsChecked = await optionSkus(args, tenant, io);
    if (typeof optionsChecked === 'number') return optionsChecked;
    const cancellation = fromAbortSignal(controller.signal);
    // Nobody to ask (the demo tenant, --yes): the first users are written while the rest are read.
    const nobodyAsked = tenant.demo || args.yes;
    const askBeforeWriting = async (plan: RunPlan, totals: PlanTotals): Promise<boolean> => {
      if (options.confirm) return options.confirm(plan, totals);
      const groupChanges = (plan.groups ?? []).filter((g) => g.kind === 'change').length;
      if (totals.change === 0 && groupChanges === 0) return true;
      progress.finish();
      const prompt = io.prompt ?? terminalPrompt();
      if (!prompt) {
        io.stderr(
          t(
            'About to write to {0}: {1}. Pass --yes to confirm without a terminal.',
            tenant.connection.label,
            formatPlanTotals(totals, t),
          ),
        );
        declinedExit = EXIT.usage;
        return false;
      }
      const lines = confirmationLines(plan, { tenant: tenant.connection.label }, { t, locale: t.locale });
      const answer = await prompt(`${lines.join('\n')}\n${t('Apply these changes? [y/N] ')}`);
      // "oui" too: the French question offers [o/N].
      if (/^(y(es)?|o(ui)?)$/i.test(answer?.trim() ?? '')) return true;
      io.stderr(t('Not applied: nothing was written.'));
      return false;
    };
    const outcome = await runLicenses({
      connection: tenant.connection,
      tenant: tenant.identity,
      files: want.files,
      plan: () =>
        (nobodyAsked ? planAsRead : planLicenses)(
          tenant.connection,
          want.desired,
          cancellation,
          undefined,
          want.groups,
          t,
          (read, total) => progress.reading(read, total),
        ),
      journal: args.journal
        ? { path: args.journal }
        : {
            folder: '.',
            name: args.retryFailed
              ? `retry-${path.basename(args.retryFailed, '.jsonl')}`
              : // One journal per tenant: files of two tenants may share a name in different folders.
                `${path.basename(args.files[0])}${options.target?.tenant ? `.${options.target.tenant}` : ''}`,
          },
      ...(options.lockFolder ? { lockFolder: options.lockFolder } : {}),
      // Verification and group processing are waited out on the clock the connection waits on.
      clock: tenant.connection.clock,
      ...(options.journalWriter ? { journalWriter: options.journalWriter } : {}),
      cancellation,
      ...(nobodyAsked ? {} : { confirm: askBeforeWriting }),
      onJournal: (journalPath) => {
        out.stderr(t('Results journal: {0}', journalPath));
        progress.startWriting();
        process.on('SIGINT', onSigint);
      },
      onResult: (r) => {
        // Called again for a user whose verification changes the result: the last one counts.
        if (r.outcome === 'failed') failedUsers.add(r.user);
        else failedUsers.delete(r.user);
        if (args.json) out.stdout(JSON.stringify(resultJson(r)));
        else if (perUser(r)) out.stdout(formatResultLine(r, undefined, t));
      },
      onProgress: (done, total) => progress.writing(done, total, failedUsers.size),
      numbers: {
        // Teams' lag and the operations' polling are waited out on the connection's clock too (a test's Graph time).
        clock: {
          now: () => tenant.connection.clock.now(),
          sleep: async (ms) => void (await tenant.connection.clock.sleep(ms, cancellation)),
        },
        ...(numberWait.minutes !== undefined ? { waitMinutes: numberWait.minutes } : {}),
        onNumberResult: (line) => {
          if (args.json) out.stdout(JSON.stringify(line));
          else if (!args.summary || line.outcome !== 'changed') out.stdout(formatNumberResultLine(line, t));
        },
      },
      groups: {
        clock: tenant.connection.clock,
        onGroupResult: (r) =>
          out.stdout(args.json ? JSON.stringify({ kind: 'group', ...r }) : formatGroupResultLine(r, t)),
        onProcessing: (g, state) => out.stderr(t('group "{0}": {1}', oneLineText(g.displayName ?? g.group), state)),
        onMemberError: (e) => {
          if (args.json) out.stdout(JSON.stringify({ kind: 'member-error', ...e }));
          else if (!args.summary) out.stdout(formatMemberErrorLine(e, t));
        },
      },
    });
    progress.finish();
    return renderOutcome(outcome, tenant, args, io, declinedExit);
  } finally {
    progress.finish();
    process.off('SIGINT', onSigint);
    await tenant.close();
  }
}

function renderOutcome(outcome: RunOutcome, tenant: CliTenant, args: Args, io: CliIo, declinedExit: number): number {
  const label = tenant.connection.label;
  const t = translatorOf(io);
  switch (outcome.kind) {
    case 'busy': {
      const h = outcome.holder;
      const what = args.files.join(', ') || (args.retryFailed ?? '');
      io.stderr(
        h
          ? t(
              'Another run of {0} against {1} is in progress (process {2} on {3}, since {4}): nothing was done. Wait for it to finish; if no run is going on, delete {5}.',
              what,
              label,
              h.pid,
              h.host,
              h.startedAt,
              outcome.lockPath,
            )
          : t(
              'Another run of {0} against {1} is in progress: nothing was done. Wait for it to finish; if no run is going on, delete {2}.',
              what,
              label,
              outcome.lockPath,
            ),
      );
      return EXIT.problems;
    }
    case 'cancelled':
    case 'tenant-error':
    case 'blocked':
      return renderNotPlanned(outcome, tenant, args.json, io);
    case 'declined':
      return declinedExit;
    case 'refused': {
      // Nothing to send: each user and group that will not be written, then why, counted.
      const { plan } = outcome;
      for (const u of plan.users) if (u.kind === 'failed') io.stderr(formatPlanLine(u, t));
      for (const g of plan.groups ?? []) if (g.kind === 'failed') io.stderr(formatGroupPlanLine(g, t));
      for (const line of refusedRunLines(plan, { t, locale: t.locale })) io.stderr(oneLineText(line));
      if (args.json)
        io.stdout(JSON.stringify({ refused: plan.users.filter((u) => u.kind === 'failed').map(planJson) }));
      return EXIT.problems;
    }
    case 'journal-error':
      io.stderr(t('{0}: cannot write the journal: {1}', outcome.path, outcome.message));
      return EXIT.usage;
    case 'applied': {
      const { report, journal } = outcome;
      const s = report.summary;
      const g = outcome.groups;
      // Named with the journal's path: the admin knows which disk to free before sending again.
      const journalError = report.journalError ?? g?.journalError;
      // The journal failed before anything reached the tenant: its list of users may be cut short (a retry from it is
      // refused), so what sends them again is the files, not the journal.
      const nothingSent = journalError !== undefined && s.writeRequests === 0;
      const files = [
        ...(args.retryFailed ? ['--retry-failed', args.retryFailed] : args.files),
        ...(args.assign.length ? ['--assign', args.assign.join(',')] : []),
        ...(args.remove.length ? ['--remove', args.remove.join(',')] : []),
        ...(args.usageLocation ? ['--usage-location', args.usageLocation] : []),
      ].join(' ');
      const sendAgain = `m365-licenses apply ${nothingSent ? files : `--retry-failed ${journal}`}`;
      if (args.json) io.stdout(JSON.stringify({ summary: { tenant: label, journal, ...s } }));
      else {
        const causes = failureCauses(report.results, t, outcome.plan.skus, sendAgain);
        for (const line of recapLines(failedTitle(causes, t), causes, t)) io.stdout(line);
        // A groups-only run is counted as groups, not as "0 users".
        if (s.users > 0 || !g?.results.length) io.stdout(`${label}: ${formatSummary(s, t)}`);
        if (outcome.numbers?.length) io.stdout(formatNumberTotals(outcome.numbers, t));
      }
      if (journalError)
        io.stderr(t('{0}: the journal could not be written ({1}): the run stopped early.', journal, journalError));
      if (nothingSent)
        io.stderr(t('Nothing was written to the tenant. Once there is room for the journal: {0}', sendAgain));
      // Offered only for failures a retry can fix; the others say what to do instead when retried.
      else if (retryableCount(report.results) > 0)
        io.stderr(
          t(
            'Once fixed in the file, to retry the failed and skipped users: {0}',
            `m365-licenses apply --retry-failed ${journal}`,
          ),
        );
      const groupProblems = g
        ? g.results.filter((r) => r.outcome === 'failed' || r.outcome === 'skipped').length +
          g.memberErrors.length +
          g.stillProcessing.length
        : 0;
      if (g && !args.json) {
        const members = memberErrorCauses(g.memberErrors, t);
        const title = plural(
          t,
          g.memberErrors.length,
          'Members in error: {0}, by license and cause//one',
          'Members in error: {0}, by license and cause',
        );
        for (const line of recapLines(title, members, t)) io.stdout(line);
        io.stdout(`${s.users > 0 ? '' : `${label}: `}${formatGroupSummary(g, t)}`);
      }
      if (g?.stillProcessing.length)
        io.stderr(
          t(
            'Still processing when the run stopped following: {0}. Their members in error are not listed yet.',
            oneLineText(g.stillProcessing.join(', ')),
          ),
        );
      if (g?.memberErrors.length) io.stderr(t('Once the causes are fixed: {0}', `m365-licenses reprocess ${journal}`));
      // Numbers failed, skipped or left pending (Teams had not seen the license): the retry resumes them.
      const numberProblems = numbersToResume(outcome.numbers ?? []);
      if (numberProblems > 0 && retryableCount(report.results) === 0)
        io.stderr(t('To resume the numbers not assigned yet: {0}', `m365-licenses apply --retry-failed ${journal}`));
      return s.failed > 0 || s.skipped > 0 || journalError || groupProblems > 0 || numberProblems > 0
        ? EXIT.problems
        : EXIT.ok;
    }
  }
}
