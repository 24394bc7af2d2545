import * as path from 'node:path';
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
import { runLicenses, type RunOutcome } from '../core/run/run-licenses';
import { parseArguments, type CommandSpec } from './arguments';
import { desiredFromFiles } from './desired-from-files';
import { writeOutputFile } from './files';
import { EXIT, translatorOf, type CliIo } from './io';
import { plural } from '../core/text/translate';
import { terminalPrompt } from './prompt';
import { connectTenant, type CliTenant } from './tenant';
import { APPLY, commandUsage, PLAN } from './usage';
import { exactConfirmationLines } from '../core/report/exact-preview';

/** The CLI's streams, plus a question on stdin for the confirmation (absent: no terminal to ask on). */
export interface PlanApplyIo extends CliIo {
  prompt?(question: string): Promise<string | undefined>;
}

/** For tests and embedders: the environment to read the tenant from, a cancellation signal, where run locks go. */
export interface PlanApplyOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
  readonly lockFolder?: string;
}

interface Args {
  readonly files: readonly string[];
  readonly json: boolean;
  readonly yes: boolean;
  readonly demo: boolean;
  readonly journal?: string;
  readonly retryFailed?: string;
  readonly assign: readonly string[];
  readonly remove: readonly string[];
  /** plan: where to write the file removing redundant direct copies. */
  readonly redundantDirect?: string;
  /** plan: `--redundant-direct` may replace an existing file. */
  readonly force?: boolean;
}

/** Parsed arguments, or the exit code after saying what is wrong (or printing the usage for --help). */
function readArgs(spec: CommandSpec, argv: readonly string[], io: CliIo): Args | number {
  const parsed = parseArguments(spec, argv, translatorOf(io));
  if (parsed.kind === 'help') {
    io.stdout(commandUsage(spec, translatorOf(io)));
    return EXIT.ok;
  }
  const retryFailed = parsed.kind === 'parsed' ? parsed.values.get('retry-failed')?.[0] : undefined;
  const problem =
    parsed.kind === 'error'
      ? parsed.message
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
    yes: parsed.flags.has('yes'),
    demo: parsed.flags.has('demo'),
    ...(journal ? { journal } : {}),
    ...(retryFailed ? { retryFailed } : {}),
    assign: skus('assign'),
    remove: skus('remove'),
    force: parsed.flags.has('force'),
    ...(parsed.values.get('redundant-direct')?.[0]
      ? { redundantDirect: parsed.values.get('redundant-direct')![0] }
      : {}),
  };
}

