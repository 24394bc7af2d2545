import * as assert from 'node:assert/strict';
import { fromAbortSignal, sleep } from '../../../src/core/graph/cancellation';
import { splitBaseUrl } from '../../../src/core/graph/graph-client';
import { classify, failureFromBatchItem } from '../../../src/core/graph/graph-failure';
import { backoffMs, DEFAULT_RETRY_POLICY, parseRetryAfter } from '../../../src/core/graph/retry-policy';
import { tenantFromEnvironment } from '../../../src/core/auth/tenant-from-environment';
import { GRAPH_WRITE_BUDGETS, scaledBudgets, WritePacer } from '../../../src/core/graph/write-pacer';

const item400 = (message: string) => failureFromBatchItem(400, {}, { error: { code: 'Request_BadRequest', message } });

/**
 * Asks the pacer for `writes` and reports whether it granted them without waiting on its clock.
 * A wait is then cancelled, which must take nothing (the next ask sees the same bucket).
 */
async function grantedAtOnce(pacer: WritePacer, writes: number): Promise<boolean> {
  const controller = new AbortController();
  const granted = pacer.acquire(writes, fromAbortSignal(controller.signal));
  const outcome = await Promise.race([
    granted,
    new Promise<'waiting'>((resolve) => setImmediate(() => resolve('waiting'))),
  ]);
  if (outcome !== 'waiting') return outcome;
  controller.abort();
  assert.equal(await granted, false, 'a cancelled wait reports that nothing was granted');
  return false;
}

