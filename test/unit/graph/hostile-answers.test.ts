import * as assert from 'node:assert/strict';
import { type GraphConnection } from '../../../src/core/graph/connection';
import { readSubscribedSkus, readUsers, MAX_SKU_PAGES } from '../../../src/core/reads/tenant-reads';
import { planLicenses } from '../../../src/core/run/read-and-plan';
import { MemorySink, resultOf, run, UPN, wants } from '../fixtures/test-tenant';
import { isAssignBatch, json, type Received } from '../fixtures/hostile-endpoints';
import { engineSuite, quickConnection } from '../fixtures/engine-suite';
import { VirtualClock } from '../fixtures/virtual-clock';

const ASSIGN_ROUTE = 'POST /users/{id}/assignLicense';
const connect = (baseUrl: string, token: string, retry = {}, clock?: VirtualClock): GraphConnection =>
  quickConnection(baseUrl, token, { retry, ...(clock ? { clock: clock.run } : {}) });

/** Rewrites the body of every `$batch` item whose request URL matches, keeping ids and statuses. */
function rewriteItems(req: Received, body: string, match: RegExp, itemBody: (old: unknown) => unknown) {
  if (!req.url.endsWith('/$batch')) return undefined;
  const sent = (JSON.parse(req.body) as { requests: { id: string; url: string }[] }).requests;
  const answer = JSON.parse(body) as { responses: { id: string; status: number; body?: unknown }[] };
  for (const r of answer.responses)
    if (match.test(sent.find((s) => s.id === r.id)?.url ?? '')) r.body = itemBody(r.body);
  return { body: JSON.stringify(answer) };
}

