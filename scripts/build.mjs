#!/usr/bin/env node
// Bundles the extension and the CLI with esbuild: one file each, so the .vsix ships no node_modules
// and activation loads a single module. MSAL and the Graph client are bundled too but only
// required on first use (see src/vscode/engine-bundle-loader.ts).
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

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

await Promise.all([
  // Two bundles: the language features load at activation, the engine (Graph client, MSAL, demo
  // tenant) on the first command that needs a tenant. See src/vscode/engine-bundle-loader.ts.
  build({
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode', './engine.js'],
    // The bundle's first and last statements: activate() reports how long evaluating it took.
    // ("use strict" first: a banner before esbuild's own directive would turn strict mode off.)
    banner: { js: '"use strict"; var __bundleLoadStart = performance.now(), __bundleLoadEnd;' },
    footer: { js: '__bundleLoadEnd = performance.now();' },
  }),
  build({ ...common, entryPoints: ['src/engine-bundle.ts'], outfile: 'dist/engine.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
chmodSync('dist/cli.js', 0o755);
console.log(`built dist/extension.js and dist/cli.js${production ? ' (production)' : ''}`);