describe('engine: transport rules (pure)', () => {
  it('each licensing failure Graph words in its message gets a plain-words hint', () => {
    const cases: [string, RegExp][] = [
      ['Subscription with SKU 05e9a617-0261-4cee-bb44-138d3ef5d965 does not have any available licenses.', /seats/],
      ['License assignment cannot be done for user with invalid usage location.', /usage location/],
      [
        'License assignment failed because service plans 4fa4026d-…,57ff2da0-… are mutually exclusive.',
        /cannot be combined/,
      ],
      [
        'License assignment failed because service plan fe71d6c3-… depends on the service plan(s) 5dbe027f-….',
        /needs another one/,
      ],
      ['User license is inherited from a group membership and it cannot be removed directly from the user.', /group/],
      [
        'License 0118a350-71fc-4ec3-8f0c-6a1cb8867561 does not correspond to a valid company License.',
        /no subscription/,
      ],
      ['User does not have a corresponding license.', /no longer holds/],
    ];
    for (const [message, hint] of cases) {
      const f = item400(message);
      assert.equal(f.class, 'final', `${message} is never retried`);
      assert.match(f.hint ?? '', hint, message);
    }
    const notFound = failureFromBatchItem(
      404,
      {},
      { error: { code: 'Request_ResourceNotFound', message: "Resource 'x' does not exist" } },
    );
    assert.match(notFound.hint!, /spelling/);
  });

  it('429 waits for Retry-After, 5xx and no answer are retried, any other 4xx is final', () => {
    assert.equal(classify(429), 'throttled');
    for (const s of [500, 502, 503, 504]) assert.equal(classify(s), 'transient');
    assert.equal(classify(undefined), 'transient', 'a dropped connection');
    for (const s of [400, 401, 403, 404, 409, 424]) assert.equal(classify(s), 'final');
    const throttled = failureFromBatchItem(
      429,
      { 'retry-after': '2.5' },
      { error: { code: 'TooManyRequests', message: 'Please retry again later.' } },
    );
    assert.equal(
      throttled.retryAfterMs,
      2500,
      'item header names are case-insensitive; fractional seconds are honoured',
    );
  });

  it('Retry-After is read as seconds (fractional too) or an HTTP date', () => {
    assert.equal(parseRetryAfter('10'), 10_000);
    assert.equal(parseRetryAfter('0.017'), 17);
    assert.equal(parseRetryAfter(new Date(61_000).toUTCString(), 1_000), 60_000);
    assert.equal(parseRetryAfter(undefined), undefined);
    assert.equal(parseRetryAfter('soon'), undefined);
  });

  it('backoff doubles per attempt, stays under the cap, and is jittered', () => {
    const p = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    assert.equal(
      backoffMs(p, 1, () => 1),
      100,
    );
    assert.equal(
      backoffMs(p, 3, () => 1),
      400,
    );
    assert.equal(
      backoffMs(p, 10, () => 1),
      1000,
    );
    assert.equal(
      backoffMs(p, 3, () => 0),
      200,
      'at least half the ceiling',
    );
  });

  it('the pacer lets a full bucket through at once, then no faster than the quota refills', async () => {
    // A clock the test moves: what the pacer grants depends on the clock it was given, never on
    // how long the test machine took (a wait the pacer cannot grant stays pending until cancelled).
    let now = 0;
    const pacer = new WritePacer([{ writes: 20, perSeconds: 150, scope: 'test' }], () => now);
    assert.equal(await grantedAtOnce(pacer, 20), true, 'the first 20 go at once');
    assert.equal(await grantedAtOnce(pacer, 1), false, 'the 21st waits: the bucket is empty');
    pacer.writesAnswered();
    now += 75_000;
    assert.equal(await grantedAtOnce(pacer, 11), false, 'half the window refills half the bucket, not 11');
    assert.equal(await grantedAtOnce(pacer, 10), true, 'half the window refills 10');
    now += 1_000_000;
    assert.equal(await grantedAtOnce(pacer, 20), true, 'a long pause refills the bucket');
    assert.equal(await grantedAtOnce(pacer, 1), false, 'but never beyond its capacity');
  });

  it('the pause after a 429 ends on the pacer’s clock, and a refused write empties the buckets', async () => {
    let now = 0;
    const pacer = new WritePacer([{ writes: 20, perSeconds: 150, scope: 'test' }], () => now);
    pacer.pauseFor(10_000);
    assert.equal(await grantedAtOnce(pacer, 1), false, 'paused, with a full bucket');
    now += 10_000;
    assert.equal(await grantedAtOnce(pacer, 1), true, 'the pause is over');
    pacer.pauseFor(0, true);
    assert.equal(await grantedAtOnce(pacer, 1), false, 'Graph refused a write: the quota is spent whatever we counted');
    now += 7_500;
    assert.equal(await grantedAtOnce(pacer, 1), true, 'and it refills at the quota rate (one write per 7.5 s)');
  });

  it('a 429 pauses every sender, and cancellation ends a wait without taking quota', async () => {
    const pacer = new WritePacer(GRAPH_WRITE_BUDGETS);
    pacer.pauseFor(60_000);
    const controller = new AbortController();
    const waiting = pacer.acquire(1, fromAbortSignal(controller.signal));
    await new Promise((resolve) => setImmediate(resolve)); // the pacer is waiting out the pause
    controller.abort();
    assert.equal(await waiting, false);
    assert.equal(await sleep(10_000, fromAbortSignal(controller.signal)), false, 'a cancelled sleep returns at once');
  });

  it('scaled budgets keep the capacity and shorten the window, like the emulator’s clockScale', () => {
    assert.deepEqual(
      scaledBudgets(100).map((b) => [b.writes, b.perSeconds]),
      [
        [3000, 1.5],
        [18000, 3],
      ],
    );
  });

  it('graph-client gets the host and the version apart', () => {
    assert.deepEqual(splitBaseUrl('http://127.0.0.1:4000/v1.0'), { host: 'http://127.0.0.1:4000', version: 'v1.0' });
    assert.deepEqual(splitBaseUrl('https://proxy.contoso.com/graph/beta/'), {
      host: 'https://proxy.contoso.com/graph',
      version: 'beta',
    });
  });

  it('the tenant comes from --demo, then a URL + token, then app-only settings; half a configuration is an error', () => {
    assert.equal(tenantFromEnvironment({}, false).kind, 'demo', 'nothing configured: the demo tenant');
    assert.equal(
      tenantFromEnvironment({ LICENSES_GRAPH_URL: 'http://x/v1.0', LICENSES_ACCESS_TOKEN: 't' }, true).kind,
      'demo',
      '--demo wins',
    );
    assert.deepEqual(
      tenantFromEnvironment(
        { LICENSES_GRAPH_URL: 'https://x/v1.0', LICENSES_ACCESS_TOKEN: 't', AZURE_TENANT_ID: 'a' },
        false,
      ),
      { kind: 'token', baseUrl: 'https://x/v1.0', token: 't' },
    );
    const app = tenantFromEnvironment(
      { AZURE_TENANT_ID: 'tid', AZURE_CLIENT_ID: 'cid', AZURE_CLIENT_SECRET: 's' },
      false,
    );
    assert.equal(app.kind, 'app-only');
    const half = tenantFromEnvironment({ AZURE_TENANT_ID: 'tid', AZURE_CLIENT_SECRET: 's' }, false);
    assert.equal(half.kind, 'misconfigured');
    assert.match(half.kind === 'misconfigured' ? half.message : '', /AZURE_CLIENT_ID/);
    assert.equal(tenantFromEnvironment({ LICENSES_ACCESS_TOKEN: 't' }, false).kind, 'misconfigured');
  });
});
