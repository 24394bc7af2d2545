import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApplyCommand } from '../../../src/cli/plan-apply';
import { retryAdvice, retryableCount } from '../../../src/core/results/retry-advice';
import { startTenant, UPN, type TestTenant } from '../fixtures/test-tenant';
import { capturedIo } from '../fixtures/captured-io';

describe('retry means "try again with what I fixed": the failed users re-planned from the file as it is now', () => {
  let t: TestTenant;
  let dir: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    t = await startTenant();
    dir = mkdtempSync(join(tmpdir(), 'licenses-retry-'));
    env = { LICENSES_GRAPH_URL: t.emulator.baseUrl, LICENSES_ACCESS_TOKEN: t.emulator.token };
  });
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('carol had no usage location; the admin adds `usage-location FR` to the file; the retry sends it and she gets the license', async () => {
    const licenses = join(dir, 'phone.licenses');
    writeFileSync(licenses, 'assign MCOEV\nalice@contoso.com\ncarol@contoso.com\nghost@contoso.com\n');
    const first = join(dir, 'first.jsonl');
    assert.equal(await runApplyCommand([licenses, '--yes', '--journal', first], capturedIo(), { env }), 1);
    const recorded = readFileSync(first, 'utf8');
    writeFileSync(
      licenses,
      'usage-location FR\nassign MCOEV\nalice@contoso.com\ncarol@contoso.com\nghost@contoso.com\n',
    );
    t.emulator.resetStats();
    const io = capturedIo();
    const code = await runApplyCommand(['--retry-failed', first, '--yes', '--journal', join(dir, 'second.jsonl')], io, {
      env,
    });
    assert.equal(code, 0, io.err.join('\n'));
    assert.deepEqual(io.out.slice(0, 1), [
      '✓ carol@contoso.com usage location FR +MCOEV (Microsoft Teams Phone Standard)',
    ]);
    assert.equal(t.emulator.tenant.findUser(UPN('carol'))!.usageLocation, 'FR');
    assert.ok(
      io.err.some((l) => /^Retrying from .*phone\.licenses as the files are now/.test(l)),
      io.err.join('\n'),
    );
    // ghost is not found: a retry by the same name cannot help, and says what to do instead.
    assert.ok(
      io.err.some(
        (l) => l.startsWith('ghost@contoso.com: not retried: not found in the tenant') && /Fix the UPN/.test(l),
      ),
      io.err.join('\n'),
    );
    assert.ok(!io.out.some((l) => l.includes('ghost')), 'ghost is not sent again');
    assert.equal(readFileSync(first, 'utf8'), recorded, 'the journal keeps its record');
  });

  it('a user the file no longer names is not retried, and says so', async () => {
    const licenses = join(dir, 'phone.licenses');
    writeFileSync(licenses, 'assign MCOEV\nalice@contoso.com\ncarol@contoso.com\n');
    const first = join(dir, 'first.jsonl');
    assert.equal(await runApplyCommand([licenses, '--yes', '--journal', first], capturedIo(), { env }), 1);
    writeFileSync(licenses, 'assign MCOEV\nalice@contoso.com\n');
    const io = capturedIo();
    assert.equal(await runApplyCommand(['--retry-failed', first, '--yes'], io, { env }), 0);
    assert.ok(
      io.err.includes('carol@contoso.com: not retried: the files no longer name this user.'),
      io.err.join('\n'),
    );
    assert.equal(t.emulator.stats.writes, 1, 'only alice, in the first run');
  });

  it('offered only for failures a retry can fix: not for a user not found or listed twice', () => {
    assert.equal(retryAdvice({ code: 'Request_ResourceNotFound', message: 'x' }).kind, 'instead');
    assert.equal(retryAdvice({ code: 'DuplicateUser', message: 'x' }).kind, 'instead');
    for (const code of [
      'NoUsageLocation',
      'TooManyRequests',
      'GraphDeadline',
      'Request_BadRequest',
      'MutuallyExclusivePlans',
    ])
      assert.equal(retryAdvice({ code, message: 'x' }).kind, 'retry', code);
    const failed = (code: string) => ({
      user: 'u',
      outcome: 'failed' as const,
      added: [],
      removed: [],
      error: { code, message: 'm' },
    });
    assert.equal(
      retryableCount([
        failed('Request_ResourceNotFound'),
        failed('NoUsageLocation'),
        { user: 's', outcome: 'skipped', added: [], removed: [] },
      ]),
      2,
    );
  });
});
