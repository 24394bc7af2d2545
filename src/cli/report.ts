import { fromAbortSignal } from '../core/graph/cancellation';
import { oneLineText } from '../core/text/tenant-text';
import { reclaimFile, RECLAIM_KINDS, type ReclaimKind } from '../core/inventory/reclaim-file';
import {
  reportCsv,
  reportJson,
  reportMarkdown,
  tenantRowName,
  tenantsReportCsv,
  tenantsReportMarkdown,
  type TenantReportRow,
} from '../core/inventory/report-format';
import { runPool } from '../core/graph/pool';
import { readRelationships } from '../core/partner/relationship-reads';
import { customerTenants } from '../core/partner/relationship-health';
import { DEFAULT_INACTIVE_DAYS, readTenantReport } from '../core/inventory/tenant-report';
import { parseArguments } from './arguments';
import { checkOutputPath, writeOutputFile } from './files';
import { EXIT, translatorOf, type CliIo } from './io';
import { tenantConnector, type TenantCommandOptions, type TenantConnector } from './tenant';
import { commandHelp, commandUsage, REPORT } from './usage';

/** For tests and embedders: the environment, a cancellation signal and a clock (tenant.ts), today's date. */
export interface ReportCommandOptions extends TenantCommandOptions {
  readonly now?: () => Date;
}

/**
 * `m365-licenses report [--json|--csv|--markdown] [--days N] [--reclaim KIND] [--output FILE]`:
 * seats per SKU and what can be reclaimed (core/inventory/tenant-report.ts), as Markdown by default.
 * `--reclaim redundant|disabled|inactive` writes instead the `.licenses` file that removes exactly
 * those licenses, to review and apply like any file. Reads only.
 */
