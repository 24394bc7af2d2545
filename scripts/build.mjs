#!/usr/bin/env node
// Bundles the extension and the CLI with esbuild: one file each, so the .vsix ships no node_modules
// and activation loads a single module. MSAL and the Graph client are bundled too but only
// required on first use (see src/vscode/engine-bundle-loader.ts).
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const production = process.argv.includes('--production') || process.env.NODE_ENV === 'production';
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

// The catalog's data (Microsoft's table, ~180 KB) is a module of its own, dist/catalog-data.js,
// which extension.js and engine.js (the planner and the demo tenant) both require: the .vsix
// carries it once for Node, and the extension host parses it once. It is required on first read,
// not when a bundle loads: activation (language features registered) never parses it. The browser
// entry cannot require a second file; it inlines its own copy, and a window loads either it or the
// Node entries.
const CATALOG_DATA = resolve('src/core/catalog/catalog-data.generated.ts');
const sharedCatalogData = {
  name: 'shared-catalog-data',
  setup(b) {
    b.onResolve({ filter: /catalog-data\.generated$/ }, (args) =>
      resolve(args.resolveDir, args.path) + '.ts' === CATALOG_DATA
        ? { path: 'catalog-data', namespace: 'lazy-catalog' }
        : undefined,
    );
    b.onResolve({ filter: /^\.\/catalog-data\.js$/ }, () => ({ path: './catalog-data.js', external: true }));
    // One getter per export of the generated file, each requiring the shared module on first use.
    b.onLoad({ filter: /.*/, namespace: 'lazy-catalog' }, () => {
      const names = [...readFileSync(CATALOG_DATA, 'utf8').matchAll(/^export const (\w+)/gm)].map((m) => m[1]);
      const getters = names.map((n) => `get ${n}() { return data().${n}; }`).join(', ');
      return {
        loader: 'js',
        contents: `const data = () => require("./catalog-data.js"); module.exports = { ${getters} };`,
      };
    });
  },
};

await Promise.all([
  // Two bundles: the language features load at activation, the engine (Graph client, MSAL, demo
  // tenant) on the first command that needs a tenant. See src/vscode/engine-bundle-loader.ts.
  build({
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode', './engine.js'],
    plugins: [sharedCatalogData],
    // The bundle's first and last statements: activate() reports how long evaluating it took.
    // ("use strict" first: a banner before esbuild's own directive would turn strict mode off.)
    banner: { js: '"use strict"; var __bundleLoadStart = performance.now(), __bundleLoadEnd;' },
    footer: { js: '__bundleLoadEnd = performance.now();' },
  }),
  build({
    ...common,
    entryPoints: ['src/engine-bundle.ts'],
    outfile: 'dist/engine.js',
    external: ['vscode'],
    plugins: [sharedCatalogData],
  }),
  build({ ...common, entryPoints: [CATALOG_DATA], outfile: 'dist/catalog-data.js' }),
  // VS Code for the Web: a web worker, no Node.js (src/web-extension.ts). A Node built-in pulled in
  // by mistake fails this build instead of the extension in vscode.dev.
  build({
    ...common,
    platform: 'browser',
    target: 'es2022',
    entryPoints: ['src/web-extension.ts'],
    outfile: 'dist/web-extension.js',
    external: ['vscode'],
  }),
  // The CLI stays one file: `npm install -g` ships dist/cli.js alone (package.json "files").
  build({ ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
chmodSync('dist/cli.js', 0o755);
console.log(
  `built dist/extension.js, engine.js, catalog-data.js, web-extension.js and cli.js${production ? ' (production)' : ''}`,
);
