import * as assert from 'node:assert/strict';
import { federatedSubjects, parseGitHubTarget } from '../../../src/core/setup/github-subject';

describe('setup: --github OWNER/REPO[:ENVIRONMENT]', () => {
  it('reads owner, repository and environment; a malformed value is named', () => {
    assert.deepEqual(parseGitHubTarget('contoso/licenses'), { owner: 'contoso', repo: 'licenses' });
    assert.deepEqual(parseGitHubTarget('contoso/licenses.dev:prod eu'), {
      owner: 'contoso',
      repo: 'licenses.dev',
      environment: 'prod eu',
    });
    for (const bad of ['contoso', 'contoso/', '/licenses', 'a/b/c', '-bad/licenses', 'contoso/..'])
      assert.ok('error' in parseGitHubTarget(bad), bad);
  });

  it("gives GitHub's subjects: pull requests and main without an environment, the environment alone with one", () => {
    assert.deepEqual(
      federatedSubjects({ owner: 'o', repo: 'r' }).map((s) => s.subject),
      ['repo:o/r:pull_request', 'repo:o/r:ref:refs/heads/main'],
    );
    const env = federatedSubjects({ owner: 'o', repo: 'r', environment: 'prod eu' });
    assert.deepEqual(
      env.map((s) => s.subject),
      ['repo:o/r:environment:prod eu'],
    );
    assert.match(env[0].name, /^[A-Za-z0-9_-]+$/, 'a URL-friendly credential name');
  });
});
