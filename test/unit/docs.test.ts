import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RULES } from '../../src/core/rules/codes';

describe('documentation', () => {
  const rulesDoc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'rules.md'), 'utf8');

  it('docs/rules.md lists every diagnostic code with its real severity', () => {
    for (const [code, rule] of Object.entries(RULES)) {
      const row = rulesDoc.split('\n').find((l) => l.startsWith(`| \`${code}\` |`));
      assert.ok(row, `docs/rules.md has no row for ${code}`);
      assert.equal(row.split('|')[2].trim(), rule.severity, `severity of ${code}`);
    }
  });

  it('docs/rules.md documents no code that the validator does not have', () => {
    const documented = [...rulesDoc.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
    assert.deepEqual(
      documented.filter((c) => !(c in RULES)),
      [],
    );
  });
});

describe('citations of docs/graph-notes.md', () => {
  const root = join(__dirname, '..', '..', '..');
  const notes = readFileSync(join(root, 'docs', 'graph-notes.md'), 'utf8');
  const sections = new Set([...notes.matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.? /gm)].map((m) => m[1]));
  const steps = new Set([...notes.slice(notes.indexOf('## 12.')).matchAll(/^(\d+)\. /gm)].map((m) => m[1]));

  function files(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'fixtures' ? [] : files(path);
      return /\.(ts|mjs|cjs|js|sh|md)$/.test(name) ? [path] : [];
    });
  }
  const sources = ['src', 'test', 'scripts', 'bench']
    .flatMap((d) => files(join(root, d)))
    .map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));

  it('every "docs/graph-notes.md §N" in the code names a section (and step) that exists', () => {
    assert.ok(sections.has('1.3') && sections.has('12') && steps.has('9'), 'the page lost its numbering');
    const broken: string[] = [];
    for (const { path, text } of sources) {
      for (const m of text.matchAll(
        /docs\/graph-notes\.md((?:[\s,]*(?:and\s+)?§\d+(?:\.\d+)?(?:,? steps? \d+(?:[–-]\d+)?)?)+)/g,
      )) {
        for (const ref of m[1].matchAll(/§(\d+(?:\.\d+)?)(?:,? steps? (\d+)(?:[–-](\d+))?)?/g)) {
          if (!sections.has(ref[1])) broken.push(`${path}: §${ref[1]}`);
          for (const step of [ref[2], ref[3]])
            if (step && !steps.has(step)) broken.push(`${path}: §${ref[1]} step ${step}`);
        }
      }
    }
    assert.deepEqual(broken, []);
  });

  /**
   * Citations of notes a reader of this repository does not have. These files still carry some;
   * docs/graph-notes.md now holds what they point to. The list may only shrink.
   */

  it('no other file cites notes outside the repository (graph-notes without docs/, "issue N, step N", ../shared)', () => {
    const outside = /(?<!docs\/)graph-notes(?:\.md)? ?§|issue \d+, steps? \d|shared\/(?:docs|data)/;
    const offenders = sources.filter(({ path, text }) => outside.test(text) && !path.endsWith('docs.test.ts'));
    assert.deepEqual(
      offenders.map((o) => o.path),
      [],
    );
  });
});
