import type { GraphUser } from '../graph/resources';
import { formatLocalTime } from '../text/time';
import type { GroupNames } from '../plan/holding';
import type { TenantSkus } from '../tenant/tenant-skus';
import { fileLine, userLineWord } from '../text/tenant-text';
import { planWord, skuWord } from '../tenant/sku-words';
import { directSetKey, userLicenses, type DirectLicense, type UserLicenses } from './user-licenses';

/**
 * The tenant as a `.licenses` file (docs/format.md): users with identical direct licenses (the same
 * SKUs, the same disabled plans) share a block that starts with `exact`, so the block states their
 * whole direct set; `disable` lines carry their disabled plans. Group licenses are comments naming
 * the group: `exact` never touches them, and a file cannot change them. Users with no direct license
 * are listed as comments (nothing direct to state). Planning the file against the same tenant changes nothing.
 */
export interface ExportOptions {
  /** How the tenant is named in the header ("Contoso (demo tenant)", a tenant id). */
  readonly tenantLabel: string;
  /** When the tenant was read, for the header. */
  readonly readAt: Date;
  /** What was read, for the header: "every licensed user", "holders of E5", "the users of x.licenses". */
  readonly scope: string;
  /** The Teams numbers users hold, by lower-cased user id (the inventory); absent when it could not be read. */
  readonly numbers?: ReadonlyMap<string, readonly string[]>;
}

export interface ExportedFile {
  readonly text: string;
  readonly users: number;
  readonly blocks: number;
}

interface Block {
  readonly direct: readonly DirectLicense[];
  readonly users: {
    readonly reference: string;
    readonly licenses: UserLicenses;
    readonly numbers: readonly string[];
  }[];
}

/**
 * How a user is written: the UPN when it reads back as one user line (name@domain, no space, no
 * `#` that would start a comment at the line start), else the object id, which always does.
 */
const userWord = (user: GraphUser): string => userLineWord(user.userPrincipalName, user.id);

/** A number as the inventory gives it: `+`, 4 to 15 digits, and a Direct Routing `;ext=`. */
const CANONICAL = /^\+\d{4,15}(;ext=\d{1,10})?$/;

/** A comment stays on its line: tenant text goes through the one rule for generated files. */
const oneLine = fileLine;

export function exportLicensesFile(
  users: readonly GraphUser[],
  skus: TenantSkus,
  groupNames: GroupNames,
  options: ExportOptions,
): ExportedFile {
  const blocks = new Map<string, Block>();
  for (const user of users) {
    const licenses = userLicenses(user, groupNames);
    const key = directSetKey(licenses.direct);
    // SKUs by the name the file gives them, so a reviewer reads `assign ENTERPRISEPACK MCOMEETADV`.
    const direct = [...licenses.direct].sort((a, b) => skuWord(skus, a.skuId).localeCompare(skuWord(skus, b.skuId)));
    const block = blocks.get(key) ?? { direct, users: [] };
    block.users.push({
      reference: userWord(user),
      licenses,
      numbers: options.numbers?.get(user.id.toLowerCase()) ?? [],
    });
    blocks.set(key, block);
  }
  // Most users first; the block of users with no direct license last, as it states the least.
  const ordered = [...blocks.entries()].sort(
    ([ka, a], [kb, b]) =>
      Number(a.direct.length === 0) - Number(b.direct.length === 0) ||
      b.users.length - a.users.length ||
      ka.localeCompare(kb),
  );
  const blockCount = ordered.filter(([, b]) => b.direct.length > 0).length;
  const lines = [
    `# Licenses of ${oneLine(options.tenantLabel)}: ${options.scope}, read ${formatLocalTime(options.readAt)} by m365-licenses export.`,
    '# Each block states the whole set of direct licenses of its users (`exact`): planning this file against',
    '# the same tenant changes nothing. Group licenses are comments: only the group changes them.',
    `# ${users.length} ${users.length === 1 ? 'user' : 'users'} in ${blockCount} ${blockCount === 1 ? 'block' : 'blocks'}.`,
  ];
  for (const [, block] of ordered) {
    lines.push('');
    const byName = [...block.users].sort((a, b) => a.reference.toLowerCase().localeCompare(b.reference.toLowerCase()));
    if (block.direct.length === 0) {
      // Nothing direct to state: an `exact` block with no `assign` would read as "take every direct
      // license away" (the validator warns of it). Listed, as comments, so the file names them all.
      lines.push(
        '# No direct license: these users hold licenses only through groups, which only the group changes.',
        '# To give one of them direct licenses, move the user (without the #) into a block.',
        ...byName.map((u) => `#   ${u.reference}${inheritedComment(u.licenses, skus)}`),
      );
      continue;
    }
    lines.push('exact');
    if (block.direct.length) lines.push(`assign ${block.direct.map((l) => skuWord(skus, l.skuId)).join(' ')}`);
    for (const l of block.direct) {
      if (l.disabledPlans.length)
        lines.push(
          `disable ${skuWord(skus, l.skuId)}: ${l.disabledPlans.map((p) => planWord(skus, l.skuId, p)).join(' ')}`,
        );
    }
    for (const u of byName) {
      // One number goes on the line; several cannot (a line carries one): named in a comment, left alone.
      // Tenant text: only a canonical E.164 number goes on the line; anything else is a comment.
      const writable = u.numbers.length === 1 && CANONICAL.test(u.numbers[0]);
      const number = writable ? `   ${u.numbers[0]}` : '';
      const several = u.numbers.length && !writable ? `  # holds the numbers ${u.numbers.map(oneLine).join(' ')}` : '';
      lines.push(`${u.reference}${number}${inheritedComment(u.licenses, skus)}${several}`);
    }
  }
  return { text: `${lines.join('\n')}\n`, users: users.length, blocks: blockCount };
}

/** `  # from group "All Sales" (id): ENTERPRISEPACK; ...`, empty when the user inherits nothing. */
function inheritedComment(licenses: UserLicenses, skus: TenantSkus): string {
  const byGroup = new Map<string, string[]>();
  for (const l of licenses.inherited)
    byGroup.set(l.groupLabel, [...(byGroup.get(l.groupLabel) ?? []), skuWord(skus, l.skuId)]);
  const parts = [...byGroup].map(([group, list]) => `from group ${oneLine(group)}: ${list.join(' ')}`);
  for (const f of licenses.failed)
    parts.push(`group ${f.groupId} could not give ${skuWord(skus, f.skuId)} (${oneLine(f.error)}), not held`);
  return parts.length ? `  # ${parts.join('; ')}` : '';
}
