/**
 * `npm run bench`: bulk assignment against the emulator under Graph's default throttle budget and
 * latency, side by side with the old script's sequential loop, in one run (issue 6). Prints a table
 * and writes bench/results/latest.json.
 *
 * Clock: the emulator's clockScale shortens latency, Retry-After and the quota windows alike, so the
 * throttle regime of 10,000 users (≈ 6 min in Graph time) is measured in seconds, and the engine's
 * verification waits run on the same scaled clock; ratios do not depend on the scale as long as
 * Graph's latency and quota, not the CPU, set the pace (true at ×20, not at the ×300 of the
 * 100,000-user arm). Each arm gets a fresh emulator (a full quota). Arms: 1,000 and 10,000 users,
 * 10,000 under replication lag (each user visible 1 to 10 Graph seconds after its write), and
 * 100,000 under lag in a process with a 300 MB heap.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GRAPH_WRITE_BUDGETS } from '../src/core/graph/write-pacer';
import type { Arm, ArmSpec } from './arm';
import { measureInOwnProcess } from './arm-process';
import { adversarialUnderFloor, measureEditor, printAdversarial, printLinearScale } from './editor';
import { measureExportArm } from './export-arm';
import { measureSpeedArms } from './speed-arm';
import { measureTenantsArm } from './tenants-arm';
import type { ReplicationLagOptions } from '../src/emulator/directory/replication';

const CLOCK_SCALE = Number(process.env.BENCH_CLOCK_SCALE ?? 20);
/** 100,000 users need ≈ 4,850 Graph seconds of quota: a faster clock keeps that arm under a minute. */
const BIG_CLOCK_SCALE = Number(process.env.BENCH_BIG_CLOCK_SCALE ?? 300);
/** Every written user becomes visible to reads 1 to 10 Graph seconds later, its own lag for each. */
const LAG: ReplicationLagOptions = { minSeconds: 1, maxSeconds: 10, seed: 1 };

const ARMS: readonly ArmSpec[] = [
  { name: '1,000', users: 1000, clockScale: CLOCK_SCALE, seedLoop: true, rerun: true },
  { name: '10,000', users: 10000, clockScale: CLOCK_SCALE, seedLoop: true, rerun: true },
  { name: '10,000 lag', users: 10000, clockScale: CLOCK_SCALE, replicationLag: LAG, seedLoop: false, rerun: true },
  {
    name: '100,000 lag',
    users: 100000,
    clockScale: BIG_CLOCK_SCALE,
    replicationLag: LAG,
    seedLoop: false,
    rerun: false,
    heapCapMb: 300,
  },
];

/**
 * `BENCH_ARMS="10,000;10,000 lag"` runs only those arms and skips the editor (and writes no results); `export`,
 * `preview` and `plan` name the arms of export-arm.ts and speed-arm.ts.
 */
const ONLY = process.env.BENCH_ARMS?.split(';').map((a) => a.trim());

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const pad = (v: string, n: number) => v.padStart(n);

function printTable(arms: readonly Arm[]) {
  const header = [
    'users',
    'lag',
    'clock',
    'HTTP req',
    'write HTTP',
    'writes/user',
    '429s (writes)',
    'failed',
    'verified',
    'wall',
    '(read/write/verify)',
    'throttle min',
    'ratio',
    'from 1st write',
    'seed loop',
    'speed-up',
    're-run writes',
    'peak heap',
  ];
  const rows = arms.map((a) => [
    a.users.toLocaleString('en-US'),
    a.replicationLag ? `${a.replicationLag.minSeconds ?? 0}–${a.replicationLag.maxSeconds} s` : '-',
    `×${a.clockScale}`,
    String(a.engine.httpRequests),
    `${a.engine.writeHttpRequests} (≥${a.minimumWriteBatches})`,
    a.writesPerUser.toFixed(2),
    `${a.engine.throttled} (${a.engine.throttledWrites})`,
    String(a.engine.failed),
    String(a.engine.verified),
    s(a.engine.wallMs),
    `${s(a.engine.readMs)}/${s(a.engine.writeMs)}/${s(a.engine.verifyMs)}`,
    a.throttleMinimumMs > 0 ? s(a.throttleMinimumMs) : '0 (burst)',
    a.ratioToThrottleMinimum === null
      ? 'n/a'
      : `${a.ratioToThrottleMinimum.toFixed(3)}×${a.replicationLag ? ` (${wallOverMinimum(a).toFixed(3)}× of min + lag)` : ''}`,
    a.writesRatioToThrottleMinimum === null
      ? 'n/a'
      : `${s(a.engine.firstWriteToEndMs)} ${a.writesRatioToThrottleMinimum.toFixed(3)}×`,
    a.seed ? `${s(a.seed.extrapolatedMs)}${a.seed.extrapolated ? ` (from ${a.seed.users})` : ''}` : '-',
    a.speedupOverSeedLoop === null
      ? '-'
      : `${a.speedupOverSeedLoop.toFixed(a.speedupOverSeedLoop < 10 ? 1 : 0)}×${a.speedupBoundByQuota ? ` (max ${a.speedupBoundByQuota.toFixed(1)}×)` : ''}`,
    a.rerun ? String(a.rerun.writeRequests) : '-',
    `${(a.engine.peakHeapBytes / 2 ** 20).toFixed(0)} MB`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i])).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
}