describe('engine: bounded and validated Graph answers', () => {
  const suite = engineSuite();

  it('an @odata.nextLink that points to itself ends after one repeat with a located error', async () => {
    const hostile = await suite.hostile((req, res, origin) =>
      json(res, 200, { value: [], '@odata.nextLink': `${origin}/v1.0/subscribedSkus?$skiptoken=same` }),
    );
    const read = await readSubscribedSkus(connect(hostile.baseUrl, 't'));
    assert.equal(read.ok, false);
    assert.match(read.ok ? '' : read.error.message, /page 2 links back to a page already read/);
    assert.equal(hostile.seen.length, 2);
  });

  it('nextLinks that never repeat and never end stop at the page bound', async () => {
    let n = 0;
    const hostile = await suite.hostile((req, res, origin) =>
      json(res, 200, { value: [], '@odata.nextLink': `${origin}/v1.0/subscribedSkus?$skiptoken=${++n}` }),
    );
    const read = await readSubscribedSkus(connect(hostile.baseUrl, 't'));
    assert.match(read.ok ? '' : read.error.message, new RegExp(`more than ${MAX_SKU_PAGES} pages`));
    assert.equal(hostile.seen.length, MAX_SKU_PAGES);
  });

  it('an HTML page with status 200 on /subscribedSkus is a connection error naming the content type, not an empty tenant', async () => {
    const hostile = await suite.hostile((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body>Please accept the terms of use</body></html>');
    });
    const outcome = await planLicenses(connect(hostile.baseUrl, 't'), [wants('alice', { assign: ['MCOEV'] })]);
    assert.equal(outcome.kind, 'tenant-error');
    assert.match(outcome.kind === 'tenant-error' ? outcome.error.message : '', /content type text\/html, not JSON/);
    assert.equal(hostile.seen.length, 1, 'not retried: a portal page does not go away by asking again');
  });

  for (const [what, body] of [
    ['a null body', null],
    ['a string body', 'alice@contoso.com'],
    ['licenseAssignmentStates: [{}]', 'states'],
    ['a user without an id', 'no-id'],
  ] as const) {
    it(`a 200 user answer with ${what} is a located error for that user; nothing is written`, async () => {
      const t = await suite.tenant();
      const hostile = await suite.proxy(t.emulator.origin, (req, _status, text) =>
        rewriteItems(req, text, /^\/users\/alice/, (old) => {
          if (body === 'states') return { ...(old as object), licenseAssignmentStates: [{}] };
          if (body === 'no-id') return { ...(old as object), id: undefined };
          return body;
        }),
      );
      const report = await run(connect(hostile.baseUrl, t.emulator.token), [
        wants('alice', { assign: ['MCOEV'] }),
        wants('christie.cline', { assign: ['MCOEV'] }),
      ]);
      const alice = resultOf(report, 'alice');
      assert.equal(alice.outcome, 'failed');
      assert.equal(alice.error?.code, 'MalformedAnswer');
      assert.match(alice.error!.message, new RegExp(`^user ${UPN('alice')}: Graph's answer`));
      assert.equal(resultOf(report, 'christie.cline').outcome, 'changed', 'the other user goes on');
      assert.ok(!hostile.seen.some((s) => s.includes('undefined')));
      assert.equal(
        t.emulator.tenant.heldSkuIds(t.emulator.tenant.findUser(UPN('alice'))!).size,
        0,
        'alice was not written',
      );
    });
  }

  it('a connection lost in the middle of a 200 body is retried like a drop', async () => {
    let cut = 0;
    const hostile = await suite.hostile((req, res) => {
      if (cut++ < 2) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"value":[{"skuId":');
        setTimeout(() => res.socket?.destroy(), 5);
        return;
      }
      json(res, 200, { value: [] });
    });
    const read = await readSubscribedSkus(connect(hostile.baseUrl, 't'));
    assert.deepEqual(read, { ok: true, value: [] });
    assert.equal(hostile.seen.length, 3);
  });

  it('a 200 body that is cut-off JSON is retried, and after the last attempt is a dropped connection, not a final answer', async () => {
    const hostile = await suite.hostile((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"value":[{"skuId":');
    });
    const read = await readSubscribedSkus(connect(hostile.baseUrl, 't', { maxAttempts: 3 }));
    assert.equal(read.ok, false);
    assert.equal(read.ok ? '' : read.error.code, 'ConnectionDropped');
    assert.equal(hostile.seen.length, 3);
  });

  it('a hanging endpoint: each user ends failed with "Graph did not answer in N s" by the configured deadline', async () => {
    const t = await suite.tenant();
    const hostile = await suite.proxy(t.emulator.origin, (req) => (isAssignBatch(req) ? 'hang' : undefined), {
      forward: (req) => !isAssignBatch(req),
    });
    const report = await run(
      connect(hostile.baseUrl, t.emulator.token, { requestTimeoutMs: 80, userDeadlineMs: 200 }),
      [wants('alice', { assign: ['MCOEV'] })],
    );
    const alice = resultOf(report, 'alice');
    assert.equal(alice.outcome, 'failed');
    assert.equal(alice.error?.message, 'Graph did not answer in 0.2 s.');
    // Each attempt waits at most 80 ms for an answer: no more than three fit in the 200 ms deadline.
    const attempts = hostile.seen.filter((s) => s.endsWith('/$batch')).length - 1;
    assert.ok(attempts >= 1 && attempts <= 3, `ended by the deadline (${attempts} write attempts)`);
  });

  it('429 for ever: the user ends failed at the deadline instead of after 30 throttled rounds', async () => {
    const t = await suite.tenant();
    const hostile = await suite.proxy(
      t.emulator.origin,
      (req) => {
        if (!isAssignBatch(req)) return undefined;
        const ids = (JSON.parse(req.body) as { requests: { id: string }[] }).requests.map((r) => r.id);
        return {
          body: JSON.stringify({
            responses: ids.map((id) => ({
              id,
              status: 429,
              headers: { 'Retry-After': '0.05' },
              body: { error: { code: 'TooManyRequests', message: 'Throttled' } },
            })),
          }),
        };
      },
      { forward: (req) => !isAssignBatch(req) },
    );
    // Retry-After and the deadline both on Graph time: how many rounds fit does not depend on the machine's load.
    const clock = new VirtualClock();
    const report = await run(connect(hostile.baseUrl, t.emulator.token, { userDeadlineMs: 500 }, clock), [
      wants('alice', { assign: ['MCOEV'] }),
    ]);
    const alice = resultOf(report, 'alice');
    assert.equal(alice.outcome, 'failed');
    assert.equal(alice.error?.message, 'Graph did not answer in 0.5 s.');
    // Rounds at least 50 ms apart (Retry-After) inside 500 ms: at most ten, none sent past the deadline.
    const writeBatches = hostile.seen.filter((s) => s.endsWith('/$batch')).length - 1;
    assert.ok(
      writeBatches >= 3 && writeBatches <= 10,
      `retried after Retry-After, and stopped well before the throttle bound (${writeBatches})`,
    );
  });

  it('429 for ever on /subscribedSkus (a plain request): the read ends at the deadline with "Graph did not answer"', async () => {
    const hostile = await suite.hostile((req, res) =>
      json(res, 429, { error: { code: 'TooManyRequests', message: 'Throttled' } }, { 'Retry-After': '0.1' }),
    );
    const clock = new VirtualClock();
    const read = await readSubscribedSkus(connect(hostile.baseUrl, 't', { userDeadlineMs: 400 }, clock));
    assert.equal(read.ok ? '' : read.error.message, 'Graph did not answer in 0.4 s.');
    // Requests 100 ms apart (Retry-After) inside 400 ms of Graph time: four, not the SDK's ten retries.
    assert.equal(hostile.seen.length, 4, `retried until the deadline, not past it (${hostile.seen.length})`);
  });

  it("a $batch answer without the write's id: the write is not sent again; the re-read shows it landed, so the user is changed", async () => {
    const t = await suite.tenant();
    const hostile = await suite.proxy(t.emulator.origin, (req, status) =>
      isAssignBatch(req) ? { status, body: JSON.stringify({ responses: [] }) } : undefined,
    );
    const sink = new MemorySink();
    const report = await run(connect(hostile.baseUrl, t.emulator.token), [wants('alice', { assign: ['MCOEV'] })], {
      sink,
    });
    const alice = resultOf(report, 'alice');
    assert.equal(t.emulator.stats.byRoute[ASSIGN_ROUTE], 1, 'sent once');
    assert.equal(alice.outcome, 'changed');
    assert.equal(alice.verified, true);
    assert.deepEqual(alice.added, ['MCOEV']);
    assert.equal(
      sink.entries.filter((e) => e.user === UPN('alice')).at(-1)?.outcome,
      'changed',
      'the journal ends with the verified outcome',
    );
  });

  it('a $batch answer with an unknown id for a write that did not land: failed once, never re-sent blindly', async () => {
    const t = await suite.tenant();
    const hostile = await suite.proxy(
      t.emulator.origin,
      (req) =>
        isAssignBatch(req) ? { body: JSON.stringify({ responses: [{ id: '99', status: 200, body: {} }] }) } : undefined,
      { forward: (req) => !isAssignBatch(req) },
    );
    const report = await run(connect(hostile.baseUrl, t.emulator.token), [wants('alice', { assign: ['MCOEV'] })]);
    const alice = resultOf(report, 'alice');
    assert.equal(
      hostile.seen.filter((s) => s.endsWith('/$batch')).length,
      1 + 1 + 1,
      'read, one write, one re-read (verify timeoutMs 0)',
    );
    assert.equal(alice.outcome, 'failed');
    assert.equal(alice.error!.code, 'AnswerLost');
    assert.ok(
      alice.notes?.some((n) => /re-read does not show the change/.test(n)),
      JSON.stringify(alice.notes),
    );
  });

  it('readUsers: a malformed user answer does not hide the other users of the batch', async () => {
    const t = await suite.tenant();
    const hostile = await suite.proxy(t.emulator.origin, (req, _s, text) =>
      rewriteItems(req, text, /^\/users\/alice/, () => ({ id: 42 })),
    );
    const users = await readUsers(connect(hostile.baseUrl, t.emulator.token), [UPN('alice'), UPN('christie.cline')]);
    assert.equal(users.get(UPN('alice'))?.kind, 'unreadable');
    assert.equal(users.get(UPN('christie.cline'))?.kind, 'found');
  });
});
