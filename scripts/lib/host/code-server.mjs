// code-server (VS Code 1.100.3 from npm) for the host and UI tests: install check, free port,
// extension install, start on loopback, stop by its own process group.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { REPO, onCleanup } from './util.mjs';

const CODE_SERVER_DIR = process.env.CODE_SERVER_DIR || path.join(REPO, '.cache', 'code-server');
const CODE_SERVER_BIN = path.join(CODE_SERVER_DIR, 'node_modules', '.bin', 'code-server');

/** Runs scripts/setup-code-server.sh (seconds when cached); returns the version line. */
export function ensureCodeServer() {
  const r = spawnSync('bash', [path.join(REPO, 'scripts', 'setup-code-server.sh')], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    env: { ...process.env, CODE_SERVER_DIR },
  });
  if (r.status !== 0 || !existsSync(CODE_SERVER_BIN)) {
    throw new Error(
      `scripts/setup-code-server.sh failed (exit ${r.status}): code-server is not installed in ${CODE_SERVER_DIR}`,
    );
  }
  return r.stdout.trim().split('\n').pop();
}

/** A TCP port free on 127.0.0.1 right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Installs .vsix files the way a user does (`code-server --install-extension`), into a fresh
 * extensions dir. Fails when VS Code refuses a package (incomplete .vsix, bad manifest).
 */
export function installExtensions({ extensionsDir, userDataDir, vsixes }) {
  const args = ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir];
  for (const v of vsixes) args.push('--install-extension', v);
  const r = spawnSync(CODE_SERVER_BIN, args, { encoding: 'utf8', timeout: 120_000 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  const ok = r.status === 0 && vsixes.every((_, i) => (output.match(/successfully installed/g) ?? []).length > i);
  if (!ok) throw new Error(`installing ${vsixes.join(', ')} failed (exit ${r.status}):\n${output}`);
  return output;
}

/**
 * Starts code-server on 127.0.0.1 with no auth, in its own process group (so stop() ends the
 * server and everything it forked: the extension host, the pty host, file watchers).
 * Resolves when /healthz answers.
 */
export async function startCodeServer({ extensionsDir, userDataDir, logFile, env = {}, workspaceTrust = false }) {
  const port = await freePort();
  const args = [
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--extensions-dir',
    extensionsDir,
    '--user-data-dir',
    userDataDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  if (!workspaceTrust) args.push('--disable-workspace-trust');
  const fd = openSync(logFile, 'a');
  const child = spawn(CODE_SERVER_BIN, args, {
    detached: true,
    stdio: ['ignore', fd, fd],
    env: { ...process.env, ...env },
  });
  closeSync(fd);
  let exited = null;
  const exitPromise = new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve((exited = { code, signal }))),
  );
  const server = {
    port,
    pid: child.pid,
    url: `http://127.0.0.1:${port}`,
    logFile,
    get exited() {
      return exited;
    },
    exitPromise,
    stop: () => (stopping ??= stopGroup(child.pid, exitPromise, () => exited)),
  };
  let stopping;
  onCleanup(() => server.stop());

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited)
      throw new Error(`code-server exited early (${JSON.stringify(exited)}); see ${logFile}:\n${tail(logFile)}`);
    try {
      const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(
        `code-server did not answer on ${server.url}/healthz within 60 s; see ${logFile}:\n${tail(logFile)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return server;
}

async function stopGroup(pid, exitPromise, exited) {
  if (!pid) return;
  const kill = (sig) => {
    try {
      process.kill(-pid, sig); // the group we created with detached: true
    } catch {
      // already gone
    }
  };
  if (!exited()) {
    kill('SIGTERM');
    await Promise.race([exitPromise, new Promise((r) => setTimeout(r, 5000))]);
  }
  // Children (extension host, watchers) may outlive the leader for a moment: make sure.
  kill('SIGKILL');
}

export function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
