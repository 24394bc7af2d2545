import * as assert from 'node:assert/strict';
import { runSetupCommand } from '../../../src/cli/setup';
import { federatedSubjects, parseGitHubTarget } from '../../../src/core/setup/github-subject';
import { BOOTSTRAP_PERMISSIONS } from '../../../src/core/setup/setup-permissions';
import type { RunningEmulator } from '../../../src/emulator';
import { start } from '../emulator/helpers';
import { capturedIo } from '../fixtures/captured-io';
import { startRewritingProxy, type Hostile } from '../fixtures/hostile-endpoints';

const names = (target: string) => {
  const parsed = parseGitHubTarget(target);
  if ('error' in parsed) throw new Error(parsed.error);
  return federatedSubjects(parsed).map((s) => s.name.toLowerCase());
};

describe('setup --github: credential names per subject, GitHub’s naming rules, a 409 recovered', () => {
  it('my.repo and my-repo, or two cases of a name, never share a credential name', () => {
    for (const [a, b] of [
      ['o/my.repo', 'o/my-repo'],
      ['o/My-Repo', 'o/my-repo'],
      ['o/r:Prod', 'o/r:prod'],
      ['o/r:prod.eu', 'o/r:prod-eu'],
    ]) {
      const shared = names(a).filter((n) => names(b).includes(n));
      assert.deepEqual(shared, [], `${a} vs ${b}`);
    }
    assert.deepEqual(names('o/my.repo'), names('o/my.repo'), 'the same subject, the same name: a re-run finds it');
    for (const n of names(`o/${'r'.repeat(100)}:${'e'.repeat(200)}`)) assert.ok(n.length <= 120, n);
  });

  it('owners and environments GitHub refuses are rejected with the rule', () => {
    for (const owner of ['bad-', 'a--b', '-a', 'x'.repeat(40)]) {
      const r = parseGitHubTarget(`${owner}/repo`);
      assert.ok('error' in r && /single hyphens, not at the start or end, at most 39/.test(r.error), owner);
    }
    for (const env of ['a:b', 'e'.repeat(256), 'a\u001b[2Kb']) {
      const r = parseGitHubTarget(`o/r:${env}`);
      assert.ok('error' in r && /1 to 255 characters, no ":" and no control character/.test(r.error), env);
      assert.ok('error' in r && !r.error.includes('\u001b'));
    }
    assert.deepEqual(parseGitHubTarget('a-b/r:prod'), { owner: 'a-b', repo: 'r', environment: 'prod' });
  });

  describe('against the emulator', () => {
    let emu: RunningEmulator;
    let proxy: Hostile | undefined;
    let admin: string;
    beforeEach(async () => {
      emu = await start();
      admin = emu.mintToken({
        scopes: [...BOOTSTRAP_PERMISSIONS],
        directoryRoles: ['Privileged Role Administrator'],
        signedInUser: 'admin@contoso.com',
      });
    });
    afterEach(async () => {
      await proxy?.close();
      proxy = undefined;
      await emu.close();
    });

    it('setup for my.repo then my-repo: both succeed', async () => {
      const env = { LICENSES_GRAPH_URL: emu.baseUrl, LICENSES_ACCESS_TOKEN: admin };
      for (const target of ['contoso/my.repo', 'contoso/my-repo', 'contoso/My-Repo']) {
        const io = capturedIo();
        assert.equal(await runSetupCommand(['--app-only', '--github', target], io, { env }), 0, io.err.join('\n'));
      }
    });

    it('a 409 for a credential that exists with the same subject is reused, not a dead end', async () => {
      const env = { LICENSES_GRAPH_URL: emu.baseUrl, LICENSES_ACCESS_TOKEN: admin };
      assert.equal(await runSetupCommand(['--app-only', '--github', 'contoso/licenses'], capturedIo(), { env }), 0);
      // The listing misses what exists (a replica behind): the POST meets 409.
      let hidden = 0;
      proxy = await startRewritingProxy(emu.origin, (req, status, body) => {
        if (req.method !== 'GET' || !req.url.endsWith('/federatedIdentityCredentials') || hidden++ > 0)
          return undefined;
        const answer = JSON.parse(body) as { value: unknown[] };
        return { status, body: JSON.stringify({ ...answer, value: [] }) };
      });
      const io = capturedIo();
      const code = await runSetupCommand(['--app-only', '--github', 'contoso/licenses'], io, {
        env: { LICENSES_GRAPH_URL: proxy.baseUrl, LICENSES_ACCESS_TOKEN: admin },
      });
      assert.equal(code, 0, io.err.join('\n'));
      assert.ok(hidden >= 1, 'the listing was hidden once');
      assert.match(io.out.join('\n'), /federated credential repo:contoso\/licenses:pull_request unchanged/);
    });
  });
});
