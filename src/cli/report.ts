import { fromAbortSignal } from '../core/graph/cancellation';
import { oneLineText } from '../core/text/tenant-text';
import { reclaimFile, RECLAIM_KINDS, type ReclaimKind } from '../core/inventory/reclaim-file';
import {
  reportCsv,
  reportJson,
  reportMarkdown,
  tenantsReportMarkdown,
  type TenantReportRow,
} from '../core/inventory/report-format';
import { readRelationships } from '../core/partner/relationship-reads';
import { customerTenants } from '../core/partner/relationship-health';
import { fileLine } from '../core/text/tenant-text';
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
                  : parsed.flags.has('all-tenants') && formats[0] === 'csv'
                    ? t('--all-tenants gives one table: --markdown (the default) or --json')
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
      return await allTenants(connector, days, formats[0] === 'json', output, force, io, options);
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

/**
 * `--all-tenants`: the partner's customer tenants (its active GDAP relationships, read with the
 * configured sign-in), each reported with a connection of its own, one after the other; one table,
 * a row per tenant. A tenant that cannot be reached or read has its row saying why, and exit 1.
 */
async function allTenants(
  connector: TenantConnector,
  days: number,
  json: boolean,
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
  const rows: TenantReportRow[] = [];
  for (const c of customers) {
    const name = `${fileLine(c.displayName)} (${c.tenantId})`;
    const problems: string[] = [];
    const quiet = { ...io, stdout: () => undefined, stderr: (line: string) => void problems.push(line) };
    const tenant = await connector.connect({ tenant: c.tenantId }, quiet);
    if (!tenant) {
      rows.push({ tenant: name, problem: problems.join(' ') });
      continue;
    }
    try {
      const outcome = await readTenantReport(tenant.connection, {
        tenantLabel: name,
        t,
        days,
        ...(options.now ? { now: options.now } : {}),
      });
      if (outcome.kind === 'report') rows.push({ tenant: name, report: outcome.report });
      else
        rows.push({
          tenant: name,
          problem:
            outcome.kind === 'tenant-error' ? `[${outcome.error.code}] ${outcome.error.message}` : t('cancelled'),
        });
    } finally {
      await tenant.close();
    }
  }
  const text = json
    ? `${JSON.stringify(rows.map((r) => ('report' in r ? { tenant: r.tenant, report: JSON.parse(reportJson(r.report)) as unknown } : r)))}\n`
    : tenantsReportMarkdown(rows, t);
  if (output) {
    if (!(await writeOutputFile(output, text, io, { force }))) return EXIT.usage;
    io.stderr(t('Written to {0}.', output));
  } else io.stdout(text.replace(/\r?\n$/, ''));
  return rows.some((r) => !('report' in r)) ? EXIT.problems : EXIT.ok;
}
