import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPlanCommand } from '../../../src/cli/plan-apply';
import { startTenant, type TestTenant } from '../fixtures/test-tenant';
import { capturedIo } from '../fixtures/captured-io';

describe('redundant direct copies: members who hold a license directly and from a group', () => {
  let t: TestTenant;
  let dir: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    t = await startTenant();
    dir = mkdtempSync(join(tmpdir(), 'licenses-redundant-'));
    env = { LICENSES_GRAPH_URL: t.emulator.baseUrl, LICENSES_ACCESS_TOKEN: t.emulator.token };
  });
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('plan names them and writes a file removing only the direct copies; planning that file keeps the group copy', async () => {
    const file = join(dir, 'sales.licenses');
    writeFileSync(file, 'assign ENTERPRISEPACK\ngroup All Sales\n');
    const out = join(dir, 'remove-direct.licenses');
    const io = capturedIo();
    assert.equal(await runPlanCommand([file, '--redundant-direct', out], io, { env }), 0, io.err.join('\n'));
    assert.ok(
      io.out.some((l) => /^ {2}- = All Sales \(.*\): already as wanted/.test(l)),
      io.out.join('\n'),
    );
    const generated = readFileSync(out, 'utf8');
    // frank holds E3 directly and from All Sales; henrietta too, with SWAY off in her direct copy (the group turns
    // nothing off).
    assert.match(generated, /^remove ENTERPRISEPACK$/m);
    assert.match(generated, /^frank@contoso\.com /m);
    assert.match(generated, /^henrietta\.mueller@contoso\.com /m);
    assert.doesNotMatch(generated, /dave@contoso\.com/, 'dave holds E3 only from the group');
    const again = capturedIo();
    await runPlanCommand([out], again, { env });
    assert.ok(
      again.out.some((l) => /^ {4}frank@contoso\.com \(keeps ENTERPRISEPACK through group/.test(l)),
      again.out.join('\n'),
    );
  });
});
