import * as assert from 'node:assert/strict';
import { ManualClock, type RunningEmulator } from '../../../src/emulator';
import { Clock } from '../../../src/emulator/clock';
import { Throttle, TokenBucket } from '../../../src/emulator/http/throttle';
import { assignItem, assignLicense, batch, call, directSkus, get, SKU, start } from './helpers';

const USERS = [
  'alice',
  'bob',
  'johanna.lorenz',
  'christie.cline',
  'debra.berger',
  'irvin.sayers',
  'allan.deyoung',
  'emily.braun',
].map((u) => `${u}@contoso.com`);

describe('emulator: throttling (Identity and access limits)', () => {
  describe('token buckets', () => {
    it('a bucket refills capacity tokens per window and says how long until enough', () => {
      const b = new TokenBucket(3, 3000);
      b.take(3, 0);
      assert.equal(b.waitFor(1, 0), 1000);
      assert.equal(b.waitFor(1, 500), 500);
      assert.equal(b.waitFor(1, 1000), 0);
      assert.equal(b.available(10_000), 3, 'never above capacity');
    });

    it('a write must fit both the app+tenant and the tenant bucket, and takes from neither when refused', () => {
      const t = new Throttle({ appWritesPer150s: 5, tenantWritesPer5min: 2 }, 'tid', 'aid', 10);
      assert.equal(t.admit('write', 1, 0).ok, true);
      assert.equal(t.admit('write', 1, 0).ok, true);
      const refused = t.admit('write', 1, 0);
      assert.equal(refused.ok, false);
      if (!refused.ok) {
        assert.equal(refused.scope, 'Tenant/ReadWrite/tid');
        assert.equal(refused.information, 'WriteLimitExceeded');
        assert.equal(refused.retryAfterSeconds, 150, '300 s / 2 tokens');
      }
      assert.equal(t.admit('read', 1, 0).ok, true, 'reads are not limited by the write quota');
    });

    it('Retry-After is reported in wall-clock seconds: Graph seconds divided by clockScale', () => {
      assert.equal(new Clock(1).retryAfterHeader(50), '50');
      assert.equal(new Clock(100).retryAfterHeader(50), '0.5');
      assert.equal(new Clock(60).retryAfterHeader(1), '0.017');
    });
  });

  describe('over HTTP', () => {
    let emu: RunningEmulator;
    afterEach(() => emu.close());

    it('the write after the app+tenant quota is a 429 TooManyRequests with Retry-After and x-ms-throttle headers', async () => {
      emu = await start({ throttle: { appWritesPer150s: 3 } });
      for (const u of USERS.slice(0, 3))
        assert.equal((await call(emu, 'PATCH', `/users/${u}`, { usageLocation: 'GB' })).status, 204);
      const r = await assignLicense(emu, USERS[3], [{ skuId: SKU.E3 }]);
      assert.equal(r.status, 429);
      assert.equal(r.body.error.code, 'TooManyRequests');
      assert.equal(r.body.error.message, 'Please retry again later.');
      assert.equal(r.headers.get('retry-after'), '50', '150 s window / 3 writes = one token per 50 s');
      assert.equal(
        r.headers.get('x-ms-throttle-scope'),
        `Tenant_Application/ReadWrite/${emu.tenant.appId}/${emu.tenant.tenantId}`,
      );
      assert.equal(r.headers.get('x-ms-throttle-information'), 'WriteLimitExceeded');
      assert.equal(emu.stats.throttled, 1);
    });

    it('a throttled write does not change the tenant', async () => {
      emu = await start({ throttle: { appWritesPer150s: 1 } });
      assert.equal((await call(emu, 'PATCH', '/users/bob@contoso.com', { usageLocation: 'GB' })).status, 204);
      const consumed = emu.tenant.findSku('ENTERPRISEPACK')!.consumedUnits;
      assert.equal((await assignLicense(emu, 'alice@contoso.com', [{ skuId: SKU.E3 }])).status, 429);
      assert.equal((await call(emu, 'PATCH', '/users/carol@contoso.com', { usageLocation: 'GB' })).status, 429);
      assert.deepEqual(directSkus(emu, 'alice@contoso.com'), []);
      assert.equal(emu.tenant.findUser('carol@contoso.com')!.usageLocation, null);
      assert.equal(emu.tenant.findSku('ENTERPRISEPACK')!.consumedUnits, consumed);
      assert.equal(emu.stats.writes, 3);
      assert.equal(emu.stats.writesApplied, 1);
    });

    it('once Retry-After has passed (in Graph time) the write goes through, and not before', async () => {
      const clock = new ManualClock();
      emu = await start({ throttle: { appWritesPer150s: 2 }, clock, latencyMs: 0 });
      await assignLicense(emu, USERS[0], [{ skuId: SKU.E3 }]);
      await assignLicense(emu, USERS[1], [], [SKU.E3]);
      const refused = await assignLicense(emu, USERS[2], [{ skuId: SKU.E3 }]);
      assert.equal(refused.status, 429);
      const wait = Number(refused.headers.get('retry-after'));
      assert.equal(wait, 75, 'Retry-After: 150 s window / 2 writes');
      clock.advance(wait * 1000 - 1);
      assert.equal((await assignLicense(emu, USERS[2], [{ skuId: SKU.E3 }])).status, 429, 'a millisecond early');
      clock.advance(1);
      assert.equal(
        (await assignLicense(emu, USERS[2], [{ skuId: SKU.E3 }])).status,
        200,
        'Retry-After to the millisecond',
      );
    });

    it('every $batch item counts: items beyond the quota answer 429 with item headers, the envelope is 200, they change nothing', async () => {
      emu = await start({ throttle: { appWritesPer150s: 5 } });
      const r = await batch(
        emu,
        USERS.map((u, i) => assignItem(String(i + 1), u, SKU.E5)),
      );
      assert.equal(r.status, 200);
      const responses = r.body.responses as { id: string; status: number; headers: Record<string, string> }[];
      const ok = responses.filter((x) => x.status === 200);
      const throttled = responses.filter((x) => x.status === 429);
      assert.equal(ok.length, 5);
      assert.equal(throttled.length, 3);
      for (const t of throttled) {
        assert.ok(Number(t.headers['Retry-After']) >= 1, JSON.stringify(t.headers));
        assert.equal(
          t.headers['x-ms-throttle-scope'],
          `Tenant_Application/ReadWrite/${emu.tenant.appId}/${emu.tenant.tenantId}`,
        );
        assert.equal(t.headers['x-ms-throttle-information'], 'WriteLimitExceeded');
        const user = USERS[Number(t.id) - 1];
        assert.ok(!directSkus(emu, user).includes(SKU.E5), `${user} got E5 although throttled`);
      }
      assert.equal(emu.stats.throttled, 3);
      assert.equal(emu.stats.writesApplied, 5);
    });

    it('the tenant-wide write quota throttles with a Tenant scope', async () => {
      emu = await start({ throttle: { appWritesPer150s: 100, tenantWritesPer5min: 2 } });
      await call(emu, 'PATCH', `/users/${USERS[0]}`, { usageLocation: 'GB' });
      await call(emu, 'PATCH', `/users/${USERS[1]}`, { usageLocation: 'GB' });
      const r = await call(emu, 'PATCH', `/users/${USERS[2]}`, { usageLocation: 'GB' });
      assert.equal(r.status, 429);
      assert.equal(r.headers.get('x-ms-throttle-scope'), `Tenant/ReadWrite/${emu.tenant.tenantId}`);
    });

    it('reads spend resource units: GET users/{id} costs 1 ("any path not listed"), GET users 2', async () => {
      emu = await start({ throttle: { readUnitsPer10s: 4 } });
      assert.equal((await get(emu, '/users/alice@contoso.com')).headers.get('x-ms-resource-unit'), '1');
      assert.equal((await get(emu, '/users/alice@contoso.com')).status, 200);
      const list = await get(emu, '/users?$top=50');
      assert.equal(list.headers.get('x-ms-resource-unit'), '2');
      const r = await get(emu, '/users/alice@contoso.com');
      assert.equal(r.status, 429, 'the fifth unit of a 4-unit quota is refused');
      assert.equal(r.headers.get('x-ms-throttle-information'), 'ResourceUnitLimitExceeded');
    });

    it('the default quota lets 20 writes through and throttle:false disables throttling', async () => {
      emu = await start();
      const r = await batch(
        emu,
        USERS.map((u, i) => assignItem(String(i), u, SKU.FLOW_FREE)),
      );
      assert.ok((r.body.responses as { status: number }[]).every((x) => x.status === 200));
      await emu.close();
      emu = await start({ throttle: false });
      for (let i = 0; i < 30; i++)
        assert.equal((await call(emu, 'PATCH', '/users/alice@contoso.com', { usageLocation: 'US' })).status, 204);
    });
  });
});
