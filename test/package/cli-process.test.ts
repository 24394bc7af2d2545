import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CRAFTED, HEADER } from '../unit/fixtures/crafted-journal';
import { startTenant } from '../unit/fixtures/test-tenant';

/** The CLI as `npm install -g` runs it: its own process, its own environment. */
const CLI = resolve(__dirname, '../../src/cli.js');

describe('the CLI in a process of its own', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'licenses-cli-process-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('--help with LANG=fr_FR.UTF-8 prints the overview in French, one line per command, the command names as they are typed', () => {
    const help = (lang: string) =>
      spawnSync(process.execPath, [CLI, '--help'], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', LANG: lang },
      });
    const french = help('fr_FR.UTF-8');
    const english = help('C');
    assert.equal(french.status, 0, french.stderr);
    assert.match(
      french.stdout,
      /^m365-licenses : valide les fichiers \.licenses et attribue les licences Microsoft 365 par Microsoft Graph$/m,
    );
    assert.match(french.stdout, /^ {2}reprocess +demande à Graph de retraiter les licences de groupe/m);
    assert.match(french.stdout, /^ {2}apply +écrit les licences que demandent les fichiers/m);
    assert.doesNotMatch(french.stdout, /validate \.licenses files|asks Graph to reprocess/);
    assert.match(
      english.stdout,
      /^m365-licenses: validate \.licenses files and assign Microsoft 365 licenses through Microsoft Graph$/m,
    );
  });

  it('`apply --retry-failed --yes` of a crafted journal reports the bad lines, retries the good one, and the process exits', async function () {
    this.timeout(20_000);
    // The CLI in its own process, against an emulator of this test (no latency, no lag): the process must end by
    // itself once the run is done, its connections to Graph included.
    const t = await startTenant();
    try {
      const id = t.emulator.baseUrl.replace(/\/+$/, '');
      const header = JSON.stringify({ ...JSON.parse(HEADER), tenant: new URL(id).host, tenantId: id });
      const path = join(dir, 'crafted.jsonl');
      writeFileSync(path, `${[header, ...CRAFTED.slice(1)].join('\n')}\n`);
      const child = spawn(
        process.execPath,
        [CLI, 'apply', '--retry-failed', path, '--yes', '--journal', join(dir, 'retry.jsonl')],
        {
          cwd: dir,
          env: {
            PATH: process.env.PATH ?? '',
            LICENSES_GRAPH_URL: t.emulator.baseUrl,
            LICENSES_ACCESS_TOKEN: t.emulator.token,
          },
        },
      );
      let stderr = '';
      let stdout = '';
      child.stderr.on('data', (c) => (stderr += c));
      child.stdout.on('data', (c) => (stdout += c));
      const code = await new Promise<number | null>((done) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          done(null);
        }, 15_000);
        child.on('exit', (c) => {
          clearTimeout(timer);
          done(c);
        });
      });
      assert.notEqual(code, null, `the CLI did not exit:\n${stderr}`);
      assert.doesNotMatch(stderr, /TypeError|at .*\.js:\d+/);
      for (const line of [2, 3, 4, 5, 6, 8])
        assert.match(stderr, new RegExp(`crafted\\.jsonl:${line}: line skipped: `));
      assert.match(stdout, /alice@contoso\.com/);
      assert.equal(code, 0, stderr);
    } finally {
      await t.close();
    }
  });
});
