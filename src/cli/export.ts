import { Catalog } from '../core/catalog/catalog';
import { oneLineText } from '../core/text/tenant-text';
import { parseLicensesFile } from '../core/format';
import { fromAbortSignal } from '../core/graph/cancellation';
import { exportTenant, type ExportSource } from '../core/inventory/export-tenant';
import { splitSkuList } from '../core/desired/default-skus';
import { desiredUsers } from '../core/desired/desired-users';
import { plural } from '../core/text/translate';
import { parseArguments } from './arguments';
import { checkOutputPath, readInputFile, writeOutputFile } from './files';
import { EXIT, translatorOf, type CliIo } from './io';
import { tenantConnector, type TenantCommandOptions } from './tenant';
import { tenantForm } from '../core/format/tenant-line';
import { commandHelp, commandUsage, EXPORT } from './usage';

/** For tests and embedders: the environment, a cancellation signal and a clock (tenant.ts), today's date. */
export interface ExportCommandOptions extends TenantCommandOptions {
  readonly now?: () => Date;
}

/**
 * `m365-licenses export [--sku SKU,...] [--users FILE] [--output FILE]`: the tenant as a `.licenses`
 * file (core/inventory/export-file.ts) on stdout or in FILE; what was read goes to stderr. Reads only.
 */
export async function runExportCommand(
  argv: readonly string[],
  io: CliIo,
  options: ExportCommandOptions = {},
): Promise<number> {
  const t = translatorOf(io);
  const parsed = parseArguments(EXPORT, argv, t);
  if (parsed.kind === 'help') {
    io.stdout(commandHelp(EXPORT, t));
    return EXIT.ok;
  }
  const skuWords = parsed.kind === 'parsed' ? (parsed.values.get('sku') ?? []).flatMap(splitSkuList) : [];
  const usersFile = parsed.kind === 'parsed' ? parsed.values.get('users')?.[0] : undefined;
  const problem =
    parsed.kind === 'error'
      ? parsed.message
      : parsed.positionals.length
        ? t('unexpected argument "{0}"', parsed.positionals[0])
        : skuWords.length && usersFile
          ? t('give either --sku or --users, not both')
          : undefined;
  if (problem || parsed.kind !== 'parsed') {
    io.stderr(problem ?? t('bad arguments'));
    io.stderr(commandUsage(EXPORT, t));
    return EXIT.usage;
  }
  let source: ExportSource = skuWords.length ? { kind: 'skus', skus: skuWords } : { kind: 'licensed' };
  if (usersFile) {
    const text = await readInputFile(usersFile, io);
    if (text === undefined) return EXIT.usage;
    const references = desiredUsers(parseLicensesFile(text), Catalog.builtIn()).map((d) => d.user);
    if (references.length === 0) {
      io.stderr(t('{0}: no users in the file.', usersFile));
      return EXIT.usage;
    }
    source = { kind: 'users', references, label: usersFile };
  }
  const output = parsed.values.get('output')?.[0];
  const force = parsed.flags.has('force');
  // Said before the tenant is read: an export is not read for nothing.
  if (output && !(await checkOutputPath(output, io, { force }))) return EXIT.usage;
  const named = parsed.values.get('tenant')?.[0];
  if (named !== undefined && !tenantForm(named)) {
    io.stderr(t('--tenant takes a tenant id or a domain (such as contoso.onmicrosoft.com), not "{0}"', named));
    return EXIT.usage;
  }
  const connector = await tenantConnector(parsed.flags.has('demo'), options.env ?? process.env, undefined, options);
  const tenant = await connector.connect(named ? { tenant: named } : undefined, io);
  if (!tenant) {
    await connector.close();
    return EXIT.usage;
  }
  try {
    const outcome = await exportTenant(tenant.connection, source, {
      tenantLabel: tenant.connection.label,
      t,
      ...(options.signal ? { cancellation: fromAbortSignal(options.signal) } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    switch (outcome.kind) {
      case 'cancelled':
        io.stderr(t('Cancelled while reading the tenant: nothing was exported.'));
        return EXIT.problems;
      case 'refused':
        io.stderr(outcome.message);
        return EXIT.usage;
      case 'tenant-error': {
        const e = outcome.error;
        io.stderr(
          t('Cannot read {0}: [{1}] {2}', tenant.connection.label, e.code, oneLineText(e.message)) +
            (e.hint ? ` — ${t(e.hint)}` : ''),
        );
        return EXIT.usage;
      }
      case 'exported': {
        // The file names its tenant, so planning it again goes to that tenant, not the configured one.
        const text = named ? `tenant ${named}\n${outcome.file.text}` : outcome.file.text;
        if (output && !(await writeOutputFile(output, text, io, { force }))) return EXIT.usage;
        else io.stdout(text.replace(/\n$/, ''));
        const blocks = plural(t, outcome.file.blocks, '{0} block', '{0} blocks');
        const requests = plural(t, tenant.connection.counts.httpRequests, '{0} Graph request', '{0} Graph requests');
        io.stderr(
          output
            ? plural(
                t,
                outcome.file.users,
                'Exported {0} user in {1} to {2} ({3}).',
                'Exported {0} users in {1} to {2} ({3}).',
                blocks,
                output,
                requests,
              )
            : plural(
                t,
                outcome.file.users,
                'Exported {0} user in {1} ({2}).',
                'Exported {0} users in {1} ({2}).',
                blocks,
                requests,
              ),
        );
        for (const u of outcome.unread) io.stderr(t('Not exported: {0}', oneLineText(u)));
        if (outcome.numbersAbsent) io.stderr(oneLineText(outcome.numbersAbsent));
        return outcome.unread.length ? EXIT.problems : EXIT.ok;
      }
    }
  } finally {
    await tenant.close();
    await connector.close();
  }
}
