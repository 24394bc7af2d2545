// Entry point for @vscode/test-electron (scripts/run-electron-tests.mjs): runs the same suites as
// the code-server runner (test/host-runner), with mocha, in the desktop extension host.
import * as fs from 'node:fs';
import * as path from 'node:path';

export async function run(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mochaModule = require('mocha');
  const Mocha = mochaModule.Mocha ?? mochaModule;
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 20_000, grep: process.env.HOST_TEST_GREP || undefined });
  const dir = __dirname;
  const files = fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(dir, f));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} host test(s) failed`);
}
