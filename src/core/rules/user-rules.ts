import type { ServicePlan } from '../catalog/catalog';
import { shown } from '../format/parse';
import type { Block, ParsedFile, UserEntry } from '../format/types';
import { enabledPlans, type BlockModel } from '../model/block-model'; // not the index: a re-export is a getter per call
import {
  bringsExclusivePlans,
  exclusiveCode,
  exclusiveConflicts,
  exclusiveMessage,
  type AssignedPlans,
  type ExclusiveConflict,
} from './voice-rules';
import { BLOCK_RULES } from './definitions/block';
import { USER_RULES } from './definitions/user';
import { VOICE_RULES } from './definitions/voice';
import { finding } from './finding';
import type { FindingList } from './finding-list';
import { say, sayCount } from './rule';

/** Duplicates inside a block, and a SKU assigned in one block but removed in another for the same user. */
export function userRules(parsed: ParsedFile, models: readonly BlockModel[], findings: FindingList): void {
  // One map for the whole file (this runs on every keystroke in 50,000-user files): where each user
  // was last seen, as the parser's own entry, so no object is made per user. Blocks hold
  // consecutive lines, so an entry belongs to the current block exactly when it is not above the
  // block's first line; any other block is found by its first line, which cannot collide.
  const lastSeen = new Map<string, UserEntry>();
  const starts = models.map((m) => firstLineOfBlock(m.block));
  // Only users in several blocks: their blocks, and their line in the last one (where findings go).
  const blocksOfUser = new Map<string, { blocks: number[]; last: UserEntry }>();
  for (let m = 0; m < models.length; m++) {
    const model = models[m];
    const blockIndex = model.block.index;
    const start = starts[blockIndex];
    for (let u = 0; u < model.block.users.length; u++) {
      const user = model.block.users[u];
      const seen = lastSeen.get(user.key);
      if (seen !== undefined && seen.line >= start) {
        if (findings.admits('duplicate-user', user.line, user.token.start, user.token.end)) {
          findings.push(
            finding(
              'duplicate-user',
              say(findings.t, USER_RULES['duplicate-user'], 'default', shown(user.token.text), seen.line + 1),
              user.line,
              user.token.start,
              user.token.end,
              { deleteLine: true },
            ),
          );
        }
        continue;
      }
      lastSeen.set(user.key, user);
      if (seen !== undefined) {
        const multi = blocksOfUser.get(user.key);
        if (multi) {
          multi.blocks.push(blockIndex);
          multi.last = user;
        } else blocksOfUser.set(user.key, { blocks: [blockAt(starts, seen.line), blockIndex], last: user });
      }
    }
  }

  // Users listed in the same blocks share the answer: work it out once per set of blocks.
  const bySet = new Map<string, MergedBlocks>();
  for (const { blocks: blockIndexes, last: entry } of blocksOfUser.values()) {
    // One user in 26,000 blocks needs no name for its one set (joining the numbers cost more than merging).
    const setKey = blocksOfUser.size === 1 ? '' : blockIndexes.join(',');
    let merged = bySet.get(setKey);
    if (!merged) bySet.set(setKey, (merged = mergeBlocks(models, blockIndexes)));
    const { both, assigned, conflicts } = merged;
    if (both.length > 0) {
      if (findings.admits('assign-and-remove', entry.line, entry.token.start, entry.token.end)) {
        findings.push(
          finding(
            'assign-and-remove',
            say(
              findings.t,
              BLOCK_RULES['assign-and-remove'],
              'acrossBlocks',
              shown(entry.token.text),
              both.map((k) => assigned.get(k)).join(', '),
            ),
            entry.line,
            entry.token.start,
            entry.token.end,
          ),
        );
      }
    }
    for (const c of conflicts) {
      if (findings.admits(exclusiveCode(c), entry.line, entry.token.start, entry.token.end))
        findings.push(
          finding(
            exclusiveCode(c),
            say(
              findings.t,
              VOICE_RULES[exclusiveCode(c)],
              'acrossBlocks',
              shown(entry.token.text),
              c.first.use.line + 1,
              c.second.use.line + 1,
              exclusiveMessage(c, findings.t),
            ),
            entry.line,
            entry.token.start,
            entry.token.end,
          ),
        );
    }
  }

  if (parsed.hasDirectives) {
    const first = models[0];
    if (first && first.block.directives.length === 0 && first.block.users.length > 0) {
      const u = first.block.users[0];
      if (findings.admits('users-without-directives', u.line, u.token.start, u.token.end)) {
        const rule = USER_RULES['users-without-directives'];
        const message = sayCount(findings.t, rule, 'default', first.block.users.length);
        findings.push(finding('users-without-directives', message, u.line, u.token.start, u.token.end));
      }
    }
  }
}

