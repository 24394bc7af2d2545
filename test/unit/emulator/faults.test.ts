import * as assert from 'node:assert/strict';
import { type HandledRequest, type RunningEmulator } from '../../../src/emulator';
import { assignItem, assignLicense, batch, call, directSkus, get, SKU, start } from './helpers';

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
    const r = await batch(emu, [
      assignItem('1', 'alice@contoso.com', SKU.E3),
      assignItem('2', 'bob@contoso.com', SKU.E5),
    ]);
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

  describe('answers lost after the write was applied (dropAfterApply)', () => {
    it('dropAfterApplyRate 1: a plain assignLicense is applied, then the connection closes without an answer', async () => {
      emu = await start({ faults: { dropAfterApplyRate: 1 } });
      const left = emu.tenant.seatsLeft('ENTERPRISEPACK');
      await assert.rejects(assignLicense(emu, 'alice@contoso.com', [{ skuId: SKU.E3 }]));
      assert.deepEqual(directSkus(emu, 'alice@contoso.com'), [SKU.E3], 'the write landed');
      assert.equal(emu.tenant.seatsLeft('ENTERPRISEPACK'), left - 1);
      assert.deepEqual([emu.stats.writesApplied, emu.stats.dropped, emu.stats.droppedAfterApply], [1, 1, 1]);
    });

    it('the rate loses writes only: reads are answered', async () => {
      emu = await start({ faults: { dropAfterApplyRate: 1 } });
      assert.equal((await get(emu, '/users/alice@contoso.com?$select=id')).status, 200);
      assert.equal((await get(emu, '/subscribedSkus')).status, 200);
      assert.equal(emu.stats.droppedAfterApply, 0);
    });

    it('re-sent after a lost answer: an add is idempotent (one seat), a remove meets "User does not have a corresponding license."', async () => {
      let lose = true;
      emu = await start({ faults: { dropAfterApply: () => lose } });
      const left = emu.tenant.seatsLeft('MCOEV');
      await assert.rejects(assignLicense(emu, 'alice@contoso.com', [{ skuId: SKU.MCOEV }]));
      await assert.rejects(assignLicense(emu, 'erin@contoso.com', [], [SKU.MCOPSTN1]));
      lose = false;
      assert.equal((await assignLicense(emu, 'alice@contoso.com', [{ skuId: SKU.MCOEV }])).status, 200);
      assert.equal(emu.tenant.seatsLeft('MCOEV'), left - 1, 'one seat, not two');
      const again = await assignLicense(emu, 'erin@contoso.com', [], [SKU.MCOPSTN1]);
      assert.equal(again.status, 400);
      assert.equal(again.body.error.message, 'User does not have a corresponding license.');
      assert.deepEqual(directSkus(emu, 'erin@contoso.com'), [SKU.E5]);
    });

    it("a $batch loses the whole envelope's answer after every item ran", async () => {
      emu = await start({ faults: { dropAfterApplyRate: 1 } });
      await assert.rejects(
        batch(emu, [
          assignItem('1', 'alice@contoso.com', SKU.E3),
          assignItem('2', 'carol@contoso.com', SKU.E3),
          assignItem('3', 'christie.cline@contoso.com', SKU.MCOEV),
        ]),
      );
      assert.deepEqual(directSkus(emu, 'alice@contoso.com'), [SKU.E3]);
      assert.deepEqual(directSkus(emu, 'christie.cline@contoso.com'), [SKU.MCOEV]);
      assert.deepEqual(
        directSkus(emu, 'carol@contoso.com'),
        [],
        'carol has no usage location: her item failed, and that answer is lost too',
      );
      assert.deepEqual([emu.stats.batchItems, emu.stats.writesApplied, emu.stats.droppedAfterApply], [3, 2, 1]);
    });

    it('a $batch of reads is not a write for the rate', async () => {
      emu = await start({ faults: { dropAfterApplyRate: 1 } });
      const r = await batch(emu, [{ id: '1', method: 'GET', url: '/users/alice@contoso.com?$select=id' }]);
      assert.equal(r.status, 200);
    });

    it('the hook sees the request and the answer it loses, and picks exactly which one', async () => {
      const seen: HandledRequest[] = [];
      emu = await start({
        faults: {
          dropAfterApply: (r) => {
            seen.push(r);
            return r.path === '/$batch' && JSON.stringify(r.body).includes('bob%40contoso.com');
          },
        },
      });
      assert.equal((await call(emu, 'PATCH', '/users/carol@contoso.com', { usageLocation: 'FR' })).status, 204);
      await assert.rejects(batch(emu, [assignItem('1', 'bob%40contoso.com', SKU.MCOEV)]));
      assert.equal((await batch(emu, [assignItem('1', 'alice%40contoso.com', SKU.MCOEV)])).status, 200);
      assert.deepEqual(
        seen.map((r) => [r.method, r.path, r.isWrite, r.status]),
        [
          ['PATCH', '/users/carol@contoso.com', true, 204],
          ['POST', '/$batch', true, 200],
          ['POST', '/$batch', true, 200],
        ],
      );
      assert.deepEqual(
        (seen[1].responseBody as { responses: { status: number }[] }).responses.map((x) => x.status),
        [200],
        'the lost answer was a success',
      );
      assert.deepEqual(seen[0].body as object, { usageLocation: 'FR' });
      assert.deepEqual(
        [directSkus(emu, 'bob@contoso.com').includes(SKU.MCOEV), emu.stats.droppedAfterApply],
        [true, 1],
      );
    });

    it('which writes lose their answer is reproducible from the seed', async () => {
      const lost = async (seed: number) => {
        const e = await start({ faults: { dropAfterApplyRate: 0.5, seed } });
        try {
          const out: boolean[] = [];
          for (let i = 0; i < 16; i++) {
            out.push(
              await call(e, 'PATCH', '/users/alice@contoso.com', { jobTitle: `t${i}` }).then(
                () => false,
                () => true,
              ),
            );
          }
          return out;
        } finally {
          await e.close();
        }
      };
      emu = await start();
      const a = await lost(3);
      assert.deepEqual(await lost(3), a);
      assert.ok(a.includes(true) && a.includes(false), a.join(','));
    });
  });
});
