/**
 * Layering of src/core, checked by `npm run lint` (dependency-cruiser). The folders are layers:
 * format (the file) ← model (its SKUs resolved) ← rules (findings) and plan (what each user wants,
 * against the tenant) ← run (Graph writes) ← report; graph knows only Graph shapes; text and
 * catalog sit below everything. Any cycle between two folders of src/core is an error, and so is
 * a cycle between two files anywhere.
 */
const core = (folder) => `^src/core/${folder}/`;
const anyOf = (...folders) => `^src/core/(${folders.join('|')})/`;

/** A folder that must not import the named ones (an arrow pointing backwards). */
const mustNotImport = (folder, forbidden, why) => ({
  name: `core-${folder}-not-${forbidden.join('-')}`,
  comment: why,
  severity: 'error',
  from: { path: core(folder) },
  to: { path: anyOf(...forbidden) },
});

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
      comment: 'src/core runs in the CLI, the extension and the bench: no VS Code, no emulator (a test double), no adapters.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: ['^src/(vscode|cli|emulator)/', '^src/[^/]+\\.ts$', '^vscode$'] },
    },
    mustNotImport('text', ['catalog', 'format', 'model', 'rules', 'plan', 'graph', 'run', 'report', 'editor'], 'Plain string helpers.'),
    mustNotImport('catalog', ['format', 'model', 'rules', 'plan', 'graph', 'run', 'report', 'editor'], "Microsoft's SKU table knows nothing of files or tenants."),
    mustNotImport('format', ['model', 'rules', 'plan', 'graph', 'run', 'report', 'editor'], 'The file format is the bottom layer of the pipeline.'),
    mustNotImport('model', ['rules', 'plan', 'graph', 'run', 'report', 'editor'], 'The resolved model is shared by rules and plan, so it can import neither.'),
    mustNotImport('rules', ['plan', 'graph', 'run', 'report', 'editor'], 'The validator judges the file; it does not plan or write.'),
    mustNotImport('graph', ['format', 'model', 'rules', 'plan', 'run', 'report', 'editor'], 'The Graph layer knows only Graph shapes.'),
    mustNotImport('plan', ['rules', 'run', 'report'], 'The planner builds on the model, not on findings, and never on the run.'),
    mustNotImport('undo', ['rules', 'report', 'editor'], 'Undo reads a journal and the tenant and writes a .licenses file; the file is then checked and applied like any other.'),
    mustNotImport('run', ['rules', 'report', 'editor', 'undo', 'inventory'], 'The run executes a plan.'),
    mustNotImport('inventory', ['rules', 'run', 'editor'], 'Export and the license report read the tenant and write files; they never validate, write to Graph or edit.'),
    mustNotImport('editor', ['plan', 'graph', 'run', 'report'], 'Completion, hover and fix-all read the file, the catalog, the tenant state and the findings; never the planner or Graph.'),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^out/', '^dist/', 'catalog-data\\.generated\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
