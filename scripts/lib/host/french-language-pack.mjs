// A French language pack for the host tests, built at test time from the extension's own bundles,
// so that the French UI is tested in a real VS Code without downloading Microsoft's pack:
//   - `contributes.localizations` declares `fr`, which makes code-server accept `--locale fr`;
//   - its `vscode` translations are empty (the workbench stays English: only this extension is
//     under test), its translations for this extension's id are package.nls.fr.json (`package`)
//     and l10n/bundle.l10n.fr.json (`bundle`), the shape language packs give extensions.
// The extension also ships those files itself; the pack only names them for the extension's id,
// as a published language pack would.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { REPO, run } from './util.mjs';
import { PRODUCT_ID, SetupError } from './product.mjs';

const VSCE = path.join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce');
const FRENCH = 'fr';

const readJson = (file) => JSON.parse(readFileSync(path.join(REPO, file), 'utf8'));

/** Writes the pack into `outDir`/french-language-pack and packages it; returns the .vsix path. */
export function buildFrenchLanguagePack(outDir) {
  const staging = path.join(outDir, 'french-language-pack');
  mkdirSync(path.join(staging, 'translations'), { recursive: true });
  const version = readJson('package.json').engines.vscode;
  const manifest = {
    name: 'm365-licenses-test-language-pack-fr',
    displayName: 'French language pack for the m365-licenses host tests (test only, never shipped)',
    description: "Declares the fr locale and this extension's French bundles, for the French UI host test.",
    version: '0.0.1',
    publisher: 'bulk-licensing-tests',
    private: true,
    license: 'MIT',
    engines: { vscode: version },
    categories: ['Language Packs'],
    contributes: {
      localizations: [
        {
          languageId: FRENCH,
          languageName: 'French',
          localizedLanguageName: 'français',
          translations: [
            { id: 'vscode', path: './translations/main.i18n.json' },
            { id: PRODUCT_ID, path: `./translations/${PRODUCT_ID}.i18n.json` },
          ],
        },
      ],
    },
  };
  writeFileSync(path.join(staging, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(
    path.join(staging, 'README.md'),
    '# Test-only French language pack\n\nBuilt by scripts/lib/host/french-language-pack.mjs.\n',
  );
  writeFileSync(
    path.join(staging, 'translations', 'main.i18n.json'),
    JSON.stringify({ version: '1.0.0', contents: {} }),
  );
  const product = {
    version: '1.0.0',
    contents: { package: readJson('package.nls.fr.json'), bundle: readJson('l10n/bundle.l10n.fr.json') },
  };
  writeFileSync(path.join(staging, 'translations', `${PRODUCT_ID}.i18n.json`), JSON.stringify(product, null, 2));
  const out = path.join(outDir, 'french-language-pack.vsix');
  const status = run(
    process.execPath,
    [VSCE, 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '-o', out],
    {
      cwd: staging,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  if (status !== 0 || !existsSync(out))
    throw new SetupError(`packaging the French language pack with vsce failed (exit ${status})`);
  return out;
}

/**
 * What VS Code writes after installing a language pack from its UI (languagepacks.json in the
 * user data dir: src/vs/platform/languagePacks/node/languagePacks.ts): installing from the command
 * line skips that step, and without it `--locale fr` falls back to English. Run once the pack is
 * installed in `extensionsDir`.
 */
export function registerFrenchLanguagePack({ extensionsDir, userDataDir }) {
  const id = 'bulk-licensing-tests.m365-licenses-test-language-pack-fr';
  const folder = readdirSync(extensionsDir).find((name) => name.toLowerCase().startsWith(`${id}-`));
  if (!folder) throw new SetupError(`the French language pack is not installed in ${extensionsDir}`);
  const root = path.join(extensionsDir, folder);
  const { contributes, version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const [localization] = contributes.localizations;
  const translations = Object.fromEntries(localization.translations.map((t) => [t.id, path.join(root, t.path)]));
  const hash = createHash('md5').update(`${id}@${version}`).digest('hex');
  const packs = {
    [FRENCH]: {
      hash,
      extensions: [{ extensionIdentifier: { id }, version }],
      translations,
      label: localization.localizedLanguageName,
    },
  };
  writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs, null, 2));
}

/** A code-server config file that starts the workbench in French (`--locale fr`, given as its config). */
export function frenchCodeServerConfig(dir) {
  const file = path.join(dir, 'code-server-fr.yaml');
  writeFileSync(file, `locale: ${FRENCH}\n`);
  return file;
}
