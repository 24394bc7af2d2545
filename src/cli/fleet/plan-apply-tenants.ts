import { APPLICATION_WRITE_BUDGETS, WritePacer } from '../../core/graph/write-pacer';
import type { RunPlan } from '../../core/plan/whole-plan';
import { planTotals, type PlanTotals } from '../../core/plan/totals';
import { tenantsConfirmationLines } from '../../core/report/confirmation';
import { ConfirmationGate, type TenantPlan } from '../../core/run/run-licenses';
import { plural } from '../../core/text/translate';
import { EXIT, translatorOf } from '../io';
import { readArgs, runApplyCommand, runPlanCommand, type PlanApplyIo, type PlanApplyOptions } from '../plan-apply';
import { terminalPrompt } from '../prompt';
import { APPLY, PLAN } from '../usage';
import { tenantConnector } from '../tenant';
import { filesByTenant, namesTenants } from './tenant-files';
import { reachTenants } from './reach-tenants';

/**
 * `plan` and `apply` over files that name their tenants (`tenant ID-OR-DOMAIN`): each tenant is
 * planned against its own state (its files merged, as one run of several files is), and `apply`
 * asks one confirmation for all of them, then runs them at once, each through the one run path
 * (runApplyCommand → runLicenses: its lock, its journal, its pacing), every connection also paced
 * against the application's quota across tenants. A tenant that fails fails alone. Every line that
 * carries one tenant's data is led by the tenant's name; one summary per tenant, one for the run;
 * the exit code is the worst tenant's. Files that name no tenant, or only the configured one, run
 * as they always did.
 */
export function runPlanAcrossTenants(
  argv: readonly string[],
  io: PlanApplyIo,
  options: PlanApplyOptions = {},
): Promise<number> {
  return acrossTenants('plan', argv, io, options);
}

export function runApplyAcrossTenants(
  argv: readonly string[],
  io: PlanApplyIo,
  options: PlanApplyOptions = {},
): Promise<number> {
  return acrossTenants('apply', argv, io, options);
}

type Command = 'plan' | 'apply';

async function acrossTenants(
  command: Command,
  argv: readonly string[],
  io: PlanApplyIo,
  options: PlanApplyOptions,
): Promise<number> {
  const single = command === 'plan' ? runPlanCommand : runApplyCommand;
  // Parsed without a word on the streams: the one-tenant command says what is wrong, and --help.
  const quiet = { ...io, stdout: () => undefined, stderr: () => undefined };
  const args = readArgs(command === 'plan' ? PLAN : APPLY, argv, quiet);
  if (typeof args === 'number' || args.retryFailed) return single(argv, io, options);
  const env = options.env ?? process.env;
  const configured = env.AZURE_TENANT_ID?.trim() || undefined;
  const groups = await filesByTenant(args.files, io, configured);
  if (!groups) return EXIT.usage;
  if (!namesTenants(groups, configured)) return single(argv, io, options);
  const t = translatorOf(io);
  if (args.journal && groups.length > 1) {
    io.stderr(
      t('--journal names one file, and a run over several tenants writes a journal per tenant: leave --journal out.'),
    );
    return EXIT.usage;
  }
  // The demo: one emulator for the run, the partner and its customers, a token per tenant.
  const connector = options.connect ? undefined : await tenantConnector(args.demo, env, args.deadline, options);
  const shared = new WritePacer(APPLICATION_WRITE_BUDGETS);
  // Each name signed in to first: a tenant named by domain in one file and by id in another is one tenant.
  const tenants = await reachTenants(
    groups,
    groups.map((g) => g.tenant ?? t('the configured tenant')),
    options.connect ?? connector!.connect,
    shared,
    io,
  );
  const names = tenants.map((tenant) => tenant.label);
  // Each tenant's lines go out led by its name: at once for apply (the run is live), held and
  // written tenant after tenant for plan (a plan is read, not watched).
  const held: { line: string; err: boolean }[][] = tenants.map(() => []);
  const ios = tenants.map((_, i) =>
    tenantIo(io, names[i], command === 'plan' ? (line, err) => held[i].push({ line, err }) : undefined),
  );
  let noTerminal = false;
  const gate =
    command === 'apply' && !args.yes && !args.demo
      ? new ConfirmationGate(tenants.length, async (plans) => {
          const answer = await confirmAll(plans, io);
          noTerminal = answer === undefined;
          return answer === true;
        })
      : undefined;
  const codes = await Promise.all(
    tenants.map(async (tenant, i) => {
      for (const { line, err } of tenant.said) {
        if (err) ios[i].stderr(line);
        else ios[i].stdout(line);
      }
      // The run closes the connection it was handed; one that never reached it (its files unreadable) closes here.
      let open = tenant.connection;
      const once = open && {
        ...open,
        close: async () => {
          const closing = open;
          open = undefined;
          await closing?.close();
        },
      };
      try {
        return await single(argvFor(argv, args.files, tenant.files), ios[i], {
          ...options,
          connect: async () => once,
          target: { ...(tenant.tenant ? { tenant: tenant.tenant } : {}), sharedPacer: shared },
          ...(gate
            ? {
                confirm: (plan: RunPlan, totals: PlanTotals) =>
                  gate.ask(i, { tenant: { label: names[i], id: names[i] }, plan, totals }),
              }
            : {}),
        });
      } catch (e) {
        // A tenant never takes the others down with it: what went wrong is its own line.
        ios[i].stderr(t('Stopped: {0}', (e as Error).message));
        return EXIT.usage;
      } finally {
        await once?.close();
        gate?.stopped(i);
      }
    }),
  );
  await connector?.close();
  for (const lines of held)
    for (const { line, err } of lines) {
      if (err) io.stderr(line);
      else io.stdout(line);
    }
  return runSummary(codes, names, io) || (noTerminal ? EXIT.usage : EXIT.ok);
}