export async function runReportCommand(
  argv: readonly string[],
  io: CliIo,
  options: ReportCommandOptions = {},
): Promise<number> {
  const t = translatorOf(io);
  const parsed = parseArguments(REPORT, argv, t);
  if (parsed.kind === 'help') {
    io.stdout(commandHelp(REPORT, t));
    return EXIT.ok;
  }
  const formats =
    parsed.kind === 'parsed' ? (['json', 'csv', 'markdown'] as const).filter((f) => parsed.flags.has(f)) : [];
  const daysText = parsed.kind === 'parsed' ? parsed.values.get('days')?.[0] : undefined;
  const days = daysText === undefined ? DEFAULT_INACTIVE_DAYS : Number(daysText);
  const reclaim = parsed.kind === 'parsed' ? parsed.values.get('reclaim')?.[0] : undefined;
  const problem =
    parsed.kind === 'error'
      ? parsed.message
      : parsed.positionals.length
        ? t('unexpected argument "{0}"', parsed.positionals[0])
        : formats.length > 1
          ? t('give one of --json, --csv, --markdown')
          : !Number.isInteger(days) || days < 1
            ? t('--days takes a whole number of days, not "{0}"', daysText ?? '')
            : reclaim !== undefined && !(RECLAIM_KINDS as readonly string[]).includes(reclaim)
              ? t('--reclaim takes {0}, not "{1}"', RECLAIM_KINDS.join(', '), reclaim)
              : reclaim !== undefined && formats.length
                ? t('--reclaim writes a .licenses file: it takes no --json, --csv or --markdown')
                : parsed.flags.has('all-tenants') && (parsed.values.has('tenant') || reclaim !== undefined)
                  ? t('--all-tenants reports on every customer tenant: it takes no --tenant and no --reclaim')
                  : undefined;
  if (problem || parsed.kind !== 'parsed') {
    io.stderr(problem ?? t('bad arguments'));
    io.stderr(commandUsage(REPORT, t));
    return EXIT.usage;
  }
  const output = parsed.values.get('output')?.[0];
  const force = parsed.flags.has('force');
  // Said before the tenant is read: a report is not read for nothing.
  if (output && !(await checkOutputPath(output, io, { force }))) return EXIT.usage;
  const connector = await tenantConnector(parsed.flags.has('demo'), options.env ?? process.env, undefined, options);
  if (parsed.flags.has('all-tenants')) {
    try {
      return await allTenants(connector, days, formats[0] ?? 'markdown', output, force, io, options);
    } finally {
      await connector.close();
    }
  }
  const named = parsed.values.get('tenant')?.[0];
  const tenant = await connector.connect(named ? { tenant: named } : undefined, io);
  if (!tenant) {
    await connector.close();
    return EXIT.usage;
  }
  try {
    const outcome = await readTenantReport(tenant.connection, {
      tenantLabel: tenant.connection.label,
      t,
      days,
      ...(options.signal ? { cancellation: fromAbortSignal(options.signal) } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    if (outcome.kind === 'cancelled') {
      io.stderr(t('Cancelled while reading the tenant.'));
      return EXIT.problems;
    }
    if (outcome.kind === 'tenant-error') {
      const e = outcome.error;
      io.stderr(
        t('Cannot read {0}: [{1}] {2}', tenant.connection.label, e.code, oneLineText(e.message)) +
          (e.hint ? ` — ${t(e.hint)}` : ''),
      );
      return EXIT.usage;
    }
    const { report } = outcome;
    if (!report.inactive.available) io.stderr(oneLineText(report.inactive.reason));
    let text: string;
    if (reclaim !== undefined) {
      const file = reclaimFile(report, reclaim as ReclaimKind, outcome.skus);
      if (file === undefined) {
        io.stderr(t('Nothing to reclaim for "{0}": no file written.', reclaim));
        return EXIT.ok;
      }
      text = file;
    } else {
      text =
        formats[0] === 'json'
          ? `${reportJson(report)}\n`
          : formats[0] === 'csv'
            ? reportCsv(report)
            : reportMarkdown(report, t);
    }
    if (output) {
      if (!(await writeOutputFile(output, text, io, { force }))) return EXIT.usage;
      io.stderr(t('Written to {0}.', output));
    } else io.stdout(text.replace(/\r?\n$/, ''));
    return EXIT.ok;
  } finally {
    await tenant.close();
    await connector.close();
  }
}

/** Customer tenants read at once by `--all-tenants`: enough to hide latency, gentle on the application's quota. */
const TENANTS_AT_ONCE = 4;

/**
 * `--all-tenants`: the partner's customer tenants (its active GDAP relationships, read with the
 * configured sign-in), each reported with a connection of its own, four at a time, waiting on the
 * command's clock (reads only: no write pacer; a throttled read waits out Graph's Retry-After). One
 * table, a row per tenant in the relationships' order. A tenant that cannot be reached or read has
 * its row saying why, the others are reported, and the exit is 1.
 */
async function allTenants(
  connector: TenantConnector,
  days: number,
  format: 'json' | 'csv' | 'markdown',
  output: string | undefined,
  force: boolean,
  io: CliIo,
  options: ReportCommandOptions,
): Promise<number> {
  const t = translatorOf(io);
  const home = await connector.connect(undefined, io);
  if (!home) return EXIT.usage;
  const read = await readRelationships(home.connection);
  await home.close();
  if (!read.ok) {
    const e = read.error;
    io.stderr(t('Cannot read the GDAP relationships of {0}: [{1}] {2}', home.connection.label, e.code, e.message));
    return EXIT.usage;
  }
  const now = options.now?.() ?? new Date();
  const customers = customerTenants(read.value, now.getTime()).filter((c) => c.active);
  const cancellation = options.signal ? { cancellation: fromAbortSignal(options.signal) } : {};
  const rows: TenantReportRow[] = new Array(customers.length);
  await runPool(customers.length, TENANTS_AT_ONCE, async (i) => {
    const c = customers[i];
    const named = { tenant: c.displayName, tenantId: c.tenantId };
    // Ctrl-C: the tenants not started are not reached at all.
    if (options.signal?.aborted) {
      rows[i] = { ...named, problem: t('cancelled') };
      return;
    }
    const problems: string[] = [];
    const quiet = { ...io, stdout: () => undefined, stderr: (line: string) => void problems.push(line) };
    try {
      const tenant = await connector.connect({ tenant: c.tenantId }, quiet);
      if (!tenant) {
        rows[i] = { ...named, problem: problems.join(' ') };
        return;
      }
      try {
        const outcome = await readTenantReport(tenant.connection, {
          tenantLabel: tenantRowName(named),
          t,
          days,
          ...cancellation,
          ...(options.now ? { now: options.now } : {}),
        });
        rows[i] =
          outcome.kind === 'report'
            ? { ...named, report: outcome.report }
            : {
                ...named,
                problem:
                  outcome.kind === 'tenant-error' ? `[${outcome.error.code}] ${outcome.error.message}` : t('cancelled'),
              };
      } finally {
        await tenant.close();
      }
    } catch (e) {
      // One tenant never takes the report down: what went wrong is its row.
      rows[i] = { ...named, problem: (e as Error).message };
    }
  });
  const text =
    format === 'json'
      ? `${JSON.stringify(
          rows.map((r) =>
            'report' in r
              ? { tenant: tenantRowName(r), tenantId: r.tenantId, report: JSON.parse(reportJson(r.report)) as unknown }
              : { tenant: tenantRowName(r), tenantId: r.tenantId, problem: r.problem },
          ),
        )}\n`
      : format === 'csv'
        ? tenantsReportCsv(rows, t.locale)
        : tenantsReportMarkdown(rows, t);
  if (output) {
    if (!(await writeOutputFile(output, text, io, { force }))) return EXIT.usage;
    io.stderr(t('Written to {0}.', output));
  } else io.stdout(text.replace(/\r?\n$/, ''));
  return rows.some((r) => !('report' in r)) ? EXIT.problems : EXIT.ok;
}