/**
 * The whole run over the least time any client could take: the throttle minimum, plus the longest replication lag when
 * there is one.
 */
function wallOverMinimum(a: Arm): number {
  const lagMs = a.replicationLag ? (a.replicationLag.maxSeconds * 1000) / a.clockScale : 0;
  return a.engine.wallMs / (a.throttleMinimumMs + lagMs);
}

function floors(all: readonly Arm[]) {
  // The 100,000-user arm runs on a clock fast enough (×300) that the engine's CPU, not Graph's
  // latency or quota, sets its pace: its times are shown, its floors are the per-user and heap ones.
  const arms = all.filter((a) => a.users <= 10000);
  const tenThousand = arms.filter((a) => a.users === 10000);
  const hundredThousand = all.filter((a) => a.users === 100000);
  const small = arms.find((a) => a.users === 1000);
  const lagged = all.filter((a) => a.replicationLag);
  return {
    writesPerUserAtMost1: all.every((a) => a.writesPerUser <= 1),
    writeRoundTripsAtMostUsersOver20PlusSmall: all.every(
      (a) => a.engine.writeHttpRequests <= a.minimumWriteBatches + 10,
    ),
    zeroThrottledWrites: all.every((a) => a.engine.throttledWrites === 0),
    // The whole run: the first users are written while the rest are read (planAsRead) and the
    // re-reads overlap the writes, so beyond the quota's own time are the SKUs and the first users
    // read before the first write, and the last users' re-reads after the last. Under replication
    // lag no client can see its last write before that write's lag has passed (up to 10 Graph
    // seconds here, 2.9 % of the 350 s minimum): the lagged arm's minimum is the throttle minimum
    // plus the longest lag, and it is held to 1.05× of that.
    wallAtMost1_05xThrottleMinimumAt10000: tenThousand.every(
      (a) => a.ratioToThrottleMinimum !== null && wallOverMinimum(a) <= 1.05,
    ),
    firstWriteToEndAtMost1_05xThrottleMinimumAt10000: tenThousand.every(
      (a) => a.writesRatioToThrottleMinimum !== null && a.writesRatioToThrottleMinimum <= 1.05,
    ),
    wallAtMost1_2xThrottleMinimum: arms.every(
      (a) => a.ratioToThrottleMinimum === null || a.ratioToThrottleMinimum <= 1.2,
    ),
    // Issue 3 sets this floor at 1,000 users. At 10,000 the quota caps any client: the seed loop's
    // 20,000 sequential writes take ≈ 2,000 s of Graph time, the engine's 10,000 at least 350 s, so
    // no more than ≈ 5.7× is possible there; the table shows how close the engine gets.
    atLeast20xFasterThanSeedLoopAt1000: !small || (small.speedupOverSeedLoop ?? 0) >= 20,
    rerunMakesZeroWrites: all.every((a) => !a.rerun || a.rerun.writeRequests === 0),
    zeroUsersWronglyFailedUnderLag: lagged.every(
      (a) => a.engine.failed === 0 && a.engine.changed === a.users && a.engine.verified === a.users,
    ),
    peakHeapUnder200MBAt10000: tenThousand.every((a) => a.engine.peakHeapBytes < 200 * 2 ** 20),
    // Measured in a process whose heap is capped at 300 MB (arm-process.ts): it finished, and its sampled peak is
    // below.
    peakHeapUnder300MBAt100000: hundredThousand.every((a) => a.engine.peakHeapBytes < 300 * 2 ** 20),
    everyUserChanged: all.every((a) => a.engine.changed === a.users && (!a.rerun || a.rerun.unchanged === a.users)),
  };
}

function printEditor(editor: ReturnType<typeof measureEditor>) {
  const t = (name: string, x: { coldMs: number; medianMs: number; floorMs: number; ratioToFloor: number }) =>
    console.log(
      `  ${name.padEnd(44)} ${x.medianMs.toFixed(1).padStart(7)} ms median (cold ${x.coldMs.toFixed(1)} ms)  floor ${x.floorMs} ms  ${x.ratioToFloor.toFixed(2)}× of floor`,
    );
  console.log(`Editor, ${editor.users.toLocaleString('en-US')} users in 10 blocks:`);
  t('validate the whole file', editor.fullValidation);
  t('re-validate after a one-character edit', editor.oneCharEdit);
  t('completion after "assign "', editor.completion);
  if (editor.bundles) {
    console.log(
      `  dist/extension.js load ${editor.bundles.extensionLoadMs.toFixed(1)} ms + activate() ${editor.bundles.activateMs.toFixed(1)} ms (floor 50 ms, stub vscode); dist/engine.js load ${editor.bundles.engineLoadMs.toFixed(1)} ms (on first command only)`,
    );
  }
  if (editor.activationInHost) {
    const h = editor.activationInHost;
    console.log(
      `  in a real extension host (VS Code ${h.vscodeVersion}, last npm run test:host at ${h.at}): bundle ${h.loadMs.toFixed(1)} ms + activate() ${h.activateMs.toFixed(1)} ms = ${h.activationMs.toFixed(1)} ms (floor 50 ms); VS Code's own context set-up before activate(): ${h.hostWaitMs.toFixed(0)} ms`,
    );
  } else console.log('  (run npm run test:host first to add the activation time measured in a real extension host)');
  printAdversarial(editor.adversarial);
  printLinearScale(editor.linearScale);
  if (editor.vsixBytes)
    console.log(
      `  .vsix ${(editor.vsixBytes / 1024).toFixed(0)} KB (floor ${(editor.vsixFloorBytes / 1024).toFixed(0)} KB)`,
    );
}