/** A block's first line: its first directive's, or its first user's when it has none. */
const firstLineOfBlock = (block: Block): number => block.directives[0]?.line ?? block.users[0]?.line ?? 0;

/** The index of the block holding `line`, by binary search over the blocks' first lines (ascending). */
function blockAt(starts: readonly number[], line: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= line) low = middle;
    else high = middle - 1;
  }
  return low;
}

interface MergedBlocks {
  readonly assigned: ReadonlyMap<string, string>;
  /** SKU keys both assigned and removed. */
  readonly both: readonly string[];
  /** Mutually exclusive plans brought by SKUs of different blocks. */
  readonly conflicts: readonly ExclusiveConflict[];
}

/** What several blocks give one user, since their effects merge. */
function mergeBlocks(models: readonly BlockModel[], blockIndexes: readonly number[]): MergedBlocks {
  const assigned = new Map<string, string>();
  const removed = new Map<string, string>();
  // SKUs from different blocks must be able to be held together too; only SKUs with plans of an
  // exclusive group can conflict, so only they are listed. A user may be in 33,000 blocks that
  // repeat the same SKU: a repeat (same SKU, same enabled plans) can only pair where its first
  // word did not because both sat in one block, so the first word and the first one from another
  // block stand for all of them (a property test holds this to the word-by-word list).
  const withPlans: AssignedPlans[] = [];
  const repeats = new Map<string, RepeatedSku>();
  for (let b = 0; b < blockIndexes.length; b++) {
    const i = blockIndexes[b];
    const model = models[i];
    for (let k = 0; k < model.assigned.length; k++) {
      const use = model.assigned[k];
      assigned.set(use.key, use.sku?.partNumber ?? use.written);
      if (!use.sku) continue; // an unknown SKU has no plans
      const plans = enabledPlans(model, use);
      const seen = repeats.get(use.key);
      if (seen !== undefined && seen.plans === plans) {
        if (seen.settled || seen.block === i) continue;
        seen.settled = true;
        if (seen.exclusive) withPlans.push({ use, plans, block: i });
        continue;
      }
      const exclusive = bringsExclusivePlans(plans);
      // Only the first plan list of a SKU is remembered: another one (a block's disable) is listed word by word.
      if (seen === undefined) repeats.set(use.key, { plans, block: i, exclusive, settled: false });
      if (exclusive) withPlans.push({ use, plans, block: i });
    }
    for (let k = 0; k < model.removed.length; k++)
      removed.set(model.removed[k].key, model.removed[k].sku?.partNumber ?? model.removed[k].written);
  }
  const conflicts = exclusiveConflicts(withPlans, true);
  return { assigned, both: [...assigned.keys()].filter((k) => removed.has(k)), conflicts };
}

/**
 * A SKU met in the merged blocks: its first enabled plans and block, and whether a repeat from another block was
 * listed.
 */
interface RepeatedSku {
  readonly plans: readonly ServicePlan[];
  readonly block: number;
  readonly exclusive: boolean;
  settled: boolean;
}
