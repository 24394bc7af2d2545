import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * What `npm install -g m365-licenses` gets: the bundled CLI and its documents, not the sources,
 * tests, tools or the licensing table (the CLI carries the catalog inside dist/cli.js).
 */
const ROOT = resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'));

describe('npm pack', function () {
  this.timeout(60_000);
  let shipped: string[];
  before(() => {
    // The CLI bundle is built, not committed: a fresh checkout builds it first, as `npm publish` would.
    if (!existsSync(resolve(ROOT, 'dist', 'cli.js')))
      execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'ignore' });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    shipped = (JSON.parse(out) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
  });

  it('ships the CLI the bin entry names, with the README and the license', () => {
    for (const bin of Object.values(manifest.bin as Record<string, string>))
      assert.ok(shipped.includes(bin.replace(/^\.\//, '')), `${bin} (bin) is not shipped: ${shipped.join(', ')}`);
    for (const doc of ['README.md', 'LICENSE', 'package.json'])
      assert.ok(shipped.includes(doc), `${doc} is not shipped`);
  });

  it('ships no sources, tests, tools, extension bundles or data tables', () => {
    const unwanted = shipped.filter(
      (f) =>
        /^(src|test|out|scripts|bench|data|build|media|samples|walkthrough)\//.test(f) ||
        /\.(ts|map|vsix)$/.test(f) ||
        /^dist\/(extension|engine|web-extension)\.js$/.test(f),
    );
    assert.deepEqual(unwanted, []);
    assert.ok(shipped.length < 15, `${shipped.length} files: ${shipped.join(', ')}`);
  });
});
