import { isPredictedRefusal } from '../plan/license-rules';
import type { RunPlan } from '../plan/plan-run';
import { shortfallBlocker } from '../plan/seats';
import type { UserPlan } from '../plan/user-plan';
import { formatBlocker, formatPlanLine } from '../run/format-results';
import { planTotals } from '../run/plan-totals';

export interface PreviewHeader {
  readonly file: string;
  readonly tenant: string;
  readonly at: Date;
}

/**
 * The dry run as a document an admin reads before writing anything: totals, the seats check,
 * then every user, grouped by what will happen to them.
 */
export function renderPreview(plan: RunPlan, header: PreviewHeader): string {
  const change = plan.users.filter((u) => u.kind === 'change');
  const unchanged = plan.users.filter((u) => u.kind === 'unchanged');
  const failed = plan.users.filter((u) => u.kind === 'failed');
  const totals = planTotals(plan);
  const lines = [
    `# Preview: ${header.file}`,
    '',
    `Tenant: ${header.tenant} · read ${header.at.toISOString()} · nothing has been written.`,
    '',
    `## Totals`,
    '',
    `- ${plan.users.length} users: ${totals.change} to change, ${totals.unchanged} already as wanted, ${totals.failing} that will not be written`,
    ...changeSummary(plan).map((l) => `- ${l}`),
  ];
  if (plan.blockers.length > 0) {
    lines.push('', '## Blocked: nothing will be written until these are fixed', '', ...plan.blockers.map((b) => `- ${formatBlocker(b)}`));
  }
  lines.push('', '## Seats', '');
  if (plan.shortfalls.length === 0) lines.push('- Enough seats for every SKU this run assigns.');
  // One wording with the blocker: an over-assigned or suspended SKU shows its real numbers.
  for (const s of plan.shortfalls) lines.push(`- ✗ ${shortfallBlocker(s).message}`);

  section(lines, `Will change (${change.length})`, change);
  section(lines, `Will not be written (${failed.length}): not found, inherited from a group, refused by the license rules, ...`, failed);
  section(lines, `Already as wanted (${unchanged.length})`, unchanged);
  lines.push('', 'Legend: + added, - removed, ~ disabled plans changed, = unchanged, ✗ will fail, ⚠ sent but wasteful. Run "Licenses: Apply License File" to write.', '');
  return lines.join('\n');
}

function section(lines: string[], title: string, users: readonly UserPlan[]): void {
  if (users.length === 0) return;
  lines.push('', `## ${title}`, '', '```');
  for (const u of users) lines.push(formatPlanLine(u));
  lines.push('```');
}

/**
 * Per SKU, how many users gain it, lose it, or get other disabled plans in it: the preview's
 * totals and the confirmation dialog's summary (an admin turning Exchange off for a department
 * must see that SKU named before saying yes).
 */
export function changeSummary(plan: RunPlan): string[] {
  const t = planTotals(plan);
  return [
    ...[...t.adds].map(([sku, n]) => `+${sku}: ${n} user(s)`),
    ...[...t.removes].map(([sku, n]) => `-${sku}: ${n} user(s)`),
    ...[...t.disabledPlanChanges].map(([sku, n]) => `~${sku}: other disabled plans for ${n} user(s)`),
    ...(t.usageLocations ? [`usage location set on ${t.usageLocations} user(s)`] : []),
    ...licenseRuleRemarks(plan),
  ];
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/**
 * Refusals predicted from the users' resulting licenses, and new licenses that add nothing: the
 * admin must see both before saying yes (the first are not sent, the second cost a seat each).
 * Part of changeSummary; the CLI's confirmation can print it next to its totals.
 */
export function licenseRuleRemarks(plan: RunPlan): string[] {
  const refused = plan.users.filter((u) => u.kind === 'failed' && isPredictedRefusal(u.error?.code)).length;
  const redundant = new Map<string, number>();
  for (const u of plan.users) if (u.kind === 'change') for (const r of u.redundant ?? []) bump(redundant, r.partNumber);
  return [
    ...(refused ? [`✗ ${refused} user(s) Graph would refuse (mutually exclusive plans or a missing required plan): not sent`] : []),
    ...[...redundant].map(([sku, n]) => `⚠ +${sku}: ${n} user(s) already get its plans from another license (a seat used for nothing)`),
  ];
}
