import { fileLine } from '../text/tenant-text';
import { english, plural, type Translate } from '../text/translate';
import { roleName } from './gdap-roles';
import { daysLeft, flagText, type CustomerTenant } from './relationship-health';

/** A row of the Licenses view (the shape of core/tenant/view-rows.ts ViewRow): label, description, tooltip lines. */
export interface CustomerRow {
  readonly label: string;
  readonly description?: string;
  /** Lines, first in bold; tenant text, to be escaped by whoever renders them. */
  readonly tooltip: readonly string[];
  readonly flagged: boolean;
}

/** "Customer tenants": how many, and how many to fix. */
export function customersRow(tenants: readonly CustomerTenant[], t: Translate = english): CustomerRow {
  const flagged = tenants.filter((c) => c.flags.length > 0).length;
  const count = plural(t, tenants.length, '{0} tenant', '{0} tenants');
  return {
    label: t('Customer tenants'),
    description: flagged ? t('{0}, {1} to fix', count, flagged) : count,
    tooltip: [
      t("Your customers' tenants from your GDAP relationships: the roles each grants, its end date and auto-extend"),
    ],
    flagged: flagged > 0,
  };
}

/** "Customer tenants" before the admin consented to reading them: no count, what expanding it offers. */
export function customersToAskRow(t: Translate = english): CustomerRow {
  return {
    label: t('Customer tenants'),
    tooltip: [
      t("Your customers' tenants from your GDAP relationships: the roles each grants, its end date and auto-extend"),
      t('Reading them needs your consent: expand and choose "Show customer tenants…".'),
    ],
    flagged: false,
  };
}

/** The item that asks for the partner's permissions (incremental consent), then lists the customer tenants. */
export function showCustomersRow(t: Translate = english): CustomerRow {
  return {
    label: t('Show customer tenants…'),
    tooltip: [
      t('Show customer tenants…'),
      t(
        'Asks your consent to read your GDAP relationships (DelegatedAdminRelationship.Read.All) and to find a tenant by its domain (CrossTenantInformation.ReadBasic.All), then lists your customer tenants.',
      ),
    ],
    flagged: false,
  };
}

/** How a tenant's end reads at `nowMs`: "ends 2027-01-01 (in 25 days)", "ended 2026-11-07", "no end date". */
export function endText(c: CustomerTenant, nowMs: number, t: Translate = english): string {
  const days = daysLeft(c, nowMs);
  const end =
    c.endDateTime === null
      ? t('no end date')
      : days !== undefined && days >= 0
        ? plural(t, days, 'ends {1} (in {0} day)', 'ends {1} (in {0} days)', c.endDateTime.slice(0, 10))
        : t('ended {0}', c.endDateTime.slice(0, 10));
  return `${end}, ${c.autoExtend ? t('auto-extends by 180 days') : t('no auto-extend')}`;
}

/**
 * One customer tenant: its display name on one line (tenant text) as the label, what to fix (else its roles) as the
 * description, and the whole in the tooltip: name, tenant id, roles, end and auto-extend, each flag.
 */
export function customerRow(c: CustomerTenant, nowMs: number, t: Translate = english): CustomerRow {
  const label = fileLine(c.displayName).trim() || c.tenantId;
  const roles = c.roles.map((id) => roleName(id, t)).join(', ') || t('none');
  const flags = c.flags.map((f) => flagText(f, t));
  return {
    label,
    description: flags.length ? flags.join('; ') : roles,
    tooltip: [label, c.tenantId, t('roles: {0}', roles), endText(c, nowMs, t), ...flags],
    flagged: flags.length > 0,
  };
}
