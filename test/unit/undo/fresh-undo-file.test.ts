import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFreshFile } from '../../../src/vscode/fresh-file';

describe("VS Code's undo file: a new file, never written through a link", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'licenses-fresh-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a dangling symbolic link at the name is skipped, and nothing is written where it points', async function () {
    if (process.platform === 'win32') this.skip();
    const base = join(dir, 'run.undo.licenses');
    const target = join(dir, 'planted-target');
    symlinkSync(target, base);
    writeFileSync(join(dir, 'run.undo-2.licenses'), 'an earlier undo file\n');
    const written = await writeFreshFile(base, 'exact\n');
    assert.equal(written, join(dir, 'run.undo-3.licenses'));
    assert.equal(existsSync(target), false, 'the link was not followed');
    assert.equal(readFileSync(join(dir, 'run.undo-2.licenses'), 'utf8'), 'an earlier undo file\n');
    assert.equal(readFileSync(written, 'utf8'), 'exact\n');
  });
});
