import * as assert from 'node:assert/strict';
import { type RunningEmulator } from '../../../src/emulator';
import { assignItem, batch, call, directSkus, SKU, start, type BatchRequestItem } from './helpers';
import { VirtualClock } from '../fixtures/virtual-clock';

interface ItemResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: { error?: { code: string; message: string } } & Record<string, unknown>;
}

const byId = (responses: ItemResponse[]) => new Map(responses.map((r) => [r.id, r]));
const getItem = (id: string, url: string): BatchRequestItem => ({ id, method: 'GET', url });

describe('emulator: POST /$batch', () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await start();
  });
  afterEach(() => emu.close());

  it('answers 200 with one response per request: id, status, headers and body', async () => {
    const r = await batch(emu, [
      getItem('1', '/users/alice@contoso.com?$select=usageLocation'),
      assignItem('2', 'alice@contoso.com', SKU.E3),
      getItem('3', '/users/ghost@contoso.com'),
    ]);
    assert.equal(r.status, 200);
    const items = byId(r.body.responses);
    assert.equal(items.size, 3);
    assert.equal(items.get('1')!.status, 200);
    assert.equal(items.get('1')!.body!.usageLocation, 'US');
    assert.match(items.get('1')!.headers['Content-Type'], /^application\/json;odata\.metadata=minimal/);
    assert.equal(items.get('2')!.status, 200);
    assert.equal(items.get('3')!.status, 404);
    assert.equal(items.get('3')!.body!.error!.code, 'Request_ResourceNotFound');
    assert.deepEqual(directSkus(emu, 'alice@contoso.com'), [SKU.E3]);
    assert.equal(emu.stats.batches, 1);
    assert.equal(emu.stats.batchItems, 3);
    assert.equal(emu.stats.writes, 1);
    assert.equal(emu.stats.writesApplied, 1);
  });

  it('a batch of more than 20 requests is refused whole with 400', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => getItem(String(i + 1), '/users/alice@contoso.com'));
    const r = await batch(emu, requests);
    assert.equal(r.status, 400);
    assert.equal(emu.stats.batchItems, 0);
    assert.equal((await batch(emu, requests.slice(0, 20))).status, 200);
  });

  it('ids that differ only by case are duplicates and fail the whole batch with 400', async () => {
    const r = await batch(emu, [assignItem('a', 'alice@contoso.com', SKU.E3), getItem('A', '/users/bob@contoso.com')]);
    assert.equal(r.status, 400);
    assert.deepEqual(directSkus(emu, 'alice@contoso.com'), [], 'nothing of a refused batch runs');
  });

  it('absolute urls are refused: batch urls are relative', async () => {
    const r = await batch(emu, [getItem('1', 'https://graph.microsoft.com/v1.0/users/alice@contoso.com')]);
    assert.equal(r.status, 400);
  });

  it('a request with a body but no Content-Type header is refused', async () => {
    const item = assignItem('1', 'alice@contoso.com', SKU.E3);
    const r = await batch(emu, [{ ...item, headers: {} }]);
    assert.equal(r.status, 400);
    assert.match(r.body.error.message, /Content-Type/);
  });

  it('a write item without a body, or without its Content-Type, fails the whole batch as Graph does', async () => {
    const reprocess = { id: '7', method: 'POST', url: '/users/alice@contoso.com/reprocessLicenseAssignment' };
    const bare = await batch(emu, [getItem('1', '/users/bob@contoso.com'), reprocess]);
    assert.equal(bare.status, 400);
    assert.equal(bare.body.error.message, 'Write request id : 7 does not contain Content-Type header or body.');
    const noHeader = await batch(emu, [{ ...reprocess, body: {} }]);
    assert.equal(noHeader.status, 400);
    const whole = await batch(emu, [{ ...reprocess, body: {}, headers: { 'Content-Type': 'application/json' } }]);
    assert.equal(whole.status, 200);
    assert.equal(whole.body.responses[0].status, 200);
  });

  it('a url without a leading slash is accepted; one with a leading /v1.0 is refused as Graph does', async () => {
    const r = await batch(emu, [getItem('1', '/v1.0/users/alice@contoso.com'), getItem('2', 'users/bob@contoso.com')]);
    const items = byId(r.body.responses);
    assert.equal(items.get('2')!.status, 200);
    assert.equal(items.get('1')!.status, 400);
    assert.equal(
      (items.get('1')!.body as { error: { message: string } }).error.message,
      "Resource not found for the segment 'v1.0'.",
    );
  });

  it('dependsOn: a request whose dependency failed answers 424 and is not executed', async () => {
    const r = await batch(emu, [
      assignItem('1', 'carol@contoso.com', SKU.E3), // fails: no usage location
      assignItem('2', 'alice@contoso.com', SKU.E3, ['1']),
    ]);
    const items = byId(r.body.responses);
    assert.equal(items.get('1')!.status, 400);
    assert.equal(items.get('2')!.status, 424);
    assert.deepEqual(directSkus(emu, 'alice@contoso.com'), []);
    assert.equal(emu.stats.writes, 1);
  });

  it('dependsOn: a request runs after its dependency succeeded, so sequential steps see each other', async () => {
    const r = await batch(emu, [
      {
        id: '1',
        method: 'PATCH',
        url: '/users/carol@contoso.com',
        headers: { 'Content-Type': 'application/json' },
        body: { usageLocation: 'US' },
      },
      assignItem('2', 'carol@contoso.com', SKU.E3, ['1']),
    ]);
    const items = byId(r.body.responses);
    assert.equal(items.get('1')!.status, 204);
    assert.equal(items.get('2')!.status, 200, JSON.stringify(items.get('2')!.body));
    assert.deepEqual(directSkus(emu, 'carol@contoso.com'), [SKU.E3]);
  });

  it('dependsOn naming an id that is not in the batch is a 400', async () => {
    const r = await batch(emu, [assignItem('1', 'alice@contoso.com', SKU.E3, ['9'])]);
    assert.equal(r.status, 400);
  });

  it('responses come back in a different order than the requests, deterministically', async () => {
    const requests = Array.from({ length: 20 }, (_, i) =>
      getItem(String(i + 1), '/users/alice@contoso.com?$select=id'),
    );
    const order = async (e: RunningEmulator) =>
      ((await batch(e, requests)).body.responses as ItemResponse[]).map((x) => x.id);
    const first = await order(emu);
    assert.deepEqual([...first].sort(), requests.map((r) => r.id).sort());
    assert.notDeepEqual(
      first,
      requests.map((r) => r.id),
    );
    const again = await start();
    try {
      assert.deepEqual(await order(again), first, 'same seed, same order');
    } finally {
      await again.close();
    }
    const ordered = await start({ batchResponseOrder: 'request' });
    try {
      assert.deepEqual(
        await order(ordered),
        requests.map((r) => r.id),
      );
    } finally {
      await ordered.close();
    }
  });

  it('items run in parallel: the latency of 20 items overlaps', async () => {
    // Graph time that passes while the emulator waits: what the batch took, on no machine's wall clock.
    const clock = new VirtualClock();
    const slow = await start({ latencyMs: 150, clock: clock.emulator });
    try {
      const requests = Array.from({ length: 20 }, (_, i) => getItem(String(i), '/users/alice@contoso.com'));
      const r = await batch(slow, requests);
      const elapsed = clock.now();
      assert.equal(r.status, 200);
      assert.ok(elapsed >= 150, `took ${elapsed} Graph ms: latency not applied`);
      assert.ok(elapsed < (20 * 150) / 2, `took ${elapsed} Graph ms: items ran one after another`);
    } finally {
      await slow.close();
    }
  });

  it('a batch cannot contain a batch', async () => {
    const r = await batch(emu, [
      {
        id: '1',
        method: 'POST',
        url: '/$batch',
        headers: { 'Content-Type': 'application/json' },
        body: { requests: [] },
      },
    ]);
    assert.equal(r.status, 200);
    assert.equal(r.body.responses[0].status, 400);
  });

  it('GET /$batch is a 405', async () => {
    assert.equal((await call(emu, 'GET', '/$batch')).status, 405);
  });
});
