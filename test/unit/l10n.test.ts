import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('French UI', () => {
  it('translates every string the extension shows through vscode.l10n.t', () => {
    const bundle = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.fr.json'), 'utf8')) as Record<string, string>;
    const used = new Set<string>();
    for (const file of [...sources(join(root, 'src', 'vscode')), join(root, 'src', 'extension.ts')]) {
      for (const m of readFileSync(file, 'utf8').matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) used.add(m[1].replace(/\\'/g, "'"));
    }
    assert.ok(used.size > 30, `found only ${used.size} strings`);
    assert.deepEqual([...used].filter((s) => !(s in bundle)), []);
  });

  it('translates every contributed title and setting description', () => {
    const en = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const fr = JSON.parse(readFileSync(join(root, 'package.nls.fr.json'), 'utf8')) as Record<string, string>;
    assert.deepEqual(Object.keys(en).filter((k) => !(k in fr)), []);
    const manifest = readFileSync(join(root, 'package.json'), 'utf8');
    const referenced = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.deepEqual(referenced.filter((k) => !(k in en)), []);
  });
});