/** Members holding a license both directly and from a group of the file: named, and with `--redundant-direct PATH` a file removing the direct copies. */
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
    const source = await retryFromJournal(args.retryFailed, translatorOf(io));
    if (source.kind === 'refused') {
      io.stderr(source.message);
      return EXIT.usage;
    }
    for (const w of source.warnings) io.stderr(w);
    if (source.desired.length === 0 && source.groups.length === 0) {
      io.stdout(translatorOf(io)('No failed, skipped or unanswered users in the journal: nothing to retry.'));
      return EXIT.ok;
    }
    result = { desired: source.desired, groups: source.groups, files: source.files, journal: source };
  } else {
    const groups: DesiredGroup[] = [];
    const read = await desiredFromFiles(args.files, io, args.assign.length + args.remove.length > 0, groups);
    if ('exit' in read) return read.exit;
    result = { desired: read, groups, files: args.files };
  }
  const desired = withDefaultSkus(result.desired, { assign: args.assign, remove: args.remove });
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
        t('Cannot read {0}: [{1}] {2}', tenant.connection.label, e.code, e.message) + (e.hint ? ` — ${t(e.hint)}` : ''),
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
  const tenant = await connectTenant(args.demo, options.env ?? process.env, io);
  if (!tenant) return EXIT.usage;
  try {
    const t = translatorOf(io);
    const outcome = await planLicenses(
      tenant.connection,
      want.desired,
      options.signal ? fromAbortSignal(options.signal) : undefined,
      undefined,
      want.groups,
      t,
    );
    if (outcome.kind !== 'planned') return renderNotPlanned(outcome, tenant, args.json, io);
    const plan = outcome.plan;
    if (plan.blockers.length > 0) return renderNotPlanned({ kind: 'blocked', plan }, tenant, args.json, io);
    for (const user of plan.users) io.stdout(args.json ? JSON.stringify(planJson(user)) : formatPlanLine(user, t));
    for (const group of plan.groups ?? [])
      io.stdout(args.json ? JSON.stringify(groupPlanJson(group)) : formatGroupPlanLine(group, t));
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
            adds: list(totals.adds),
            removes: list(totals.removes),
            disabledPlanChanges: list(totals.disabledPlanChanges),
            usageLocations: totals.usageLocations,
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
      for (const line of exactConfirmationLines(plan, t)) io.stdout(line);
    }
    return totals.failing > 0 || groupsFailing > 0 ? EXIT.problems : EXIT.ok;
  } finally {
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
  const tenant = await connectTenant(args.demo, options.env ?? process.env, io);
  if (!tenant) return EXIT.usage;

  const controller = new AbortController();
  options.signal?.addEventListener('abort', () => controller.abort(), { once: true });
  const t = translatorOf(io);
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    io.stderr(t('Cancelling: requests in flight finish, nothing new starts (Ctrl-C again to quit at once).'));
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
    const cancellation = fromAbortSignal(controller.signal);
    // Nobody to ask (the demo tenant, --yes): the first users are written while the rest are read.
    const nobodyAsked = tenant.demo || args.yes;
    const askBeforeWriting = async (plan: RunPlan, totals: PlanTotals): Promise<boolean> => {
      const groupChanges = (plan.groups ?? []).filter((g) => g.kind === 'change').length;
      if (totals.change === 0 && groupChanges === 0) return true;
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
      const changedGroups = (plan.groups ?? []).filter((g) => g.kind === 'change');
      const groupsLine = groupChanges
        ? `\n${plural(t, groupChanges, '{0} group to change: {1}', '{0} groups to change: {1}', changedGroups.map((g) => plural(t, g.members, '"{1}": {0} member', '"{1}": {0} members', g.displayName ?? g.group)).join(', '))}`
        : '';
      const answer = await prompt(
        `${plural(t, plan.users.length, '{1}: {0} user, {2}.', '{1}: {0} users, {2}.', tenant.connection.label, formatPlanTotals(totals, t))}${groupsLine}\n${exactConfirmationLines(
          plan,
          t,
        )
          .map((l) => `${l}\n`)
          .join('')}${t('Apply these changes? [y/N] ')}`,
      );
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
        ),
      journal: args.journal
        ? { path: args.journal }
        : {
            folder: '.',
            name: args.retryFailed
              ? `retry-${path.basename(args.retryFailed, '.jsonl')}`
              : path.basename(args.files[0]),
          },
      ...(options.lockFolder ? { lockFolder: options.lockFolder } : {}),
      cancellation,
      ...(nobodyAsked ? {} : { confirm: askBeforeWriting }),
      onJournal: (journalPath) => {
        io.stderr(t('Results journal: {0}', journalPath));
        process.on('SIGINT', onSigint);
      },
      onResult: (r) => io.stdout(args.json ? JSON.stringify(resultJson(r)) : formatResultLine(r, undefined, t)),
      groups: {
        onGroupResult: (r) =>
          io.stdout(args.json ? JSON.stringify({ kind: 'group', ...r }) : formatGroupResultLine(r, t)),
        onProcessing: (g, state) => io.stderr(t('group "{0}": {1}', g.displayName ?? g.group, state)),
        onMemberError: (e) =>
          io.stdout(args.json ? JSON.stringify({ kind: 'member-error', ...e }) : formatMemberErrorLine(e, t)),
      },
    });
    return renderOutcome(outcome, tenant, args, io, declinedExit);
  } finally {
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
    case 'journal-error':
      io.stderr(t('{0}: cannot write the journal: {1}', outcome.path, outcome.message));
      return EXIT.usage;
    case 'applied': {
      const { report, journal } = outcome;
      const s = report.summary;
      if (args.json) io.stdout(JSON.stringify({ summary: { tenant: label, journal, ...s } }));
      else io.stdout(`${label}: ${formatSummary(s, t)}`);
      if (report.journalError)
        io.stderr(t('The journal could not be written ({0}): the run stopped early.', report.journalError));
      if (s.failed > 0 || s.skipped > 0)
        io.stderr(t('To retry the failed and skipped users: {0}', `m365-licenses apply --retry-failed ${journal}`));
      const g = outcome.groups;
      const groupProblems = g
        ? g.results.filter((r) => r.outcome === 'failed' || r.outcome === 'skipped').length +
          g.memberErrors.length +
          g.stillProcessing.length
        : 0;
      if (g && !args.json) io.stdout(formatGroupSummary(g, t));
      if (g?.stillProcessing.length)
        io.stderr(
          t(
            'Still processing when the run stopped following: {0}. Their members in error are not listed yet.',
            g.stillProcessing.join(', '),
          ),
        );
      if (g?.memberErrors.length) io.stderr(t('Once the causes are fixed: {0}', `m365-licenses reprocess ${journal}`));
      return s.failed > 0 || s.skipped > 0 || report.journalError || groupProblems > 0 ? EXIT.problems : EXIT.ok;
    }
  }
}
