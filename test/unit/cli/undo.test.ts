import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApplyCommand } from '../../../src/cli/plan-apply';
import { runUndoCommand } from '../../../src/cli/undo';
import { main } from '../../../src/cli';
import { readUsers } from '../../../src/core/reads/tenant-reads';
import { capturedIo } from '../fixtures/captured-io';
import { skuId } from '../fixtures/graph-shapes';
import { startTenant, UPN, type TestTenant } from '../fixtures/test-tenant';

describe('undo: the `undo` command', () => {
  let t: TestTenant;
  let dir: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    t = await startTenant();
    dir = mkdtempSync(join(tmpdir(), 'licenses-undo-cli-'));
    env = { LICENSES_GRAPH_URL: t.emulator.baseUrl, LICENSES_ACCESS_TOKEN: t.emulator.token };
  });
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const licensesOf = async (user: string) => {
    const r = (await readUsers(t.connection, [user])).get(user);
    assert.ok(r?.kind === 'found');
    return (r.user.assignedLicenses ?? []).map((l) => l.skuId).sort();
  };

  it('apply, undo JOURNAL, apply the undo file: erin holds E5 and MCOPSTN1 again, and the file is not overwritten by a second undo', async () => {
    const before = await licensesOf(UPN('erin'));
    const licenses = join(dir, 'swap.licenses');
    writeFileSync(licenses, `exact\nassign ENTERPRISEPACK\n${UPN('erin')}\n`);
    const journal = join(dir, 'run.jsonl');
    assert.equal(await runApplyCommand([licenses, '--yes', '--journal', journal], capturedIo(), { env }), 0);
    assert.deepEqual(await licensesOf(UPN('erin')), [skuId('ENTERPRISEPACK')]);

    const io = capturedIo();
    assert.equal(await runUndoCommand([journal], io, { env }), 0, io.err.join('\n'));
    const undoPath = join(dir, 'run.undo.licenses');
    assert.equal(io.out[0], `Undo file: ${undoPath}`);
    assert.match(io.out[1], /^1 user to restore, 0 already as before, 0 changed since/);
    assert.match(readFileSync(undoPath, 'utf8'), /\nexact\nassign MCOPSTN1 ENTERPRISEPREMIUM\nerin@contoso\.com\n/);

    assert.equal(
      await runApplyCommand([undoPath, '--yes', '--journal', join(dir, 'undo.jsonl')], capturedIo(), { env }),
      0,
    );
    assert.deepEqual(await licensesOf(UPN('erin')), before);

    const again = capturedIo();
    assert.equal(await runUndoCommand([journal], again, { env }), 2);
    assert.match(again.err.join('\n'), /exists already: pass --output/);
    const elsewhere = join(dir, 'other.licenses');
    assert.equal(
      await runUndoCommand([journal, '--output', elsewhere], capturedIo(), { env }),
      1,
      'erin now differs from what the run left: reported',
    );
    assert.ok(existsSync(elsewhere));
  });

  it('is listed in the usage; no journal, two journals or an unreadable one are refused with a message', async () => {
    const help = capturedIo();
    await main(['--help'], help);
    assert.match(help.out.join('\n'), /^ {2}undo +write the \.licenses file that puts back/m);
    const own = capturedIo();
    await main(['undo', '--help'], own);
    assert.match(own.out.join('\n'), /m365-licenses undo <journal\.jsonl> \[--output FILE\]/);
    const none = capturedIo();
    assert.equal(await runUndoCommand([], none, { env }), 2);
    assert.match(none.err[0], /give one results journal/);
    assert.equal(await runUndoCommand(['a.jsonl', 'b.jsonl'], capturedIo(), { env }), 2);
    const missing = capturedIo();
    assert.equal(await runUndoCommand([join(dir, 'nope.jsonl')], missing, { env }), 2);
    assert.match(missing.err[0], /cannot read: ENOENT/);
  });
});
