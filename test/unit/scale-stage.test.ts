import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

/**
 * The scale stage runs a test at full size only if .mocharc.scale.json names its file: a unit test
 * that shrinks itself with propertyRuns() or atScale() (fixtures/scale.ts) and is not named there would never run big.
 */
describe('the scale stage (test/unit/README.md)', () => {
  it('names every test file whose size or run count follows propertyRuns() or atScale()', () => {
    const spec = (JSON.parse(readFileSync(join(root, '.mocharc.scale.json'), 'utf8')) as { spec: string[] }).spec;
    const listed = new Set(spec);
    const missing = testFiles(join(root, 'test', 'unit'))
      .filter((f) => /from '(\.\.?\/)+fixtures\/scale'/.test(readFileSync(f, 'utf8')))
      .map((f) => `out/${relative(root, f).replace(/\\/g, '/').replace(/\.ts$/, '.js')}`)
      .filter((f) => !f.endsWith('.property.test.js') && !f.endsWith('.scale.test.js') && !listed.has(f));
    assert.deepEqual(missing, []);
  });
});
