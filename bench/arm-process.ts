/**
 * Each arm in a child process of its own, one after the other: its heap figure is its own, not the
 * editor measurements' or an earlier arm's garbage, and none inherits their GC pauses. With
 * `heapCapMb` the V8 heap is capped (`--max-old-space-size`): the sampled peak counts garbage V8 has
 * not collected yet, so a run that finishes under the cap is what proves its live memory fits. The
 * emulator's worker thread has a heap of its own, uncapped (remote-emulator.ts).
 */
import { fork } from 'node:child_process';
import { measure, type Arm, type ArmSpec } from './arm';

export function measureInOwnProcess(spec: ArmSpec): Promise<Arm> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [JSON.stringify(spec)], {
      execArgv: spec.heapCapMb ? [`--max-old-space-size=${spec.heapCapMb}`] : [],
    });
    let result: Arm | undefined;
    child.on('message', (m) => (result = m as Arm));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (result) resolve(result);
      else
        reject(
          new Error(
            `the ${spec.name} arm did not finish${spec.heapCapMb ? ` under a ${spec.heapCapMb} MB heap` : ''} (exit ${code ?? signal})`,
          ),
        );
    });
  });
}

if (require.main === module) {
  const spec = JSON.parse(process.argv[2]) as ArmSpec;
  measure(spec).then(
    (arm) => process.send!(arm, () => process.exit(0)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
