import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../src/emulator';
import { connectToGraph, type GraphConnection } from '../../../src/core/graph/connection';
import { scaledBudgets } from '../../../src/core/graph/write-pacer';
import type { RetryPolicy } from '../../../src/core/graph/retry-policy';
import type { DesiredUser } from '../../../src/core/desired/desired';
import { applyPlan, type ApplyOptions, type RunReport } from '../../../src/core/run/apply';
import { planLicenses } from '../../../src/core/run/read-and-plan';
import type { JournalEntry, JournalLine, PendingEntry } from '../../../src/core/results/user-result';
import type { ResultSink } from '../../../src/core/journal/journal';
import type { RunPlan } from '../../../src/core/plan/whole-plan';

export const UPN = (name: string) => `${name}@contoso.com`;

/** A desired user as the parser would hand it over. */
export function wants(
  user: string,
  o: {
    assign?: (string | { sku: string; disable: string[] })[];
    remove?: string[];
    usageLocation?: string;
    pstn?: boolean;
  } = {},
): DesiredUser {
  return {
    user: user.includes('@') || /^[0-9a-f-]{36}$/i.test(user) ? user : UPN(user),
    line: 1,
    assign: (o.assign ?? []).map((a) =>
      typeof a === 'string' ? { sku: a } : { sku: a.sku, disabledPlans: a.disable },
    ),
    remove: o.remove ?? [],
    ...(o.usageLocation ? { usageLocation: o.usageLocation } : {}),
    onPremisesPstn: o.pstn ?? false,
  };
}

export interface TestTenant {
  readonly emulator: RunningEmulator;
  readonly connection: GraphConnection;
  close(): Promise<void>;
}

export interface TestTenantOptions extends EmulatorOptions {
  /** Pace writes to the emulator's quota (default) or not, to force 429 storms. */
  readonly pacing?: boolean;
  readonly concurrency?: number;
  readonly retry?: Partial<RetryPolicy>;
}

/**
 * The emulator on loopback, fast (no latency, no replication lag unless asked: the lag has suites of
 * its own, verify-lag and verify-eventual), and a connection with quick retries.
 */
export async function startTenant(options: TestTenantOptions = {}): Promise<TestTenant> {
  const { pacing = true, concurrency, retry, ...emulatorOptions } = options;
  const emulator = await startEmulator({ latencyMs: 0, replicationLag: false, ...emulatorOptions });
  const throttle = emulatorOptions.throttle || {};
  const budgets = [
    { writes: throttle.appWritesPer150s ?? 3000, perSeconds: 150, scope: 'application+tenant' },
    { writes: throttle.tenantWritesPer5min ?? 18000, perSeconds: 300, scope: 'tenant' },
  ];
  const connection = connectToGraph({
    baseUrl: emulator.baseUrl,
    getAccessToken: async () => emulator.token,
    label: 'test tenant',
    writeBudgets: pacing ? scaledBudgets(emulatorOptions.clockScale ?? 1, budgets) : [],
    concurrency,
    retry: { baseDelayMs: 5, maxDelayMs: 50, requestTimeoutMs: 5000, ...retry },
  });
  return { emulator, connection, close: () => emulator.close() };
}

/** plan + apply, as the CLI does; fails the test if the plan is not made. */
export async function run(
  connection: GraphConnection,
  desired: readonly DesiredUser[],
  options: ApplyOptions = {},
): Promise<RunReport & { plan: RunPlan }> {
  const planned = await planLicenses(connection, desired);
  if (planned.kind !== 'planned') throw new Error(`not planned: ${JSON.stringify(planned)}`);
  const report = await applyPlan(connection, planned.plan, { verify: { timeoutMs: 0 }, ...options });
  return { ...report, plan: planned.plan };
}

export function resultOf(report: RunReport, user: string) {
  const r = report.results.find((x) => x.user.toLowerCase() === (user.includes('@') ? user : UPN(user)).toLowerCase());
  if (!r) throw new Error(`no result for ${user}`);
  return r;
}

/** Keeps results and the `pending` lines written before the first write apart. */
export class MemorySink implements ResultSink {
  readonly entries: JournalEntry[] = [];
  readonly pending: PendingEntry[] = [];
  async append(lines: readonly JournalLine[]) {
    for (const line of lines) {
      if (line.outcome === 'pending') this.pending.push(line);
      else this.entries.push(line);
    }
  }
}

/** Generated users with a usage location and no licenses, from demoTenant({ users: > 300 }). */
export const bulkUser = (n: number) => UPN(`user${String(n).padStart(5, '0')}`);

/**
 * A proxy that forwards to the emulator but loses the answer of the requests `loseAnswer` picks:
 * Graph did the work, the client never heard. Only this shows what a retry meets in that case
 * (the emulator's own faults happen before the tenant is touched).
 */
export async function startAnswerLosingProxy(
  targetOrigin: string,
  loseAnswer: (method: string, url: string, body: string) => boolean,
) {
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => resolve(body));
    });
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type'])
      if (req.headers[name]) headers[name] = String(req.headers[name]);
    const upstream = await fetch(`${targetOrigin}${req.url}`, {
      method: req.method,
      headers,
      ...(body ? { body } : {}),
    });
    const text = await upstream.text();
    if (loseAnswer(req.method ?? 'GET', req.url ?? '', body)) {
      req.socket.destroy();
      return;
    }
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: `${origin}/v1.0`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
