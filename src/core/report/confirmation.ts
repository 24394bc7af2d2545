import type { RunPlan } from '../plan/whole-plan';
import { oneLineText } from '../text/tenant-text';
import { formatPlanTotals, type PlanTotals } from '../plan/totals';
import { formatCount } from '../text/plural';
import { plural } from '../text/translate';
import { exactConfirmationLines } from './exact-preview';
import { licenseChangeText } from './license-words';
import { changeSummary, licenseRuleRemarks, planHeadlines } from './preview';
import { ENGLISH, type Words } from './report-view';

export interface ConfirmationInput {
  /** The tenant it writes to, as the status bar names it. */
  readonly tenant: string;
  /** Said first (a retry says what it sends again). */
  readonly note?: string;
}

/**
 * What an admin reads before saying yes to a write, the same in the VS Code dialog and the CLI's
 * prompt: the tenant, the headlines in three classes (groups counted as groups), per SKU what is added and removed
 * (with product
 * names), the groups and the members each reaches, and what `exact` removes. Each is one line: a group name
 * holding a line break cannot add a line of its own (a fake totals line) to what is confirmed.
 */
export function confirmationLines(plan: RunPlan, input: ConfirmationInput, words: Words = ENGLISH): string[] {
  return [
    ...(input.note ? [input.note, ''] : []),
    words.t('Tenant: {0}', input.tenant),
    ...planHeadlines(plan, words),
    ...changeSummary(plan, words),
    ...licenseRuleRemarks(plan, words),
    ...groupConfirmationLines(plan, words),
    ...exactConfirmationLines(plan, words.t),
  ].map(oneLineText);
}

/** One tenant of a run over several: its name as the admin reads it, its plan and totals. */
export interface TenantConfirmation {
  readonly tenant: string;
  readonly plan: RunPlan;
  readonly totals: PlanTotals;
}

/**
 * The one confirmation of a run over several tenants: a line of totals per tenant first (each
 * names its tenant), then each tenant's own confirmation, every line of it led by the tenant's name,
 * so no line shows one tenant's users or licenses without saying which tenant they are in.
 */
export function tenantsConfirmationLines(tenants: readonly TenantConfirmation[], words: Words = ENGLISH): string[] {
  const { t } = words;
  const lines = [plural(t, tenants.length, '{0} tenant, one confirmation:', '{0} tenants, one confirmation:')];
  for (const c of tenants) lines.push(`  ${t('{0}: {1}', c.tenant, formatPlanTotals(c.totals, t))}`);
  for (const c of tenants) {
    lines.push('');
    for (const line of confirmationLines(c.plan, { tenant: c.tenant }, words))
      lines.push(line ? `[${c.tenant}] ${line}` : '');
  }
  return lines;
}

/** The groups the run changes and the members each reaches. */
function groupConfirmationLines(plan: RunPlan, { t, locale }: Words): string[] {
  return (plan.groups ?? [])
    .filter((g) => g.kind === 'change')
    .map((g) => {
      const changes = licenseChangeText(
        {
          added: g.add.filter((a) => a.why === 'new').map((a) => a.partNumber),
          removed: g.remove.map((r) => r.partNumber),
          updated: g.add.filter((a) => a.why !== 'new').map((a) => a.partNumber),
        },
        t,
        locale,
      );
      return t('Group "{0}": {1} ({2} members)', g.displayName ?? g.group, changes, formatCount(g.members, locale));
    });
}
