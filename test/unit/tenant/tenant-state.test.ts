import * as assert from 'node:assert/strict';
import { catalogSku } from '../../../src/emulator';
import { connectToGraph } from '../../../src/core/graph/connection';
import { loadTenantSkus } from '../../../src/core/tenant/tenant-skus';
import { TenantState, type TenantSkusState } from '../../../src/core/tenant/tenant-state';
import type { GraphConnection } from '../../../src/core/graph/connection';
import { run, startTenant, wants, type TestTenant, sharedDemoTenant } from '../fixtures/test-tenant';

/** A signed-in session as the state service sees it: something to read the tenant through. */
interface Session {
  readonly connection: GraphConnection;
  /** Held until released, to order answers of concurrent refreshes. */
  gate?: Promise<void>;
}

function service(sessions: { current?: Session }) {
  const state = new TenantState<Session>(
    () => sessions.current,
    async (s) => {
      await s.gate;
      return loadTenantSkus(s.connection);
    },
  );
  const seen: TenantSkusState['kind'][] = [];
  state.onDidChange((s) => seen.push(s.kind));
  return { state, seen };
}

function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe("tenant state: the one reader of the tenant's SKUs", function () {
  this.timeout(20_000);
  let demo: TestTenant;
  let small: TestTenant;

  before(async () => {
    demo = await startTenant({ tenant: sharedDemoTenant() });
    small = await startTenant({
      tenant: { tenantId: '22222222-3333-4444-8555-666666666666', skus: [catalogSku('MCOEV', 3)], users: [] },
    });
  });
  after(async () => {
    await demo.close();
    await small.close();
  });

  it("reads the signed-in tenant's SKUs with their seats, and tells listeners", async () => {
    const sessions = { current: { connection: demo.connection } };
    const { state, seen } = service(sessions);
    assert.equal(state.current(), undefined, 'nothing before the first read');
    await state.refresh();
    const pstn2 = state.current()?.resolve('MCOPSTN2');
    assert.equal(pstn2?.kind, 'found');
    if (pstn2?.kind !== 'found') return;
    assert.deepEqual(
      {
        total: pstn2.sku.seatsTotal,
        used: pstn2.sku.seatsUsed,
        left: pstn2.sku.seatsLeft,
        status: pstn2.sku.capabilityStatus,
      },
      { total: 10, used: 5, left: 5, status: 'Enabled' },
    );
    assert.ok(
      pstn2.sku.plans.length > 0 && pstn2.sku.plans.every((p) => p.provisioningStatus),
      'plans with their provisioning status',
    );
    assert.deepEqual(seen, ['loading', 'loaded']);
  });

  it('shows the seats a run took once refreshed after it', async () => {
    const sessions = { current: { connection: demo.connection } };
    const { state } = service(sessions);
    await state.refresh();
    const before = state.current()!.all.find((s) => s.partNumber === 'ENTERPRISEPACK')!.seatsUsed;
    const report = await run(demo.connection, [wants('alice', { assign: ['ENTERPRISEPACK'] })], { verify: false });
    assert.equal(report.summary.changed, 1, JSON.stringify(report.results));
    await state.refresh();
    assert.equal(state.current()!.all.find((s) => s.partNumber === 'ENTERPRISEPACK')!.seatsUsed, before + 1);
  });

  it('is empty once signed out', async () => {
    const sessions: { current?: Session } = { current: { connection: demo.connection } };
    const { state, seen } = service(sessions);
    await state.refresh();
    sessions.current = undefined;
    await state.refresh();
    assert.equal(state.current(), undefined);
    assert.deepEqual(seen, ['loading', 'loaded', 'signed-out']);
  });

  it("drops the answer for a session since replaced: the new tenant's SKUs stay", async () => {
    const slow = gate();
    const sessions: { current?: Session } = { current: { connection: demo.connection, gate: slow.promise } };
    const { state } = service(sessions);
    const first = state.refresh();
    sessions.current = { connection: small.connection };
    await state.refresh();
    slow.open();
    await first;
    assert.deepEqual(
      state.current()?.all.map((s) => s.partNumber),
      ['MCOEV'],
      "the previous tenant's SKUs came back",
    );
  });

  it('says why when the tenant cannot be read, and keeps no SKUs', async () => {
    const refused = connectToGraph({
      baseUrl: demo.emulator.baseUrl,
      getAccessToken: async () => 'not-the-token',
      label: 'wrong token',
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
    });
    const { state } = service({ current: { connection: refused } });
    const result = await state.refresh();
    assert.equal(result.kind, 'unreadable');
    if (result.kind === 'unreadable')
      assert.ok(result.error.message.length > 0 && result.error.status === 401, JSON.stringify(result.error));
    assert.equal(state.current(), undefined);
  });

  it("a command's fresh read plans with the SKUs the view then shows; a session replaced meanwhile is refused, not planned", async () => {
    const sessions: { current?: Session } = { current: { connection: demo.connection } };
    const { state } = service(sessions);
    const read = await state.fresh();
    assert.ok(read.ok);
    if (read.ok) assert.equal(read.value, state.current(), 'the plan and the view hold the same SKUs');
    const slow = gate();
    sessions.current = { connection: demo.connection, gate: slow.promise };
    const stale = state.fresh();
    sessions.current = { connection: small.connection };
    slow.open();
    const answer = await stale;
    assert.equal(answer.ok, false);
    if (!answer.ok) assert.equal(answer.error.code, 'SessionChanged');
  });
});
