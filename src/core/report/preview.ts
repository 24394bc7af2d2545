import type { RunPlan } from '../plan/plan-run';
import type { UserPlan } from '../plan/user-plan';
import { formatBlocker, formatPlanLine } from '../run/format-results';

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
  const lines = [
    `# Preview: ${header.file}`,
    '',
    `Tenant: ${header.tenant} · read ${header.at.toISOString()} · nothing has been written.`,
    '',
    `## Totals`,
    '',
    `- ${plan.users.length} users: ${change.length} to change, ${unchanged.length} already as wanted, ${failed.length} that will not be written`,
    ...perSkuTotals(change),
  ];
  if (plan.blockers.length > 0) {
    lines.push('', '## Blocked: nothing will be written until these are fixed', '', ...plan.blockers.map((b) => `- ${formatBlocker(b)}`));
  }
  lines.push('', '## Seats', '');
  if (plan.shortfalls.length === 0) lines.push('- Enough seats for every SKU this run assigns.');
  for (const s of plan.shortfalls) lines.push(`- ✗ ${s.partNumber}: needs ${s.needed}, ${s.available + s.freed} available (${s.freed} freed by this run): ${s.missing} missing.`);

  section(lines, `Will change (${change.length})`, change);
  section(lines, `Will not be written (${failed.length}): not found, inherited from a group, ...`, failed);
  section(lines, `Already as wanted (${unchanged.length})`, unchanged);
  lines.push('', 'Legend: + added, - removed, ~ disabled plans changed, = unchanged, ✗ will fail. Run "Licenses: Apply License File" to write.', '');
  return lines.join('\n');
}

function perSkuTotals(users: readonly UserPlan[]): string[] {
  const adds = new Map<string, number>();
  const removes = new Map<string, number>();
  let locations = 0;
  for (const u of users) {
    for (const a of u.add) if (a.why === 'new') adds.set(a.partNumber, (adds.get(a.partNumber) ?? 0) + 1);
    for (const r of u.remove) removes.set(r.partNumber, (removes.get(r.partNumber) ?? 0) + 1);
    if (u.setUsageLocation) locations++;
  }
  return [
    ...[...adds].map(([sku, n]) => `- +${sku}: ${n} user(s)`),
    ...[...removes].map(([sku, n]) => `- -${sku}: ${n} user(s)`),
    ...(locations ? [`- usage location set on ${locations} user(s)`] : []),
  ];
}

function section(lines: string[], title: string, users: readonly UserPlan[]): void {
  if (users.length === 0) return;
  lines.push('', `## ${title}`, '', '```');
  for (const u of users) lines.push(formatPlanLine(u));
  lines.push('```');
}

/** Per SKU, how many users gain or lose it: the confirmation dialog's summary. */
export function changeSummary(plan: RunPlan): string[] {
  return perSkuTotals(plan.users.filter((u) => u.kind === 'change')).map((l) => l.slice(2));
}
