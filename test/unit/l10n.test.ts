import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const frenchBundle = (): Record<string, string> =>
  JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.fr.json'), 'utf8')) as Record<string, string>;

/** A single-quoted TypeScript literal's text. */
const literal = (quoted: string): string => quoted.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
const LITERAL = String.raw`'((?:[^'\\]|\\.)*)'`;

/**
 * Every message a source file hands a translator: `l10n.t('…')`, a core `t('…')` (any name ending
 * in `t` called with a literal first: `t(`, `findings.t(`, `translatorOf(io)(`), `deferred('…')`,
 * `noted(t, '…')`, and both messages of `plural(t, n, '…', '…')`. Where each was found, for the failure message.
 */
function translatedLiterals(files: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [
    new RegExp(String.raw`(?:\bl10n\.t|(?<![\w.])t|\.t|translatorOf\(\w+\))\(\s*${LITERAL}`, 'g'),
    new RegExp(String.raw`\bdeferred\(\s*${LITERAL}`, 'g'),
    new RegExp(String.raw`\bnoted\(\s*[\w.]+,\s*${LITERAL}`, 'g'),
    new RegExp(String.raw`\bplural\(\s*[\w.]+,\s*[^,]+,\s*${LITERAL},\s*${LITERAL}`, 'g'),
  ];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) {
      for (const m of text.matchAll(pattern)) {
        const line = text.slice(0, m.index).split('\n').length;
        for (const quoted of m.slice(1))
          if (quoted !== undefined && !found.has(literal(quoted)))
            found.set(literal(quoted), `${relative(root, file)}:${line}`);
      }
    }
  }
  return found;
}

describe('French UI', () => {
  it('translates every string the extension, the CLI and the core hand a translator', () => {
    const bundle = frenchBundle();
    const used = translatedLiterals([...sources(join(root, 'src')), join(root, 'src', 'extension.ts')]);
    assert.ok(
      used.size > 150,
      `found only ${used.size} strings: the search for l10n.t/t/plural calls no longer matches the sources`,
    );
    const missing = [...used].filter(([s]) => !(s in bundle)).map(([s, where]) => `${where}: ${JSON.stringify(s)}`);
    assert.deepEqual(missing, [], `no French in l10n/bundle.l10n.fr.json for:\n${missing.join('\n')}`);
  });

  it('keeps the placeholders of every message in its French', () => {
    const wrong = Object.entries(frenchBundle()).filter(([en, fr]) => {
      const holes = (s: string) => [...new Set(s.match(/\{\d+\}/g) ?? [])].sort().join();
      return holes(en) !== holes(fr);
    });
    assert.deepEqual(wrong, []);
  });

  it('translates every contributed title and setting description', () => {
    const en = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const fr = JSON.parse(readFileSync(join(root, 'package.nls.fr.json'), 'utf8')) as Record<string, string>;
    assert.deepEqual(
      Object.keys(en).filter((k) => !(k in fr)),
      [],
    );
    const manifest = readFileSync(join(root, 'package.json'), 'utf8');
    const referenced = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.deepEqual(
      referenced.filter((k) => !(k in en)),
      [],
    );
  });

  it('gives each command one French name, the same in the palette and in the walkthrough', () => {
    const fr = JSON.parse(readFileSync(join(root, 'package.nls.fr.json'), 'utf8')) as Record<string, string>;
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      contributes: { commands: { command: string; title: string }[] };
    };
    const nameOf = new Map(manifest.contributes.commands.map((c) => [c.command, fr[c.title.replace(/%/g, '')]]));
    const links = Object.values(fr).flatMap((text) => [...text.matchAll(/\[([^\]]+)\]\(command:([\w.]+)\)/g)]);
    const differing = links
      .filter(([, label, command]) => nameOf.has(command) && nameOf.get(command) !== label)
      .map(([link, , command]) => `${link} ≠ ${nameOf.get(command)}`);
    assert.deepEqual(differing, []);
  });

  it('names the preview command one way in French: Aperçu des modifications, never Prévisualiser', () => {
    const french = [
      readFileSync(join(root, 'package.nls.fr.json'), 'utf8'),
      readFileSync(join(root, 'l10n', 'bundle.l10n.fr.json'), 'utf8'),
    ].join('\n');
    assert.doesNotMatch(french, /[Pp]révisualis/);
  });

  it('shows the walkthrough pages in French: the page of each step is chosen through package.nls, and each has a French copy', () => {
    const manifest = readFileSync(join(root, 'package.json'), 'utf8');
    const en = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const fr = JSON.parse(readFileSync(join(root, 'package.nls.fr.json'), 'utf8')) as Record<string, string>;
    const keys = [...manifest.matchAll(/"markdown":\s*"([^"]*)"/g)].map((m) => m[1]);
    assert.ok(keys.length >= 4);
    for (const key of keys) {
      assert.match(
        key,
        /^%[^%]+%$/,
        `walkthrough media ${key} is a fixed path: VS Code would show it in English to everyone`,
      );
      const name = key.slice(1, -1);
      const [enPage, frPage] = [en[name], fr[name]];
      assert.ok(enPage && frPage && enPage !== frPage, `${name}: an English and a different French page`);
      for (const page of [enPage, frPage]) assert.ok(statSync(join(root, page)).isFile(), `${page} exists`);
      // The French page is a translation, not a copy: no English sentence of its page is left in it.
      const firstSentence = readFileSync(join(root, enPage), 'utf8').split('\n')[0];
      assert.ok(
        !readFileSync(join(root, frPage), 'utf8').includes(firstSentence),
        `${frPage} still holds "${firstSentence}"`,
      );
    }
  });
});
