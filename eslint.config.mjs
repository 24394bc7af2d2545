// ESLint flat config. Type-aware rules (typescript-eslint's project service reads tsconfig.json)
// over the TypeScript sources, tests and bench; the layering of src/core is checked twice: here per
// import (no `vscode`, no emulator), and by dependency-cruiser per folder (.dependency-cruiser.cjs).
import tseslint from 'typescript-eslint';

const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'AbortSignal',
    'require',
    'module',
    '__dirname',
    'URL',
    'Buffer',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'fetch',
    'performance',
    'structuredClone',
    'AbortController',
    'TextEncoder',
    'TextDecoder',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'build/**',
      'node_modules/**',
      '.vscode-test/**',
      'test/fixtures/**',
      'test/host-runner/**',
      'src/core/catalog/catalog-data.generated.ts',
    ],
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A promise nobody awaits loses its failure: a run must never lose a result.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Non-null assertions are used where an invariant holds (a key just set in a map).
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Tests and the bench run loopback HTTP servers with async request handlers; a handler that
    // rejects fails its test through the client's error, so only the argument position is relaxed.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }] },
  },
  {
    // The pure core: the CLI, the extension and the bench all run it, and the emulator is a test
    // double of Microsoft Graph, never a dependency of the engine.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core must not depend on VS Code: put the adapter in src/vscode.' }],
          patterns: [
            {
              group: ['**/emulator', '**/emulator/**'],
              message: 'src/core must not depend on the Graph emulator: it is a test double and the demo tenant.',
            },
          ],
        },
      ],
    },
  },
  {
    // Lines nobody has to scroll: 120 characters. A message literal is exempt, since its text is its
    // translation key (l10n bundles and the l10n test find it whole); comments and code are not.
    files: ['**/*.{ts,mjs,cjs,js}'],
    rules: {
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'scripts/**/*.cjs', 'test/**/*.mjs', 'eslint.config.mjs'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: nodeGlobals },
    rules: {
      'no-undef': 'error',
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-unreachable': 'error',
      'require-await': 'error',
    },
  },
  {
    // CommonJS scripts; and the functions the UI drivers hand the browser (page.evaluate) run there.
    files: ['scripts/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    files: ['scripts/lib/host/*.mjs', 'test/ui/*.mjs', 'test/web/*.mjs'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly', NodeFilter: 'readonly' } },
  },
);
