import * as assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { neverCancelled, sleep, CancellationSource } from '../../../src/core/graph/cancellation';
import { connectToGraph, type GraphConnection } from '../../../src/core/graph/connection';
import { parseRetryAfter, RETRY_AFTER_CAP_MS } from '../../../src/core/graph/retry-policy';
import { MAX_ANSWER_BYTES } from '../../../src/core/graph/whole-answer';
import { WritePacer } from '../../../src/core/graph/write-pacer';
import { readSubscribedSkus } from '../../../src/core/reads/tenant-reads';
import { startHostile, json, isAssignBatch, type Hostile } from '../fixtures/hostile-endpoints';
import { resultOf, run, startTenant, wants, type TestTenant } from '../fixtures/test-tenant';

const quick = { baseDelayMs: 5, maxDelayMs: 20 };
const connect = (baseUrl: string, token: string, retry = {}): GraphConnection =>
  connectToGraph({ baseUrl, getAccessToken: async () => token, retry: { ...quick, ...retry } });

describe('the wire: redirects, answer sizes, Retry-After and the clock', () => {
  let t: TestTenant | undefined;
  const servers: Hostile[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
    await t?.close();
    t = undefined;
  });

  it("a 307 on a write $batch is not followed: the bodies never reach the other origin, the user is failed, not 'changed'", async () => {
    t = await startTenant();
    const elsewhere = await startHostile((req, res) =>
      json(res, 200, {
        responses: [
          { id: '1', status: 204 },
          { id: '2', status: 204 },
          { id: '3', status: 204 },
        ],
      }),
    );
    servers.push(elsewhere);
    const target = t.emulator.origin;
    const proxy = await startHostile(async (req, res) => {
      if (isAssignBatch(req)) {
        res.writeHead(307, { location: `${elsewhere.origin}/v1.0/$batch` });
        res.end();
        return;
      }
      const upstream = await fetch(`${target}${req.url}`, {
        method: req.method,
        headers: { authorization: String(req.headers.authorization), 'content-type': 'application/json' },
        ...(req.body ? { body: req.body } : {}),
      });
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      res.end(await upstream.text());
    });
    servers.push(proxy);
    const report = await run(connect(proxy.baseUrl, t.emulator.token), [wants('alice', { assign: ['MCOEV'] })]);
    const alice = resultOf(report, 'alice');
    assert.deepEqual(elsewhere.seen, [], 'nothing was sent to where the redirect pointed');
    assert.notEqual(alice.outcome, 'changed');
    assert.equal(alice.outcome, 'failed');
    assert.match(alice.error!.message, /redirect to ".*127\.0\.0\.1:\d+\/v1\.0\/\$batch"/);
    assert.equal(proxy.seen.filter((s) => s === 'POST /v1.0/$batch').length >= 2, true);
  });

  it('an answer past the size bound is refused while it streams; no compression is asked for', async () => {
    let acceptEncoding: string | undefined;
    const huge = await startHostile((req, res) => {
      acceptEncoding = String(req.headers['accept-encoding']);
      res.writeHead(200, { 'content-type': 'application/json' });
      // No Content-Length: only counting while reading can stop it.
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      res.write('{"value": [');
      let sent = 0;
      const more = () => {
        while (sent < 64 && res.write(chunk)) sent++;
        if (sent < 64) res.once('drain', more);
        else res.end(']}');
      };
      more();
    });
    servers.push(huge);
    const read = await readSubscribedSkus(connect(huge.baseUrl, 't'));
    assert.equal(read.ok, false);
    assert.match(read.ok ? '' : read.error.message, /larger than 32 MiB/);
    assert.equal(huge.seen.length, 1, 'not retried: the same answer would come again');
    assert.equal(acceptEncoding, 'identity');
  });

  it('a gzip answer sent anyway is bounded by its inflated size, not its wire size', async () => {
    // One gzip member per MiB of spaces (a stream may hold several, RFC 1952 § 2.2): the bound plus 1 MiB inflated.
    const mib = gzipSync(Buffer.alloc(1024 * 1024, 0x20));
    const bomb = Buffer.concat([
      gzipSync('{"value": ['),
      ...Array.from({ length: MAX_ANSWER_BYTES / (1024 * 1024) + 1 }, () => mib),
      gzipSync(']}'),
    ]);
    assert.ok(bomb.byteLength < 200_000, 'small on the wire');
    const server = await startHostile((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(bomb);
    });
    servers.push(server);
    const read = await readSubscribedSkus(connect(server.baseUrl, 't'));
    assert.match(read.ok ? '' : read.error.message, /larger than 32 MiB/);
  });

  it('Retry-After: 999999999, or a date years ahead, waits the documented cap, not for ever', () => {
    assert.equal(parseRetryAfter('999999999'), RETRY_AFTER_CAP_MS);
    assert.equal(parseRetryAfter('Fri, 01 Jan 2100 00:00:00 GMT', Date.parse('2026-01-01')), RETRY_AFTER_CAP_MS);
    assert.equal(parseRetryAfter('2.5'), 2500);
    assert.equal(parseRetryAfter('-5'), 0);
    assert.equal(RETRY_AFTER_CAP_MS, 180_000);
  });

  it('the pacer pauses at most the cap for one 429, on an injected clock', async () => {
    let now = 1_000_000;
    const pacer = new WritePacer([{ writes: 3000, perSeconds: 150, scope: 'app' }], () => now);
    pacer.pauseFor(999_999_999_000, true);
    pacer.pauseFor(Infinity, false);
    now += RETRY_AFTER_CAP_MS + 60_000; // past the pause, and a minute's refill
    const cancelled = new CancellationSource();
    const got = pacer.acquire(20, cancelled.token);
    let settled: boolean | undefined;
    void got.then((v) => (settled = v));
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    cancelled.cancel();
    assert.equal(await got, true, 'not waiting: the pause ended at the cap');
    assert.equal(settled, true);
  });

  it('a wait longer than a timer holds never overflows to 1 ms', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const source = new CancellationSource();
      let done: boolean | undefined;
      const waiting = sleep(999_999_999_000, source.token).then((v) => (done = v));
      await new Promise((r) => setTimeout(r, 5));
      assert.equal(done, undefined, 'still waiting');
      source.cancel();
      await waiting;
      assert.equal(done, false);
      assert.equal(await sleep(Number.NaN, neverCancelled), true);
    } finally {
      process.off('warning', onWarning);
    }
    assert.deepEqual(warnings, []);
  });

  it('the wall clock stepping back an hour does not empty the token bucket', () => {
    let now = 10_000_000;
    const pacer = new WritePacer([{ writes: 3000, perSeconds: 150, scope: 'app' }], () => now);
    const full = pacer.available();
    now -= 3_600_000;
    assert.equal(pacer.available(), full, 'a clock read earlier refills nothing and takes nothing');
    now += 1;
    assert.equal(pacer.available(), full);
  });
});
