// Test-only extension (never shipped): runs the compiled extension-host suites (out/test/host/**/*.test.js)
// with mocha inside the real extension host and writes a JSON results file that
// scripts/run-host-tests.mjs waits for.
//
// It does nothing unless the driver configured it, through the environment variable
// LICENSES_HOST_TEST_CONFIG (path of a JSON file) or a runner-config.json beside this file:
//   { "mochaPath":   absolute path of the repo's node_modules/mocha,
//     "testsDir":    absolute path of out/test/host,
//     "resultsFile": where to write the results (written once, atomically, at the end),
//     "progressFile": optional JSON Lines file, one line per finished test (the driver prints them live),
//     "openFile":    optional path (absolute, or relative to the first workspace folder) to open first,
//                    so that the extension under test activates as it does for a user,
//     "timeoutMs":   optional per-test mocha timeout (default 20000),
//     "grep":        optional mocha grep, "invert": true to run the tests that do NOT match it }
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

function readConfig() {
  const candidates = [process.env.LICENSES_HOST_TEST_CONFIG, path.join(__dirname, 'runner-config.json')];
  for (const file of candidates) {
    if (file && fs.existsSync(file)) return { file, config: JSON.parse(fs.readFileSync(file, 'utf8')) };
  }
  return undefined;
}

function writeJsonAtomic(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2));
  fs.renameSync(tmp, file);
}

function findTests(dir) {
  const out = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.test.js')) out.push(p);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out.sort();
}

async function openStartFile(config, log) {
  if (!config.openFile) return;
  const folder = vscode.workspace.workspaceFolders?.[0];
  const uri = path.isAbsolute(config.openFile)
    ? vscode.Uri.file(config.openFile)
    : folder
      ? vscode.Uri.joinPath(folder.uri, config.openFile)
      : undefined;
  if (!uri) {
    log(`no workspace folder: cannot open ${config.openFile}`);
    return;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  log(`opened ${uri.fsPath} (language ${doc.languageId})`);
}

const EVENTS = ['uncaughtException', 'unhandledRejection'];
const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH']);

function captureListeners() {
  return Object.fromEntries(EVENTS.map((e) => [e, process.listeners(e)]));
}

/** Wraps the listeners mocha added; returns a function that removes the wrappers. */
function filterNewListeners(before, log) {
  const added = [];
  for (const event of EVENTS) {
    for (const listener of process.listeners(event)) {
      if (before[event].includes(listener)) continue;
      process.removeListener(event, listener);
      const wrapper = (err, ...rest) => {
        if (err && OFFLINE_CODES.has(err.code)) {
          log(`ignored (offline, not from the suites): ${err.message}`);
          return;
        }
        listener(err, ...rest);
      };
      process.on(event, wrapper);
      added.push([event, wrapper]);
    }
  }
  return () => added.forEach(([event, wrapper]) => process.removeListener(event, wrapper));
}

function errorInfo(err) {
  if (!err) return { message: 'unknown error' };
  return {
    message: String(err.message ?? err),
    stack: err.stack ? String(err.stack) : undefined,
    actual: err.actual !== undefined ? safeString(err.actual) : undefined,
    expected: err.expected !== undefined ? safeString(err.expected) : undefined,
  };
}

function safeString(v) {
  try {
    return typeof v === 'string' ? v : JSON.stringify(v);
  } catch {
    return String(v);
  }
}

async function run(config, log) {
  const started = Date.now();
  const tests = [];
  const progress = (entry) => {
    if (config.progressFile) fs.appendFileSync(config.progressFile, JSON.stringify(entry) + '\n');
  };
  try {
    await openStartFile(config, log);
  } catch (err) {
    // Not fatal: the suites report what does not work; the driver shows this line.
    log(`could not open ${config.openFile}: ${err && err.message}`);
  }

  const mochaModule = require(config.mochaPath);
  const Mocha = mochaModule.Mocha ?? mochaModule;
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: config.timeoutMs ?? 20000,
    reporter: Mocha.reporters.Base,
    grep: config.grep || undefined,
    invert: Boolean(config.grep && config.invert),
  });
  const files = findTests(config.testsDir);
  log(`${files.length} suite file(s) in ${config.testsDir}`);
  for (const f of files) mocha.addFile(f);

  await new Promise((resolve) => {
    const before = captureListeners();
    let restore = () => {};
    const runner = mocha.run(() => {
      restore();
      resolve();
    });
    // Mocha fails the running test on any uncaught error in the process; in the extension host
    // that includes other extensions' failed network calls (offline telemetry): ignore those.
    restore = filterNewListeners(before, log);
    const record = (test, state, err) => {
      const entry = {
        title: test.title,
        fullTitle: test.fullTitle(),
        file: test.file ? path.relative(config.testsDir, test.file) : undefined,
        state,
        durationMs: test.duration,
        error: err ? errorInfo(err) : undefined,
      };
      tests.push(entry);
      progress(entry);
    };
    runner.on('pass', (t) => record(t, 'passed'));
    // Also hooks ("before all" hook ...): a failing hook counts as one failure.
    runner.on('fail', (t, err) => record(t, 'failed', err));
    runner.on('pending', (t) => record(t, 'pending'));
  });

  const failures = tests.filter((t) => t.state === 'failed');
  return {
    passed: tests.filter((t) => t.state === 'passed').length,
    failed: failures.length,
    pending: tests.filter((t) => t.state === 'pending').length,
    durationMs: Date.now() - started,
    vscodeVersion: vscode.version,
    // The product's own measure of module load + activate() inside this extension host.
    productActivation: vscode.extensions.getExtension('bulk-licensing.m365-licenses')?.exports,
    files: files.map((f) => path.relative(config.testsDir, f)),
    tests,
    failures: failures.map((t) => ({
      title: t.title,
      fullTitle: t.fullTitle,
      message: t.error?.message,
      stack: t.error?.stack,
    })),
  };
}

function activate(context) {
  const found = readConfig();
  if (!found) return;
  const { config } = found;
  const channel = vscode.window.createOutputChannel('Host Test Runner');
  context.subscriptions.push(channel);
  const log = (line) => {
    channel.appendLine(line);
    console.log(`[host-test-runner] ${line}`);
  };
  log(`config ${found.file}`);
  // Not awaited: activation must finish so that the workbench keeps starting.
  run(config, log).then(
    (results) => {
      writeJsonAtomic(config.resultsFile, results);
      log(`${results.passed} passed, ${results.failed} failed`);
    },
    (err) => {
      log(`runner error: ${err && err.stack}`);
      writeJsonAtomic(config.resultsFile, {
        passed: 0,
        failed: 1,
        pending: 0,
        tests: [],
        failures: [],
        error: errorInfo(err),
      });
    },
  );
}

module.exports = { activate, deactivate() {} };
