import * as assert from 'node:assert/strict';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * VS Code for the Web runs package.json's `browser` entry in a web worker: no Node.js. What the
 * manifest declares there is checked here; the entry running in a real web worker extension host
 * is test/web (scripts/run-web-tests.mjs).
 */
const ROOT = resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'));
const shipped = readFileSync(resolve(ROOT, '.vscodeignore'), 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('!'))
  .map((l) => l.slice(1).trim());

describe('the browser entry (vscode.dev, github.dev)', function () {
  this.timeout(30_000);

  it('is declared, built by scripts/build.mjs and shipped in the .vsix', () => {
    assert.equal(manifest.browser, './dist/web-extension.js');
    assert.match(readFileSync(resolve(ROOT, 'scripts', 'build.mjs'), 'utf8'), /outfile: 'dist\/web-extension\.js'/);
    for (const file of ['dist/web-extension.js', 'dist/extension.js', 'dist/engine.js', 'dist/catalog-data.js'])
      assert.ok(shipped.includes(file), `.vscodeignore does not ship ${file}`);
  });

  it('bundles for a web worker with nothing but the vscode module (no Node built-in)', async () => {
    const out = await build({
      entryPoints: [resolve(ROOT, 'src', 'web-extension.ts')],
      bundle: true,
      platform: 'browser',
      format: 'cjs',
      write: false,
      external: ['vscode'],
      logLevel: 'silent',
    });
    const required = new Set([...out.outputFiles[0].text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
    assert.deepEqual([...required], ['vscode']);
  });

  it("declares truthfully where the extension runs: with the workspace's files, and only in part in virtual workspaces (journals are written with Node fs)", () => {
    assert.deepEqual(manifest.extensionKind, ['workspace']);
    assert.equal(manifest.capabilities?.virtualWorkspaces?.supported, 'limited');
    assert.match(
      manifest.capabilities.virtualWorkspaces.description,
      /^%.+%$/,
      'the description is not translated through package.nls.json',
    );
  });

  it('the Licenses view has a container of its own, and says in the browser why it stays empty', () => {
    const container = manifest.contributes.viewsContainers?.activitybar?.find(
      (c: { id: string }) => c.id === 'licenses',
    );
    assert.ok(container, 'no activity bar container "licenses"');
    assert.ok(shipped.includes(container.icon), `${container.icon} is not shipped`);
    assert.ok(manifest.contributes.views.licenses?.some((v: { id: string }) => v.id === 'licenses.tenant'));
    const welcome = manifest.contributes.viewsWelcome
      .filter((w: { view: string }) => w.view === 'licenses.tenant')
      .map((w: { when?: string }) => w.when);
    assert.deepEqual(welcome.sort(), ['!licenses.web', 'licenses.web']);
  });

  it('the walkthrough ticks "Create a .licenses file" when a file exists, not when the command ran', () => {
    const step = manifest.contributes.walkthroughs[0].steps.find((s: { id: string }) => s.id === 'newFile');
    assert.deepEqual(step.completionEvents, ['onContext:licenses.fileMade']);
    assert.match(
      readFileSync(resolve(ROOT, 'src', 'vscode', 'walkthrough-progress.ts'), 'utf8'),
      /LICENSES_FILE_MADE = 'licenses\.fileMade'/,
    );
  });
});
