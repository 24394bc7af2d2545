import * as assert from 'node:assert/strict';
import { type HandledRequest, type RunningEmulator } from '../../../src/emulator';
import { assignItem, batch, directSkus, SKU, start } from './helpers';

interface Item {
  id: string;
  status: number;
  body?: { error?: { code: string } };
}
const byId = (responses: Item[]) => new Map(responses.map((r) => [r.id, r]));

describe('emulator: a $batch item answered 5xx after its write was applied', () => {
  let emu: RunningEmulator;
  afterEach(() => emu.close());

  it('the hook picks one item: it answers 504, yet its license is assigned and its seat taken', async () => {
    const seen: HandledRequest[] = [];
    emu = await start({
      faults: { itemServerErrorAfterApply: (item) => (seen.push(item), item.path.includes('alice')) },
    });
    const left = emu.tenant.seatsLeft('ENTERPRISEPACK');
    const r = await batch(emu, [
      assignItem('1', 'alice@contoso.com', SKU.E3),
      assignItem('2', 'christie.cline@contoso.com', SKU.E3),
    ]);
    assert.equal(r.status, 200, 'the envelope is fine');
    const items = byId(r.body.responses);
    assert.equal(items.get('1')!.status, 504);
    assert.equal(items.get('1')!.body!.error!.code, 'timeout');
    assert.equal(items.get('2')!.status, 200);
    assert.deepEqual(directSkus(emu, 'alice@contoso.com'), [SKU.E3], 'the write behind the 504 landed');
    assert.equal(emu.tenant.seatsLeft('ENTERPRISEPACK'), left - 2);
    assert.deepEqual([emu.stats.writesApplied, emu.stats.itemErrorsAfterApply, emu.stats.serverErrors], [2, 1, 1]);
    assert.deepEqual(seen.map((s) => [s.method, s.isWrite, s.status]).sort(), [
      ['POST', true, 200],
      ['POST', true, 200],
    ]);
  });

  it('rate 1: every item is a 503/504 after running; a re-sent add then finds the license already there', async () => {
    emu = await start({ faults: { itemServerErrorAfterApplyRate: 1 } });
    const r = await batch(emu, [assignItem('1', 'alice@contoso.com', SKU.MCOEV)]);
    assert.ok([503, 504].includes(r.body.responses[0].status));
    assert.deepEqual(directSkus(emu, 'alice@contoso.com'), [SKU.MCOEV]);
    const left = emu.tenant.seatsLeft('MCOEV');
    await batch(emu, [assignItem('1', 'alice@contoso.com', SKU.MCOEV)]);
    assert.equal(emu.tenant.seatsLeft('MCOEV'), left, 're-adding a held SKU takes no second seat');
  });

  it('plain requests are never hit, and the default leaves items alone', async () => {
    emu = await start({ faults: { itemServerErrorAfterApplyRate: 1 } });
    const plain = await fetch(`${emu.baseUrl}/users/alice@contoso.com`, {
      headers: { Authorization: `Bearer ${emu.token}` },
    });
    assert.equal(plain.status, 200);
    await emu.close();
    emu = await start();
    const r = await batch(emu, [assignItem('1', 'alice@contoso.com', SKU.MCOEV)]);
    assert.equal(r.body.responses[0].status, 200);
    assert.equal(emu.stats.itemErrorsAfterApply, 0);
  });
});
