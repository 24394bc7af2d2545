/**
 * The number arm: 1,000 users licensed (ENTERPRISEPACK + MCOEV) and each given a free Operator Connect number in one
 * run, through the product's run path (runLicenses, as `m365-licenses apply --yes` calls it), against the emulator
 * with Graph's latency, quotas and a licensing-to-Teams lag. The same users licensed without numbers on a fresh
 * emulator give the license stage alone. Reported: Graph requests per user, both runs' wall times and their ratio,
 * and whether the number stage overlapped the license stage (a number sent to Teams before the last license result).
 * `npm run bench:numbers` (BENCH_NUMBER_USERS, BENCH_CLOCK_SCALE, BENCH_TEAMS_LAG_SECONDS).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { neverCancelled } from '../src/core/graph/cancellation';
import { connectToGraph } from '../src/core/graph/connection';
import { scaledBudgets } from '../src/core/graph/write-pacer';
import type { DesiredUser } from '../src/core/desired/desired';
import { planAsRead } from '../src/core/run/plan-as-read';
import { runLicenses } from '../src/core/run/run-licenses';
import { scaledClock } from '../src/core/run/run-clock';
import { oneAssignBlock } from './engine-arm';
import { DEFAULT_DEMO_USERS } from '../src/emulator/demo-tenant';
import { benchNumber } from './bench-numbers';
import { startRemoteEmulator } from './remote-emulator';

interface StageRun {
  readonly wallMs: number;
  readonly httpRequests: number;
  readonly licensesChanged: number;
  /** When the last license result came, from the start. */
  readonly lastLicenseMs: number;
  /** When the first and last number outcomes came, from the start (absent without numbers). */
  readonly firstNumberMs?: number;
  /** When the first assignNumber went out. */
  readonly firstNumberSentMs?: number;
  readonly lastNumberMs?: number;
  readonly numbers: Readonly<Record<string, number>>;
}