async function main() {
  const specs = ONLY ? ARMS.filter((a) => ONLY.includes(a.name)) : ARMS;
  const editor = ONLY ? undefined : measureEditor();
  if (editor) {
    printEditor(editor);
    console.log();
  }
  console.log(
    `Bulk assignment bench: emulator with default latency (100 ms) and Graph's write quotas (3,000/150 s per app+tenant, 18,000/5 min per tenant); 2 SKUs (ENTERPRISEPACK + MCOEV) per user.`,
  );
  const arms: Arm[] = [];
  const unfinished: string[] = [];
  for (const spec of specs) {
    try {
      arms.push(await measureInOwnProcess(spec));
    } catch (e) {
      // An arm that runs out of heap is a failed floor, reported with the others.
      unfinished.push(spec.name);
      console.log(`  ${spec.name} users: ${(e as Error).message}`);
      continue;
    }
    const a = arms[arms.length - 1];
    console.log(
      `  ${spec.name} users measured (emulator seeded in ${s(a.emulatorSeedMs)}, its heap ${(a.emulatorHeapBytes / 2 ** 20).toFixed(0)} MB)`,
    );
  }
  console.log();
  printTable(arms);
  const result = {
    everyArmFinished: unfinished.length === 0,
    ...floors(arms),
    ...(editor
      ? {
          validate50kUnder100ms: editor.fullValidation.medianMs < 100,
          oneCharEditUnder20ms: editor.oneCharEdit.medianMs < 20,
          completionUnder20ms: editor.completion.medianMs < 20,
          activationUnder50ms:
            (!editor.bundles || editor.bundles.extensionLoadMs + editor.bundles.activateMs < 50) &&
            (!editor.activationInHost || editor.activationInHost.activationMs < 50),
          vsixUnder1_5MB: !editor.vsixBytes || editor.vsixBytes < editor.vsixFloorBytes,
          adversarial1MbUnder100msPerMb: adversarialUnderFloor(editor.adversarial),
          longInputsUnderFloor: adversarialUnderFloor(editor.linearScale),
        }
      : {}),
  };
  Object.assign(result, await measureExportArm(ONLY));
  Object.assign(result, await measureSpeedArms(ONLY));
  Object.assign(result, await measureTenantsArm(ONLY));
  console.log();
  for (const [name, ok] of Object.entries(result)) console.log(`${ok ? 'PASS' : 'FAIL'} ${name}`);
  console.log(
    'Times are wall-clock at each arm\'s clock scale ("clock"); multiply by it for Graph time. Ratios hold at any scale.',
  );
  console.log(
    "1,000 users: 1,000 writes fit in the quota's 3,000 burst, so the throttle minimum is 0 and that run is latency-bound.",
  );
  console.log(
    '10,000 users: the quota bounds any client; "max" is the seed loop over the throttle minimum, the best speed-up possible.',
  );
  console.log(
    '"lag": each written user shows in reads 1 to 10 Graph seconds later; "429s (writes)": all 429s, and the writes among them.',
  );
  console.log(
    '"from 1st write": the first write sent to the end of the run, the part the write quota bounds; "ratio": the whole run, the SKUs and the first users read before the first write included; under lag, also over the minimum plus the longest lag (no client sees its last write sooner).',
  );
  console.log(
    `100,000 users: heap capped at 300 MB; at ×${BIG_CLOCK_SCALE} the engine's CPU, not Graph, sets the pace, so its ratios are not floors.`,
  );
  if (ONLY) {
    console.log('Partial run (BENCH_ARMS): bench/results/latest.json left as it was.');
  } else {
    const out = join(__dirname, '..', '..', 'bench', 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'latest.json'),
      `${JSON.stringify({ generatedAt: new Date().toISOString(), node: process.version, clockScale: CLOCK_SCALE, bigClockScale: BIG_CLOCK_SCALE, latencyMs: 100, writeBudgets: GRAPH_WRITE_BUDGETS, skus: ['ENTERPRISEPACK', 'MCOEV'], arms, editor, floors: result }, null, 2)}\n`,
    );
    console.log(`Wrote ${join('bench', 'results', 'latest.json')}`);
  }
  if (Object.values(result).some((ok) => !ok)) process.exitCode = 1;
}

void main();
