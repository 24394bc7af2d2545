import * as assert from 'node:assert/strict';
import { type RunningEmulator } from '../../../src/emulator';
import { assignItem, assignLicense, batch, directSkus, get, SKU, start } from './helpers';

describe('emulator: fault injection', () => {
  let emu: RunningEmulator;
  afterEach(() => emu.close());

  it('serverErrorRate 1: every request is a 503 (with Retry-After) or a 504, and a faulted write changes nothing', async () => {
    emu = await start({ faults: { serverErrorRate: 1 }, clockScale: 10 });
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const r = await assignLicense(emu, 'alice@contoso.com', [{ skuId: SKU.E3 }]);
      statuses.add(r.status);
      if (r.status === 503) {
        assert.equal(r.body.error.code, 'serviceNotAvailable');
        assert.equal(r.headers.get('retry-after'), '0.2', '2 Graph seconds at clockScale 10');
      }
    }
    assert.deepEqual([...statuses].sort(), [503, 504]);
    assert.deepEqual(directSkus(emu, 'alice@contoso.com'), []);
    assert.equal(emu.stats.serverErrors, 12);
    assert.equal(emu.stats.writesApplied, 0);
  });

  it('dropRate 1: the connection is closed without an answer and the write is not applied', async () => {
    emu = await start({ faults: { dropRate: 1 } });
    await assert.rejects(assignLicense(emu, 'alice@contoso.com', [{ skuId: SKU.E3 }]));
    assert.deepEqual(directSkus(emu, 'alice@contoso.com'), []);
    assert.equal(emu.stats.dropped, 1);
  });

  it('a dropped $batch loses the whole envelope: no item runs', async () => {
    emu = await start({ faults: { dropRate: 1 } });
    await assert.rejects(batch(emu, [assignItem('1', 'alice@contoso.com', SKU.E3)]));
    assert.equal(emu.stats.batchItems, 0);
    assert.deepEqual(directSkus(emu, 'alice@contoso.com'), []);
  });

  it('5xx can hit single $batch items: the envelope is 200 and the failed items change nothing', async () => {
    emu = await start({ faults: { serverErrorRate: 0, itemServerErrorRate: 1 } });
    const r = await batch(emu, [assignItem('1', 'alice@contoso.com', SKU.E3), assignItem('2', 'bob@contoso.com', SKU.E5)]);
    assert.equal(r.status, 200);
    for (const item of r.body.responses) assert.ok([503, 504].includes(item.status), JSON.stringify(item));
    assert.deepEqual(directSkus(emu, 'alice@contoso.com'), []);
    assert.equal(emu.stats.serverErrors, 2);
  });

  it('faults are reproducible from the seed', async () => {
    const sequence = async (seed: number) => {
      const e = await start({ faults: { serverErrorRate: 0.3, seed } });
      try {
        const out: number[] = [];
        for (let i = 0; i < 30; i++) out.push((await get(e, '/users/alice@contoso.com?$select=id')).status);
        return out;
      } finally {
        await e.close();
      }
    };
    emu = await start();
    const a = await sequence(7);
    assert.deepEqual(await sequence(7), a);
    assert.ok(a.includes(200) && a.some((s) => s >= 500), `a mix is expected: ${a.join(',')}`);
    assert.notDeepEqual(await sequence(8), a);
  });
});
