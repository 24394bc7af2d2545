import type { TenantSkus } from '../tenant/tenant-skus';
import { formatLocalTime } from '../text/time';
import { fileLine, userLineWord } from '../text/tenant-text';
import { skuWord } from '../tenant/sku-words';
import type { ReclaimHolder, TenantReport } from './tenant-report';

/** The findings a removal file can be made from. */
export type ReclaimKind = 'redundant' | 'disabled' | 'inactive';
export const RECLAIM_KINDS: readonly ReclaimKind[] = ['redundant', 'disabled', 'inactive'];

/**
 * A `.licenses` file that removes exactly the licenses of one finding: the direct copies a group
 * already gives, or the direct licenses of disabled accounts or of inactive users. One block per SKU
 * (`remove SKU` and its holders). It is for preview: plan and apply it like any file. Group licenses
 * cannot be removed by a file; they are named in comments (remove the user from the group instead).
 * Undefined: the finding is empty (or sign-ins were not read), there is nothing to remove.
 */
export function reclaimFile(report: TenantReport, kind: ReclaimKind, skus: TenantSkus): string | undefined {
  const bySku = new Map<string, { user: string; comment?: string }[]>();
  // Tenant text (UPNs, group names) goes through the one rule for generated files: a group named
  // `x"\nassign SPE_E5` stays inside its comment instead of becoming a directive.
  const add = (skuId: string, holder: { user: string; userId: string }, comment?: string) =>
    bySku.set(skuId, [
      ...(bySku.get(skuId) ?? []),
      { user: userLineWord(holder.user, holder.userId), comment: comment && fileLine(comment) },
    ]);
  let header: string;
  if (kind === 'redundant') {
    header =
      'Direct copies of licenses these users also get from a group: removing them frees no seat and the users keep the license.';
    for (const r of report.redundantDirect) add(r.skuId, r, `kept from ${r.groups.join(', ')}`);
  } else {
    const holders: readonly ReclaimHolder[] =
      kind === 'disabled' ? report.disabledAccounts : report.inactive.available ? report.inactive.users : [];
    header =
      kind === 'disabled'
        ? 'Direct licenses of disabled accounts (accountEnabled false).'
        : `Direct licenses of users with no sign-in for ${report.inactive.days} days (or never).`;
    for (const h of holders) {
      const seen = h.lastSignIn
        ? `last sign-in ${h.lastSignIn.slice(0, 10)}`
        : kind === 'inactive'
          ? 'never signed in'
          : undefined;
      const groups = h.inherited.length
        ? `also holds ${h.inherited.join(' ')} through groups: remove them from the group`
        : undefined;
      const comment = [seen, groups].filter(Boolean).join('; ') || undefined;
      for (const d of h.direct) add(d.skuId, h, comment);
    }
  }
  if (bySku.size === 0) return undefined;
  const lines = [
    `# Reclaim: ${header}`,
    `# From the license report of ${fileLine(report.tenant)}, read ${formatLocalTime(report.readAt)}. Review the preview before applying.`,
  ];
  for (const [skuId, users] of [...bySku].sort(([a], [b]) => skuWord(skus, a).localeCompare(skuWord(skus, b)))) {
    lines.push('', `remove ${skuWord(skus, skuId)}`);
    for (const u of users) lines.push(`${u.user}${u.comment ? `  # ${u.comment}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
