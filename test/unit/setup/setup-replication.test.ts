import * as assert from 'node:assert/strict';
import { connectToGraph } from '../../../src/core/graph/connection';
import { setUpApp } from '../../../src/core/setup/set-up-app';
import { BOOTSTRAP_PERMISSIONS } from '../../../src/core/setup/setup-permissions';
import { ManualClock, startEmulator, type RunningEmulator } from '../../../src/emulator';
import { runSetupCommand } from '../../../src/cli/setup';
import { capturedIo } from '../fixtures/captured-io';
import { VirtualClock } from '../fixtures/virtual-clock';

describe('setup right after creating the app: directory replication', () => {
  let emu: RunningEmulator | undefined;
  afterEach(() => emu?.close());

  const setUp = async (replicationSeconds: number, waits?: number[]) => {
    const clock = new ManualClock();
    emu = await startEmulator({ clock, latencyMs: 0, applicationReplicationSeconds: replicationSeconds });
    const token = emu.mintToken({
      scopes: [...BOOTSTRAP_PERMISSIONS],
      directoryRoles: ['Privileged Role Administrator'],
      signedInUser: 'admin@contoso.com',
    });
    const slept: number[] = [];
    const connection = connectToGraph({ baseUrl: emu.baseUrl, getAccessToken: async () => token });
    const result = await setUpApp(connection, {
      ...(waits ? { replicationWaitsMs: waits } : {}),
      // The injected clock: each wait moves Graph time on instead of sleeping.
      sleep: async (ms) => {
        slept.push(ms);
        clock.advance(ms);
      },
    });
    return { result, slept };
  };

  it('waits, with growing steps, until the new app is replicated, then finishes the set-up', async () => {
    const { result, slept } = await setUp(6);
    assert.equal(result.kind, 'done', JSON.stringify(result));
    assert.deepEqual(slept, [1000, 2000, 4000], 'waited 7 s for a 6 s replication');
  });

  it('gives up after its last wait with Graph’s refusal, naming the step', async () => {
    const { result, slept } = await setUp(60);
    assert.equal(result.kind, 'failed');
    if (result.kind !== 'failed') return;
    assert.deepEqual(slept, [1000, 2000, 4000, 8000, 15000], 'bounded: half a minute');
    // Set-up updates the app it just created first: Graph does not find it yet.
    assert.equal(result.step, 'update the app registration');
    assert.equal(result.error.status, 404);
  });

  it('without replication lag, never waits', async () => {
    const { result, slept } = await setUp(0);
    assert.equal(result.kind, 'done');
    assert.deepEqual(slept, []);
  });

  it('`m365-licenses setup` waits for the replication on the clock it is given, and finishes', async () => {
    const graph = new VirtualClock();
    emu = await startEmulator({ clock: graph.emulator, latencyMs: 0, applicationReplicationSeconds: 6 });
    const token = emu.mintToken({
      scopes: [...BOOTSTRAP_PERMISSIONS],
      directoryRoles: ['Privileged Role Administrator'],
      signedInUser: 'admin@contoso.com',
    });
    const io = capturedIo();
    const env = { LICENSES_GRAPH_URL: emu.baseUrl, LICENSES_ACCESS_TOKEN: token };
    assert.equal(await runSetupCommand(['--json'], io, { env, clock: graph.run }), 0, io.err.join('\n'));
    assert.equal((JSON.parse(io.out.join('\n')) as { kind: string }).kind, 'done');
    assert.ok(graph.now() >= 6_000, `waited ${graph.now()} ms of Graph time for a 6 s replication`);
  });
});
