// Writes snippets/licenses.code-snippets from core's scenario templates (src/core/editor/scenario-templates.ts),
// the one source New License File reads too. Run after `tsc -p .`; test/unit/editor/scenario-templates.test.ts
// fails while the committed file differs from what this writes.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { snippetsFile } = createRequire(import.meta.url)(
  path.join(root, 'out', 'src', 'core', 'editor', 'scenario-templates.js'),
);
const target = path.join(root, 'snippets', 'licenses.code-snippets');
writeFileSync(target, `${JSON.stringify(snippetsFile(), null, 2)}\n`);
console.log(`wrote ${path.relative(root, target)}`);
