import * as assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { definitionMessages, root, sources, translatedLiterals } from './fixtures/translated-texts';

const frenchBundle = (): Record<string, string> =>
  JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.fr.json'), 'utf8')) as Record<string, string>;

describe('French UI', () => {
  it('translates every string the extension, the CLI and the core hand a translator', () => {
    const bundle = frenchBundle();
    // The literals handed to a translator, and the validator's messages, which its rules hand over through say().
    const used = new Map([
      ...translatedLiterals([...sources(join(root, 'src')), join(root, 'src', 'extension.ts')]),
      ...definitionMessages(),
    ]);
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
