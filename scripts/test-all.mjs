#!/usr/bin/env node
// The README's test command (`npm test`): the lint (ESLint + dependency-cruiser, one check), unit
// tests, scale tests (the unit stage's checks at full size), package tests (what ships, in processes
// of its own), then extension-host tests in a real VS Code (code-server), then UI tests driving the
// workbench. Each test stage ends with "N passed, N failed"; this script adds them up and ends
// with the same kind of line for every suite it ran.
import { spawn } from 'node:child_process';

const stages = [
  { name: 'lint', command: 'npm', args: ['run', '--silent', 'lint'], check: true },
  {
    name: 'unit',
    command: 'npx',
    args: ['tsc', '-p', '.'],
    then: { command: 'npx', args: ['mocha', '--config', '.mocharc.json'] },
  },
  // The same checks at full size: 1 MB files, 10,000-user tenants, property tests at their full count.
  {
    name: 'scale',
    command: 'npx',
    args: ['tsc', '-p', '.'],
    then: { command: 'npx', args: ['mocha', '--config', '.mocharc.scale.json'] },
    compiledBy: 'unit',
  },
  // What ships, in processes of its own: npm pack's file list, the web bundle, the built CLI, the demo script.
  {
    name: 'package',
    command: 'npx',
    args: ['tsc', '-p', '.'],
    then: { command: 'npx', args: ['mocha', '--config', '.mocharc.package.json'] },
    compiledBy: 'unit',
  },
  { name: 'host setup', command: 'bash', args: ['scripts/setup-code-server.sh'], setup: true },
  { name: 'host', command: 'node', args: ['scripts/run-host-tests.mjs'] },
  { name: 'ui', command: 'node', args: ['scripts/run-ui-tests.mjs'] },
  { name: 'web', command: 'node', args: ['scripts/run-web-tests.mjs'] },
];
const only = process.env.TEST_STAGES?.split(',');

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let last = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      last = (last + chunk.toString()).slice(-4000);
    });
    child.on('close', (code) => resolve({ code, output: last }));
    child.on('error', (e) => resolve({ code: 1, output: String(e) }));
  });
}

let passed = 0;
let failed = 0;
for (const stage of stages) {
  if (only && !only.includes(stage.name)) continue;
  console.log(`\n=== ${stage.name} ===`);
  // A stage whose compilation another stage of this run already did goes straight to its tests.
  const compiled = stage.compiledBy && (!only || only.includes(stage.compiledBy));
  let result = compiled ? { code: 0, output: '' } : await run(stage.command, stage.args);
  if (stage.then) {
    if (result.code !== 0) {
      console.log(`${stage.name}: compilation failed (exit ${result.code})`);
      failed++;
      continue;
    }
    result = await run(stage.then.command, stage.then.args);
  }
  if (stage.check) {
    // A check is one test: the layering and the promise rules hold, or they do not.
    if (result.code === 0) passed++;
    else {
      console.log(`${stage.name} failed (exit ${result.code})`);
      failed++;
    }
    continue;
  }
  if (stage.setup) {
    if (result.code !== 0) {
      console.log(`${stage.name} failed (exit ${result.code}): host and UI tests cannot run`);
      failed++;
      break;
    }
    continue;
  }
  const counts = [...result.output.matchAll(/^(\d+) passed, (\d+) failed$/gm)].pop();
  if (!counts) {
    console.log(`${stage.name}: no result line (exit ${result.code}); counted as one failure`);
    failed++;
    continue;
  }
  passed += Number(counts[1]);
  failed += Number(counts[2]);
  if (result.code !== 0 && Number(counts[2]) === 0) {
    console.log(`${stage.name}: exited ${result.code} with no failed test; counted as one failure`);
    failed++;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
