/**
 * Layering of src/core, checked by `npm run lint` (dependency-cruiser). Every folder of src/core is a
 * room of one job and names the rooms it may import; anything else is an arrow pointing backwards.
 * The pipeline: text ← catalog ← format ← model ← desired (what the file wants) ← rules (findings)
 * and plan (what each user gets, against the tenant) ← results ← journal, verify ← run (Graph
 * writes) ← report (every word a person reads). Graph knows only Graph shapes; auth is every
 * sign-in; reads turn Graph pages into tenant state. Any cycle between two folders of src/core is
 * an error, and so is a cycle between two files anywhere.
 */
const core = (folder) => `^src/core/${folder}/`;

/** A folder of src/core that may import only itself and the named folders. */
const mayOnlyImport = (folder, allowed, why) => ({
  name: `core-${folder}-layer`,
  comment: why,
  severity: 'error',
  from: { path: core(folder) },
  to: { path: '^src/core/', pathNot: `^src/core/(${[folder, ...allowed].join('|')})/` },
});
const LAYERED = [
  'text',
  'settings',
  'catalog',
  'format',
  'model',
  'desired',
  'rules',
  'editor',
  'auth',
  'graph',
  'reads',
  'tenant',
  'plan',
  'results',
  'journal',
  'verify',
  'run',
  'report',
  'inventory',
  'undo',
  'setup',
  'numbers',
  'partner',
];

module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycle-in-core',
      comment: 'Two folders of src/core that import each other (through any path) are one layer in two places.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/core/[^/]+$' },
      to: { path: '^src/core/[^/]+$', circular: true },
    },
    {
      name: 'no-circular',
      comment: 'A cycle between files: load order decides what is undefined.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-stays-pure',
      comment:
        'src/core runs in the CLI, the extension and the bench: no VS Code, no emulator (a test double), no adapters.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: ['^src/(vscode|cli|emulator)/', '^src/[^/]+\\.ts$', '^vscode$'] },
    },
    mayOnlyImport('text', [], 'Plain string helpers: translation, plurals, distances.'),
    mayOnlyImport('settings', ['text'], 'Setting values and file locations, checked before anything reads them.'),
    mayOnlyImport('catalog', ['text'], "Microsoft's SKU table and licensing rules know nothing of files or tenants."),
    mayOnlyImport('format', ['text'], 'The file format is the bottom layer of the pipeline.'),
    mayOnlyImport('model', ['catalog', 'format', 'text'], 'A block resolved to SKUs and plans.'),
    mayOnlyImport('desired', ['catalog', 'format', 'model', 'text'], 'What the file wants for each user and group.'),
    mayOnlyImport(
      'rules',
      ['catalog', 'format', 'model', 'desired', 'tenant', 'text'],
      'The validator judges the file; it does not plan or write.',
    ),
    mayOnlyImport(
      'editor',
      ['catalog', 'format', 'model', 'desired', 'rules', 'tenant', 'text'],
      'Completion, hover and fix-all read the file, the catalog, the tenant state and the findings; never the planner or Graph.',
    ),
    mayOnlyImport('auth', ['settings', 'text'], 'Every sign-in: tokens, claims, federated assertions, clouds.'),
    mayOnlyImport(
      'graph',
      ['auth', 'settings', 'text'],
      'The Graph layer knows only Graph shapes: client, batching, pacing, failures.',
    ),
    mayOnlyImport('reads', ['graph', 'auth', 'text'], 'Reading the tenant through Graph: pages, users, groups, SKUs.'),
    mayOnlyImport(
      'tenant',
      ['catalog', 'format', 'graph', 'numbers', 'reads', 'text'],
      'The tenant state: SKUs with seats, groups, telephone numbers.',
    ),
    mayOnlyImport(
      'partner',
      ['auth', 'graph', 'reads', 'text'],
      "A partner's GDAP relationships, its customer tenants and whether a token can reach one: reads only.",
    ),
    mayOnlyImport(
      'plan',
      ['catalog', 'format', 'model', 'desired', 'graph', 'numbers', 'reads', 'tenant', 'text'],
      'The planner builds on the model, not on findings, and never on the run.',
    ),
    mayOnlyImport(
      'results',
      ['desired', 'graph', 'numbers', 'plan', 'tenant', 'text'],
      'What happened to each user and group.',
    ),
    mayOnlyImport(
      'journal',
      ['desired', 'graph', 'plan', 'results', 'text'],
      'The journal: lines, writer, reader (docs/journal.md).',
    ),
    mayOnlyImport(
      'verify',
      ['desired', 'graph', 'plan', 'reads', 'results', 'tenant', 'text'],
      'Read-back under eventual consistency.',
    ),
    mayOnlyImport(
      'run',
      [
        'auth',
        'catalog',
        'desired',
        'graph',
        'journal',
        'model',
        'numbers',
        'plan',
        'reads',
        'results',
        'settings',
        'tenant',
        'text',
        'verify',
      ],
      'The run executes a plan.',
    ),
    mayOnlyImport(
      'report',
      ['catalog', 'desired', 'graph', 'journal', 'numbers', 'plan', 'results', 'run', 'tenant', 'text', 'verify'],
      'Every word a person reads about a plan or a run.',
    ),
    mayOnlyImport(
      'inventory',
      ['catalog', 'desired', 'format', 'graph', 'numbers', 'plan', 'reads', 'report', 'tenant', 'text'],
      'Export and the license report read the tenant and write files; they never validate, write to Graph or edit.',
    ),
    mayOnlyImport(
      'undo',
      ['catalog', 'desired', 'format', 'graph', 'journal', 'numbers', 'plan', 'reads', 'results', 'tenant', 'text'],
      'Undo reads a journal and the tenant and writes a .licenses file; the file is then checked and applied like any other.',
    ),
    mayOnlyImport(
      'numbers',
      ['format', 'graph', 'reads', 'auth', 'text'],
      'Teams telephone numbers: the inventory, assign and unassign with their operations, read-back; E.164.',
    ),
    mayOnlyImport(
      'setup',
      ['auth', 'graph', 'settings', 'text'],
      'App registration: the setup command and its permissions.',
    ),
    {
      name: 'core-folder-has-layer',
      comment: 'A new folder of src/core names the rooms it may import (mayOnlyImport above).',
      severity: 'error',
      from: { path: '^src/core/', pathNot: `^src/core/(${LAYERED.join('|')})/` },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^out/', '^dist/', 'catalog-data\\.generated\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
