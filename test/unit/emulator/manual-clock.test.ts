import * as assert from 'node:assert/strict';
import { ManualClock, type RunningEmulator } from '../../../src/emulator';
import { get, start } from './helpers';

describe('emulator: an injected ManualClock drives Graph time', () => {
  let emu: RunningEmulator | undefined;
  afterEach(() => emu?.close());

  it('throttle windows move only when the test advances the clock; Retry-After is in Graph seconds', async () => {
    const clock = new ManualClock();
    emu = await start({ clock, throttle: { readUnitsPer10s: 2 } });
    assert.equal((await get(emu, '/users/alice@contoso.com')).status, 200);
    assert.equal((await get(emu, '/users/alice@contoso.com')).status, 200);
    const refused = await get(emu, '/users/alice@contoso.com');
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '5', 'one unit of a 2-per-10 s bucket refills in 5 s');
    clock.advance(4999);
    assert.equal((await get(emu, '/users/alice@contoso.com')).status, 429);
    clock.advance(1);
    assert.equal((await get(emu, '/users/alice@contoso.com')).status, 200);
  });

  it('sleep resolves once advance passes its end, not before', async () => {
    const clock = new ManualClock();
    let woke = false;
    const sleeping = clock.sleep(100).then(() => (woke = true));
    clock.advance(99);
    await Promise.resolve();
    assert.equal(woke, false);
    clock.advance(1);
    await sleeping;
    assert.equal(woke, true);
    assert.equal(clock.now(), 100);
    assert.throws(() => clock.advance(-1), RangeError);
  });
});