/** The command line of one tenant: its files in place of every file, the options as given. */
function argvFor(argv: readonly string[], files: readonly string[], own: readonly string[]): string[] {
  const others = new Set(files.filter((f) => !own.includes(f)));
  return argv.filter((a) => !others.has(a));
}

/**
 * The streams of one tenant: every line led by `[tenant]` (a JSON line gets a `tenant` field
 * instead), no live counter (several tenants would share the one terminal line) and no question of
 * its own (the run asks once). `hold`: where lines go instead of the streams (err: a stderr line).
 */
function tenantIo(io: PlanApplyIo, name: string, hold?: (line: string, err: boolean) => void): PlanApplyIo {
  const lead = (line: string) => {
    if (line.startsWith('{')) {
      try {
        return JSON.stringify({ tenant: name, ...(JSON.parse(line) as object) });
      } catch {
        // Not JSON after all: led by the name as any line.
      }
    }
    return line === '' || line.startsWith(name) ? line : `[${name}] ${line}`;
  };
  return {
    ...(io.t ? { t: io.t } : {}),
    ...(io.now ? { now: io.now } : {}),
    stdout: (line) => (hold ? hold(lead(line), false) : io.stdout(lead(line))),
    stderr: (line) => (hold ? hold(lead(line), true) : io.stderr(lead(line))),
  };
}

/** The one question for every tenant: true yes, false no, undefined no terminal to ask on. */
async function confirmAll(plans: readonly TenantPlan[], io: PlanApplyIo): Promise<boolean | undefined> {
  const t = translatorOf(io);
  const writing = plans.filter((p) => p.totals.change > 0 || (p.plan.groups ?? []).some((g) => g.kind === 'change'));
  if (writing.length === 0) return true;
  const lines = tenantsConfirmationLines(
    plans.map((p) => ({ tenant: p.tenant.label, plan: p.plan, totals: planTotals(p.plan) })),
    { t, ...(t.locale ? { locale: t.locale } : {}) },
  );
  const prompt = io.prompt ?? terminalPrompt();
  if (!prompt) {
    for (const line of lines) io.stderr(line);
    io.stderr(t('Pass --yes to confirm without a terminal. Nothing was written.'));
    return undefined;
  }
  const answer = await prompt(
    `${lines.join('\n')}\n${plural(t, writing.length, 'Apply these changes to {0} tenant? [y/N] ', 'Apply these changes to {0} tenants? [y/N] ')}`,
  );
  if (/^(y(es)?|o(ui)?)$/i.test(answer?.trim() ?? '')) return true;
  io.stderr(t('Not applied: nothing was written.'));
  return false;
}

/** One line for the run: how many tenants ended well, and which did not. The worst exit code. */
function runSummary(codes: readonly number[], names: readonly string[], io: PlanApplyIo): number {
  const t = translatorOf(io);
  const failed = names.filter((_, i) => codes[i] !== EXIT.ok);
  const ok = codes.length - failed.length;
  io.stdout(
    failed.length
      ? plural(
          t,
          codes.length,
          '{0} tenant: {1} ended well, problems in {2}.',
          '{0} tenants: {1} ended well, problems in {2}.',
          ok,
          failed.join(', '),
        )
      : plural(t, codes.length, '{0} tenant: every one ended well.', '{0} tenants: every one ended well.'),
  );
  return Math.max(EXIT.ok, ...codes);
}
