import { strict as assert } from 'node:assert';
import { checkAnswer, checkRequest } from '../../conformance/graph-metadata';
import { ManualClock, startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../src/emulator';
import { connectToGraph, type GraphConnection } from '../../../src/core/graph/connection';
import type { NumbersClock } from '../../../src/core/numbers/teams-transport';
import type { Translate } from '../../../src/core/text/translate';

export interface NumbersTenant {
  readonly emulator: RunningEmulator;
  readonly connection: GraphConnection;
  /** The emulator's Graph time; the engine's sleeps move it forward at once (no wall-clock wait). */
  readonly clock: NumbersClock;
  readonly graphClock: ManualClock;
  /** Every request the engine sent to Graph, with its answer. */
  readonly exchanges: Exchange[];
  userId(upn: string): string;
  close(): Promise<void>;
}

export interface Exchange {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly status: number;
  readonly answer?: unknown;
}

/**
 * The demo tenant on loopback with a manual clock shared by the emulator and the engine, and a recorder of
 * every exchange: afterwards `assertConformance` checks each one against Microsoft's published metadata.
 */
export async function startNumbersTenant(
  options: EmulatorOptions & { readonly tokenFor?: (emu: RunningEmulator) => string; readonly t?: Translate } = {},
): Promise<NumbersTenant> {
  const graphClock = new ManualClock();
  const { tokenFor, t, ...emulatorOptions } = options;
  const emulator = await startEmulator({ latencyMs: 0, replicationLag: false, clock: graphClock, ...emulatorOptions });
  const bearer = tokenFor ? tokenFor(emulator) : emulator.token;
  const exchanges: Exchange[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const res = await realFetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.origin === emulator.origin) {
      const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
      const text = await res.clone().text();
      exchanges.push({
        method,
        path: `${url.pathname.replace(/^\/v1\.0/, '')}${url.search}`,
        ...(typeof init?.body === 'string' ? { body: JSON.parse(init.body) } : {}),
        status: res.status,
        ...(text ? { answer: JSON.parse(text) } : {}),
      });
    }
    return res;
  };
  const connection = connectToGraph({
    baseUrl: emulator.baseUrl,
    getAccessToken: async () => bearer,
    label: 'test tenant',
    writeBudgets: [],
    retry: { baseDelayMs: 5, maxDelayMs: 50, requestTimeoutMs: 5000 },
    ...(t ? { t } : {}),
  });
  const clock: NumbersClock = {
    now: () => graphClock.now(),
    sleep: async (ms) => graphClock.advance(ms),
  };
  return {
    emulator,
    connection,
    clock,
    graphClock,
    exchanges,
    userId: (upn) => emulator.tenant.findUser(upn)!.id,
    close: async () => {
      globalThis.fetch = realFetch;
      await emulator.close();
    },
  };
}

/**
 * Every recorded request and answer conforms to Graph v1.0's metadata. updateNumber's documented
 * "200 OK" without a body is the one answer the metadata (no return type: 204) disagrees with.
 */
export function assertConformance(exchanges: readonly Exchange[]): void {
  assert.ok(exchanges.length > 0, 'the engine sent something');
  for (const x of exchanges) {
    assert.deepEqual(checkRequest({ method: x.method, url: x.path, body: x.body }), [], `${x.method} ${x.path}`);
    const problems = checkAnswer({ method: x.method, url: x.path, status: x.status, body: x.answer }).filter(
      (p) => !(/\/updateNumber$/.test(x.path) && x.status === 200 && /returns nothing/.test(p)),
    );
    assert.deepEqual(problems, [], `answer to ${x.method} ${x.path}`);
  }
}
