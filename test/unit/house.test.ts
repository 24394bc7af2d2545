import * as assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const src = join(root, 'src');

function folders(dir: string): string[] {
  return [dir, ...readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? folders(join(dir, n)) : []))];
}
const filesOf = (dir: string) => readdirSync(dir).filter((n) => !statSync(join(dir, n)).isDirectory());

describe('the house: rooms a name leads to', () => {
  it('no folder of src holds more than 20 files of its own', () => {
    const crowded = folders(src)
      .map((d) => [relative(root, d), filesOf(d).length] as const)
      .filter(([, n]) => n > 20);
    assert.deepEqual(crowded, [], 'split these folders into rooms of one job');
  });

  it('no two source files have names that only swap words (plan-user / user-plan)', () => {
    const byWords = new Map<string, string[]>();
    for (const d of folders(src))
      for (const f of filesOf(d).filter((n) => n.endsWith('.ts'))) {
        const words = f.replace(/\.ts$/, '').split('-');
        const key = [...words].sort().join('-');
        byWords.set(key, [...(byWords.get(key) ?? []), relative(root, join(d, f))]);
      }
    const swapped = [...byWords.values()].filter((paths) => new Set(paths.map((p) => p.replace(/^.*\//, ''))).size > 1);
    assert.deepEqual(swapped, []);
  });
});
