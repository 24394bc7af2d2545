import * as assert from 'node:assert/strict';
import { GRAPH_WRITE_BUDGETS, WritePacer } from '../../../src/core/graph/write-pacer';

/** apply.ts asks the pacer whether a run fits in what the quota has left, to share slots accordingly. */
describe('engine: what the write pacer can let through at once', () => {
  it("is Graph's burst less the safety margin, shrinks as writes go, refills with the quota", async () => {
    let now = 0;
    const pacer = new WritePacer(GRAPH_WRITE_BUDGETS, () => now);
    assert.equal(pacer.available(), 2980, '3,000 per app and tenant, one batch kept back');
    assert.equal(await pacer.acquire(980), true);
    assert.equal(pacer.available(), 2000);
    pacer.writesAnswered();
    now += 15_000;
    assert.equal(pacer.available(), 2300, '20 writes a second come back');
    now += 10_000_000;
    assert.equal(pacer.available(), 2980, 'never beyond the burst');
  });

  it("counts no refill before Graph has answered the first writes: Graph's bucket stays full until they arrive", async () => {
    let now = 0;
    const pacer = new WritePacer(GRAPH_WRITE_BUDGETS, () => now);
    assert.equal(await pacer.acquire(2980), true);
    now += 5_000;
    assert.equal(pacer.available(), 0, 'the writes may still be on their way: Graph has not started refilling');
    pacer.writesAnswered();
    now += 5_000;
    assert.equal(pacer.available(), 100, 'from the answer on, 20 writes a second');
    assert.equal(await pacer.acquire(100), true);
    now += 5_000;
    assert.equal(pacer.available(), 100, 'taken from a bucket that was not full: refilling as usual');
  });

  it('is unbounded without quotas, and nothing after Graph refused a write', () => {
    assert.equal(new WritePacer([]).available(), Infinity);
    const pacer = new WritePacer(GRAPH_WRITE_BUDGETS, () => 0);
    pacer.pauseFor(1000, true);
    assert.equal(pacer.available(), 0);
  });
});
