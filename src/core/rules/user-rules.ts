import { shown } from '../format/parse';
import type { ParsedFile } from '../format/types';
import type { BlockModel } from './block-model';
import { finding, type Finding } from './finding';

/** Duplicates inside a block, and a SKU assigned in one block but removed in another for the same user. */
export function userRules(parsed: ParsedFile, models: readonly BlockModel[], findings: Finding[]): void {
  // One map for the whole file (this runs on every keystroke in 50,000-user files): the block and
  // line where each user was last seen, packed in one number to spare an object per user.
  const LINES = 2 ** 22;
  const lastSeen = new Map<string, number>();
  const blocksOfUser = new Map<string, number[]>(); // only users in several blocks
  for (const model of models) {
    const blockIndex = model.block.index;
    for (const user of model.block.users) {
      const seen = lastSeen.get(user.key);
      if (seen !== undefined && Math.floor(seen / LINES) === blockIndex) {
        findings.push(
          finding('duplicate-user', `${shown(user.token.text)} is already listed in this block (line ${(seen % LINES) + 1}).`, user.line, user.token.start, user.token.end, { deleteLine: true }),
        );
        continue;
      }
      lastSeen.set(user.key, blockIndex * LINES + user.line);
      if (seen !== undefined) {
        const list = blocksOfUser.get(user.key);
        if (list) list.push(blockIndex);
        else blocksOfUser.set(user.key, [Math.floor(seen / LINES), blockIndex]);
      }
    }
  }

  for (const [key, blockIndexes] of blocksOfUser) {
    const assigned = new Map<string, string>();
    const removed = new Map<string, string>();
    for (const i of blockIndexes) {
      for (const u of models[i].assigned) assigned.set(u.key, u.sku?.partNumber ?? u.written);
      for (const u of models[i].removed) removed.set(u.key, u.sku?.partNumber ?? u.written);
    }
    const both = [...assigned.keys()].filter((k) => removed.has(k));
    if (both.length === 0) continue;
    const lastBlock = models[blockIndexes[blockIndexes.length - 1]].block;
    const entry = lastBlock.users.find((u) => u.key === key)!;
    findings.push(
      finding('assign-and-remove', `${shown(entry.token.text)} gets ${both.map((k) => assigned.get(k)).join(', ')} both assigned and removed across its blocks; keep one.`, entry.line, entry.token.start, entry.token.end),
    );
  }

  if (parsed.hasDirectives) {
    const first = models[0];
    if (first && first.block.directives.length === 0 && first.block.users.length > 0) {
      const u = first.block.users[0];
      findings.push(
        finding('users-without-directives', `${first.block.users.length} user(s) come before the first directive, so nothing applies to them: directives apply to the users that follow them.`, u.line, u.token.start, u.token.end),
      );
    }
  }
}