async function oneRun(users: number, clockScale: number, lagSeconds: number, withNumbers: boolean): Promise<StageRun> {
  const emulator = await startRemoteEmulator({
    // The demo tenant's own users first, then user00001… (oneAssignBlock's users), as the other arms seed it.
    users: DEFAULT_DEMO_USERS + users,
    clockScale,
    freeNumbers: withNumbers ? users : 0,
    teamsLicenseLagSeconds: lagSeconds,
  });
  const folder = mkdtempSync(join(tmpdir(), 'licenses-bench-numbers-'));
  try {
    const connection = connectToGraph({
      baseUrl: emulator.baseUrl,
      getAccessToken: async () => emulator.token,
      label: 'bench',
      writeBudgets: scaledBudgets(clockScale),
    });
    const desired: DesiredUser[] = oneAssignBlock(users).map((d, i) =>
      withNumbers
        ? { ...d, number: { kind: 'number', e164: benchNumber(i), canonical: benchNumber(i), line: d.line } }
        : d,
    );
    const clock = scaledClock(clockScale);
    await emulator.resetStats();
    const started = performance.now();
    let lastLicenseMs = 0;
    let firstNumberMs: number | undefined;
    let lastNumberMs: number | undefined;
    // When the run first asks Teams for a number: the number stage has started (its answer waits on Teams' lag).
    let firstNumberSentMs: number | undefined;
    const api = connection.client.api.bind(connection.client);
    connection.client.api = (path) => {
      if (typeof path === 'string' && path.endsWith('/assignNumber')) firstNumberSentMs ??= performance.now() - started;
      return api(path);
    };
    const outcome = await runLicenses({
      connection,
      tenant: { label: 'bench', id: 'bench' },
      files: ['bench-numbers.licenses'],
      plan: () => planAsRead(connection, desired),
      journal: { folder, name: 'bench-numbers' },
      lockFolder: join(folder, 'locks'),
      clock,
      onResult: () => (lastLicenseMs = performance.now() - started),
      numbers: {
        // Teams' lag and the operations' polling in Graph time, on the emulator's scaled clock.
        clock: { now: () => clock.now(), sleep: async (ms) => void (await clock.sleep(ms, neverCancelled)) },
        onNumberResult: () => {
          const at = performance.now() - started;
          firstNumberMs ??= at;
          lastNumberMs = at;
        },
      },
    });
    const wallMs = performance.now() - started;
    if (outcome.kind !== 'applied') throw new Error(`number arm ended ${outcome.kind}`);
    const numbers: Record<string, number> = {};
    for (const l of outcome.numbers ?? []) numbers[l.outcome] = (numbers[l.outcome] ?? 0) + 1;
    const failure = outcome.numbers?.find((l) => l.error);
    if (failure) console.error(`  e.g. ${failure.user}: [${failure.error?.code}] ${failure.error?.message}`);
    const stats = await emulator.stats();
    return {
      wallMs,
      httpRequests: stats.requests,
      licensesChanged: outcome.report.summary.changed,
      lastLicenseMs,
      ...(firstNumberMs !== undefined ? { firstNumberMs, lastNumberMs } : {}),
      ...(firstNumberSentMs !== undefined ? { firstNumberSentMs } : {}),
      numbers,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await emulator.close();
  }
}

interface NumberArm {
  readonly users: number;
  readonly clockScale: number;
  readonly teamsLagSeconds: number;
  readonly licensesAlone: StageRun;
  readonly withNumbers: StageRun;
  readonly requestsPerUser: { readonly licensesAlone: number; readonly withNumbers: number };
  /** The run with numbers over the license stage alone (wall time). */
  readonly wallRatio: number;
  /**
   * The first number went to Teams before the last license result: the stages overlapped. (Its answer comes
   * only once Teams sees the license, the lag, which may outlast a short license stage.)
   */
  readonly overlapped: boolean;
}

async function measureNumberArm(users: number, clockScale: number, teamsLagSeconds: number): Promise<NumberArm> {
  const licensesAlone = await oneRun(users, clockScale, teamsLagSeconds, false);
  const withNumbers = await oneRun(users, clockScale, teamsLagSeconds, true);
  return {
    users,
    clockScale,
    teamsLagSeconds,
    licensesAlone,
    withNumbers,
    requestsPerUser: {
      licensesAlone: licensesAlone.httpRequests / users,
      withNumbers: withNumbers.httpRequests / users,
    },
    wallRatio: withNumbers.wallMs / licensesAlone.wallMs,
    overlapped:
      withNumbers.firstNumberSentMs !== undefined && withNumbers.firstNumberSentMs < withNumbers.lastLicenseMs,
  };
}

async function main() {
  const users = Number(process.env.BENCH_NUMBER_USERS ?? 1000);
  const scale = Number(process.env.BENCH_CLOCK_SCALE ?? 20);
  const lag = Number(process.env.BENCH_TEAMS_LAG_SECONDS ?? 20);
  const arm = await measureNumberArm(users, scale, lag);
  const s = (ms: number | undefined) => (ms === undefined ? '-' : `${(ms / 1000).toFixed(2)} s`);
  console.log(
    `Number arm: ${users.toLocaleString('en-US')} users, ENTERPRISEPACK + MCOEV and an Operator Connect number each; clock ×${scale}, Teams sees a license ${lag} Graph s after it is assigned.`,
  );
  console.log(
    `  licenses alone: ${s(arm.licensesAlone.wallMs)}, ${arm.requestsPerUser.licensesAlone.toFixed(2)} Graph requests/user`,
  );
  console.log(
    `  licenses + numbers: ${s(arm.withNumbers.wallMs)} (${arm.wallRatio.toFixed(2)}× the license stage alone), ${arm.requestsPerUser.withNumbers.toFixed(2)} Graph requests/user; numbers ${JSON.stringify(arm.withNumbers.numbers)}`,
  );
  console.log(
    `  last license result ${s(arm.withNumbers.lastLicenseMs)}, first number sent ${s(arm.withNumbers.firstNumberSentMs)}, first number done ${s(arm.withNumbers.firstNumberMs)}, last number ${s(arm.withNumbers.lastNumberMs)}: ${arm.overlapped ? 'the number stage overlapped the license stage' : 'NO OVERLAP'}`,
  );
  const ok = arm.overlapped && arm.withNumbers.numbers.changed === users && arm.withNumbers.licensesChanged === users;
  process.exitCode = ok ? 0 : 1;
}

if (require.main === module) void main();
