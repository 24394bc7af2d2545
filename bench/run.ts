/**
 * `npm run bench`: bulk assignment against the emulator under Graph's default throttle budget and
 * latency, side by side with the old script's sequential loop, in one run (issue 6). Prints a table
 * and writes bench/results/latest.json.
 *
 * Clock: the emulator's clockScale shortens latency, Retry-After and the quota windows alike, so the
 * throttle regime of 10,000 users (≈ 6 min in Graph time) is measured in seconds; every arm runs on
 * the same scale, and ratios do not depend on it. Each arm gets a fresh emulator (a full quota).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GRAPH_WRITE_BUDGETS } from '../src/core/graph/write-pacer';
import { oneAssignBlock, runEngine, type EngineRun } from './engine-arm';
import { startRemoteEmulator } from './remote-emulator';
import { runSeedLoop, type SeedLoopRun } from './seed-loop';
import { throttleMinimumSeconds } from './throttle-minimum';
import { measureEditor } from './editor';

const CLOCK_SCALE = Number(process.env.BENCH_CLOCK_SCALE ?? 20);
const DEMO_USERS = 300;
/** The seed loop is sequential and never throttled (≈ 10 writes/s < 20/s), so a sample extrapolates linearly. */
const SEED_SAMPLE: Readonly<Record<number, number>> = { 1000: 1000, 10000: 200 };
const SIZES = [1000, 10000];

interface Arm {
  users: number;
  engine: EngineRun;
  rerun: EngineRun;
  seed: SeedLoopRun & { extrapolatedMs: number; extrapolated: boolean };
  throttleMinimumMs: number;
  ratioToThrottleMinimum: number | null;
  speedupOverSeedLoop: number;
  /** The best any client could do against the seed loop under the quota: seed time / throttle minimum. */
  speedupBoundByQuota: number | null;
  writesPerUser: number;
  minimumWriteBatches: number;
}

async function measure(users: number): Promise<Arm> {
  const options = { users: DEMO_USERS + users, clockScale: CLOCK_SCALE };
  const desired = oneAssignBlock(users);
  const emulator = await startRemoteEmulator(options);
  let engine: EngineRun, rerun: EngineRun;
  try {
    engine = await runEngine(emulator, desired, CLOCK_SCALE);
    rerun = await runEngine(emulator, desired, CLOCK_SCALE);
  } finally {
    await emulator.close();
  }
  const seedEmulator = await startRemoteEmulator(options);
  let seed: SeedLoopRun;
  try {
    seed = await runSeedLoop(seedEmulator, SEED_SAMPLE[users] ?? users);
  } finally {
    await seedEmulator.close();
  }
  const extrapolatedMs = (seed.wallMs * users) / seed.users;
  const throttleMinimumMs = (throttleMinimumSeconds(users, GRAPH_WRITE_BUDGETS) * 1000) / CLOCK_SCALE;
  return {
    users,
    engine,
    rerun,
    seed: { ...seed, extrapolatedMs, extrapolated: seed.users < users },
    throttleMinimumMs,
    ratioToThrottleMinimum: throttleMinimumMs > 0 ? engine.wallMs / throttleMinimumMs : null,
    speedupOverSeedLoop: extrapolatedMs / engine.wallMs,
    speedupBoundByQuota: throttleMinimumMs > 0 ? extrapolatedMs / throttleMinimumMs : null,
    writesPerUser: engine.writeRequests / users,
    minimumWriteBatches: Math.ceil(users / 20),
  };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const pad = (v: string, n: number) => v.padStart(n);

function printTable(arms: readonly Arm[]) {
  const header = ['users', 'HTTP req', 'write HTTP', 'writes/user', '429s', 'wall', '(read/write/verify)', 'throttle min', 'ratio', 'seed loop', 'speed-up', 're-run writes', 'peak heap'];
  const rows = arms.map((a) => [
    a.users.toLocaleString('en-US'),
    String(a.engine.httpRequests),
    `${a.engine.writeHttpRequests} (≥${a.minimumWriteBatches})`,
    a.writesPerUser.toFixed(2),
    String(a.engine.throttled),
    s(a.engine.wallMs),
    `${s(a.engine.readMs)}/${s(a.engine.writeMs)}/${s(a.engine.verifyMs)}`,
    a.throttleMinimumMs > 0 ? s(a.throttleMinimumMs) : '0 (burst)',
    a.ratioToThrottleMinimum === null ? 'n/a' : `${a.ratioToThrottleMinimum.toFixed(2)}×`,
    `${s(a.seed.extrapolatedMs)}${a.seed.extrapolated ? ` (from ${a.seed.users})` : ''}`,
    `${a.speedupOverSeedLoop.toFixed(a.speedupOverSeedLoop < 10 ? 1 : 0)}×${a.speedupBoundByQuota ? ` (max ${a.speedupBoundByQuota.toFixed(1)}×)` : ''}`,
    String(a.rerun.writeRequests),
    `${(a.engine.peakHeapBytes / 2 ** 20).toFixed(0)} MB`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i])).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
}

