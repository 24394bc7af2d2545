import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

/** The core pages translated through `t` (Translate): each message must have its French. */
const PAGES = [
  'preview.ts',
  'preview-view.ts',
  'results-view.ts',
  'report-view.ts',
  'tenant-report-view.ts',
  'confirmation.ts',
  'license-words.ts',
].map((f) => join(root, 'src', 'core', 'report', f));

describe('preview and results pages in French', () => {
  it('every message the pages pass to t(…) is in l10n/bundle.l10n.fr.json', () => {
    const bundle = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.fr.json'), 'utf8')) as Record<
      string,
      string
    >;
    const used = PAGES.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1].replace(/\\'/g, "'")),
    );
    assert.ok(used.length > 40, `found only ${used.length} messages`);
    assert.deepEqual(
      used.filter((s) => !(s in bundle)),
      [],
    );
  });
});
