import { readRelationships } from '../../core/partner/relationship-reads';
import { customerTenants, flagText, type CustomerTenant } from '../../core/partner/relationship-health';
import { endText } from '../../core/partner/customer-rows';
import { roleName } from '../../core/partner/gdap-roles';
import { fileLine } from '../../core/text/tenant-text';
import { plural, type Translate } from '../../core/text/translate';
import { parseArguments } from '../arguments';
import { EXIT, translatorOf, type CliIo } from '../io';
import { connectTenant, type TenantCommandOptions } from '../tenant';
import { commandHelp, commandUsage, TENANTS } from '../usage';

export interface TenantsCommandOptions extends TenantCommandOptions {
  /** The clock the end dates are judged by; the wall clock when absent. */
  readonly now?: () => Date;
}

/**
 * `m365-licenses tenants [--all] [--json]`: the customer tenants of the signed-in partner's GDAP relationships
 * (core/partner), each with its roles, end date and auto-extend, and the flags: no License Administrator, no User
 * Administrator, ending within 30 days, expired. Reads only. Exit 1 when a listed tenant is flagged.
 */
export async function runTenantsCommand(
  argv: readonly string[],
  io: CliIo,
  options: TenantsCommandOptions = {},
): Promise<number> {
  const t = translatorOf(io);
  const parsed = parseArguments(TENANTS, argv, t);
  if (parsed.kind === 'help') {
    io.stdout(commandHelp(TENANTS, t));
    return EXIT.ok;
  }
  const problem =
    parsed.kind === 'error'
      ? parsed.message
      : parsed.positionals.length
        ? t('unexpected argument "{0}"', parsed.positionals[0])
        : undefined;
  if (problem || parsed.kind !== 'parsed') {
    io.stderr(problem ?? t('bad arguments'));
    io.stderr(commandUsage(TENANTS, t));
    return EXIT.usage;
  }
  const tenant = await connectTenant(
    parsed.flags.has('demo'),
    options.env ?? process.env,
    io,
    undefined,
    undefined,
    options,
  );
  if (!tenant) return EXIT.usage;
  try {
    const read = await readRelationships(tenant.connection);
    if (!read.ok) {
      const e = read.error;
      io.stderr(
        t('Cannot read the GDAP relationships of {0}: [{1}] {2}', tenant.connection.label, e.code, e.message) +
          (e.hint ? ` — ${t(e.hint)}` : ''),
      );
      return EXIT.usage;
    }
    const nowMs = (options.now?.() ?? new Date()).getTime();
    const all = customerTenants(read.value, nowMs);
    const listed = parsed.flags.has('all') ? all : all.filter((c) => c.active);
    const flagged = listed.filter((c) => c.flags.length > 0).length;
    if (parsed.flags.has('json')) {
      for (const c of listed) io.stdout(JSON.stringify(tenantJson(c, t)));
      io.stdout(JSON.stringify({ summary: { partner: tenant.connection.label, tenants: listed.length, flagged } }));
    } else {
      for (const line of tenantLines(tenant.connection.label, listed, all.length - listed.length, nowMs, t))
        io.stdout(line);
    }
    return flagged ? EXIT.problems : EXIT.ok;
  } finally {
    await tenant.close();
  }
}

function tenantJson(c: CustomerTenant, t: Translate) {
  return {
    tenantId: c.tenantId,
    displayName: fileLine(c.displayName),
    roles: c.roles.map((id) => ({ roleDefinitionId: id, name: roleName(id, t) })),
    endDateTime: c.endDateTime,
    autoExtend: c.autoExtend,
    active: c.active,
    flags: c.flags,
  };
}

/** The text listing: one heading, then per tenant its name and id, roles, end, and its flags if any. */
export function tenantLines(
  partner: string,
  listed: readonly CustomerTenant[],
  hidden: number,
  nowMs: number,
  t: Translate,
): string[] {
  const lines = [t('Customer tenants of {0} (GDAP): {1}', partner, listed.length)];
  if (!listed.length) lines.push(`  ${t('No customer tenant with an active relationship.')}`);
  for (const c of listed) {
    const name = fileLine(c.displayName).trim() || t('(no name)');
    lines.push('', `${c.flags.length ? '⚠' : '✓'} ${name}  ${c.tenantId}`);
    const roles = c.roles.map((id) => roleName(id, t)).join(', ');
    lines.push(`    ${t('roles: {0}', roles || t('none'))}`);
    lines.push(`    ${endText(c, nowMs, t)}`);
    if (c.flags.length) lines.push(`    ${c.flags.map((f) => flagText(f, t)).join('; ')}`);
  }
  if (hidden > 0)
    lines.push(
      '',
      plural(
        t,
        hidden,
        '{0} more customer whose relationships all ended: --all lists it.',
        '{0} more customers whose relationships all ended: --all lists them.',
      ),
    );
  return lines;
}