function floors(arms: readonly Arm[]) {
  const big = arms.find((a) => a.users === 10000);
  const small = arms.find((a) => a.users === 1000);
  return {
    writesPerUserAtMost1: arms.every((a) => a.writesPerUser <= 1),
    writeRoundTripsAtMostUsersOver20PlusSmall: arms.every((a) => a.engine.writeHttpRequests <= a.minimumWriteBatches + 10),
    wallAtMost1_2xThrottleMinimum: arms.every((a) => a.ratioToThrottleMinimum === null || a.ratioToThrottleMinimum <= 1.2),
    // Issue 3 sets this floor at 1,000 users. At 10,000 the quota caps any client: the seed loop's
    // 20,000 sequential writes take ≈ 2,000 s of Graph time, the engine's 10,000 at least 350 s, so
    // no more than ≈ 5.7× is possible there; the table shows how close the engine gets.
    atLeast20xFasterThanSeedLoopAt1000: !small || small.speedupOverSeedLoop >= 20,
    rerunMakesZeroWrites: arms.every((a) => a.rerun.writeRequests === 0),
    peakHeapUnder200MB: (big ?? small)!.engine.peakHeapBytes < 200 * 2 ** 20,
    everyUserChanged: arms.every((a) => a.engine.changed === a.users && a.rerun.unchanged === a.users),
  };
}

function printEditor(editor: ReturnType<typeof measureEditor>) {
  const t = (name: string, x: { coldMs: number; medianMs: number; floorMs: number; ratioToFloor: number }) =>
    console.log(`  ${name.padEnd(44)} ${x.medianMs.toFixed(1).padStart(7)} ms median (cold ${x.coldMs.toFixed(1)} ms)  floor ${x.floorMs} ms  ${x.ratioToFloor.toFixed(2)}× of floor`);
  console.log(`Editor, ${editor.users.toLocaleString('en-US')} users in 10 blocks:`);
  t('validate the whole file', editor.fullValidation);
  t('re-validate after a one-character edit', editor.oneCharEdit);
  t('completion after "assign "', editor.completion);
  if (editor.bundles) {
    console.log(`  dist/extension.js load ${editor.bundles.extensionLoadMs.toFixed(1)} ms + activate() ${editor.bundles.activateMs.toFixed(1)} ms (floor 50 ms, stub vscode); dist/engine.js load ${editor.bundles.engineLoadMs.toFixed(1)} ms (on first command only)`);
  }
  if (editor.activationInHost) {
    const h = editor.activationInHost;
    console.log(`  in a real extension host (VS Code ${h.vscodeVersion}, last npm run test:host at ${h.at}): bundle ${h.loadMs.toFixed(1)} ms + activate() ${h.activateMs.toFixed(1)} ms = ${h.activationMs.toFixed(1)} ms (floor 50 ms); VS Code's own context set-up before activate(): ${h.hostWaitMs.toFixed(0)} ms`);
  } else console.log('  (run npm run test:host first to add the activation time measured in a real extension host)');
  if (editor.vsixBytes) console.log(`  .vsix ${(editor.vsixBytes / 1024).toFixed(0)} KB (floor ${(editor.vsixFloorBytes / 1024).toFixed(0)} KB)`);
}

async function main() {
  const editor = measureEditor();
  printEditor(editor);
  console.log();
  console.log(`Bulk assignment bench: emulator with default latency (100 ms) and Graph's write quotas (3,000/150 s per app+tenant, 18,000/5 min per tenant), clockScale ${CLOCK_SCALE}; 2 SKUs (ENTERPRISEPACK + MCOEV) per user.`);
  const arms: Arm[] = [];
  for (const users of SIZES) {
    arms.push(await measure(users));
    console.log(`  ${users.toLocaleString('en-US')} users measured`);
  }
  console.log();
  printTable(arms);
  const result = {
    ...floors(arms),
    validate50kUnder100ms: editor.fullValidation.medianMs < 100,
    oneCharEditUnder20ms: editor.oneCharEdit.medianMs < 20,
    completionUnder20ms: editor.completion.medianMs < 20,
    activationUnder50ms:
      (!editor.bundles || editor.bundles.extensionLoadMs + editor.bundles.activateMs < 50) && (!editor.activationInHost || editor.activationInHost.activationMs < 50),
    vsixUnder1_5MB: !editor.vsixBytes || editor.vsixBytes < editor.vsixFloorBytes,
  };
  console.log();
  for (const [name, ok] of Object.entries(result)) console.log(`${ok ? 'PASS' : 'FAIL'} ${name}`);
  console.log('Times are wall-clock at this clockScale; multiply by it for Graph time. Ratios hold at any scale.');
  console.log("1,000 users: 1,000 writes fit in the quota's 3,000 burst, so the throttle minimum is 0 and that run is latency-bound.");
  console.log('10,000 users: the quota bounds any client; "max" is the seed loop over the throttle minimum, the best speed-up possible.');
  const out = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'latest.json'), `${JSON.stringify({ generatedAt: new Date().toISOString(), node: process.version, clockScale: CLOCK_SCALE, latencyMs: 100, writeBudgets: GRAPH_WRITE_BUDGETS, skus: ['ENTERPRISEPACK', 'MCOEV'], arms, editor, floors: result }, null, 2)}\n`);
  console.log(`Wrote ${join('bench', 'results', 'latest.json')}`);
  if (Object.values(result).some((ok) => !ok)) process.exitCode = 1;
}

void main();
