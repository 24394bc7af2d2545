// Small helpers shared by the host, UI and electron test drivers.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const FIXTURE_WORKSPACE = path.join(REPO, 'test', 'fixtures', 'workspace');

// --- cleanup: runs on normal end, on failure, and on Ctrl+C / SIGTERM --------------------------
const cleanups = [];
let cleaning;
export function onCleanup(fn) {
  cleanups.push(fn);
}
export function cleanup() {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch {
        // best effort
      }
    }
  })();
  return cleaning;
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    console.error(`\n${sig}: stopping code-server and the browser`);
    cleanup().finally(() => process.exit(130));
  });
}

// Quiet, offline, deterministic: no telemetry or update checks (they fail offline and their
// uncaught errors land in the extension host), no welcome page or tips over the editor.
const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'github.gitAuthentication': false,
  'chat.commandCenter.enabled': false,
  // the demo tenant's loopback server is no port to forward
  'remote.autoForwardPorts': false,
};

/** A fresh directory for one run: user data, extensions, logs, a copy of the fixture workspace. */
export function makeRunDir(kind) {
  const root = mkdtempSync(path.join(os.tmpdir(), `m365-${kind}-`));
  const dirs = {
    root,
    userDataDir: path.join(root, 'user-data'),
    extensionsDir: path.join(root, 'extensions'),
    // A copy, so that edits, saves and journals written by a run never touch the repo.
    workspace: path.join(root, 'workspace'),
    serverLog: path.join(root, 'code-server.log'),
    browserLog: path.join(root, 'browser-console.log'),
  };
  makeUserDataDir(dirs.userDataDir);
  mkdirSync(dirs.extensionsDir, { recursive: true });
  cpSync(FIXTURE_WORKSPACE, dirs.workspace, { recursive: true });
  return dirs;
}

/** A user-data-dir with the quiet settings above, plus `extra` settings. */
export function makeUserDataDir(dir, extra = {}) {
  mkdirSync(path.join(dir, 'User'), { recursive: true });
  writeFileSync(path.join(dir, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...extra }, null, 2));
  return dir;
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}

/** Runs a command in the repo with inherited output; returns its exit status. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: REPO, stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

export function elapsed(t0) {
  return `${((Date.now() - t0) / 1000).toFixed(1)} s`;
}

/** Log lines of the driver itself go to stderr, so that stdout holds only results. */
export function info(line) {
  console.error(`[host] ${line}`);
}

/**
 * `promise`, or a rejection naming `name` once `ms` have passed: a UI step that hangs fails its test instead of the
 * run.
 */
export function withTimeout(promise, ms, name) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`"${name}" timed out after ${ms / 1000} s`)), ms);
    }),
  ]);
}

/** A test title as a file name (screenshots). */
export const slug = (s) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
