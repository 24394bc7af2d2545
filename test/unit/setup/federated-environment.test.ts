import * as assert from 'node:assert/strict';
import { tenantFromEnvironment } from '../../../src/core/auth/tenant-from-environment';

describe('CI without secrets: which federated source the environment names', () => {
  const ids = { AZURE_TENANT_ID: 'tid', AZURE_CLIENT_ID: 'cid' };
  const github = {
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://pipelines.actions.githubusercontent.com/x/_apis/token?api-version=2.0',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'req',
  };

  it('AZURE_FEDERATED_TOKEN_FILE beside the ids signs in app-only from that file', () => {
    const choice = tenantFromEnvironment({ ...ids, AZURE_FEDERATED_TOKEN_FILE: '/var/run/token' }, false);
    assert.deepEqual(choice.kind === 'app-only' && choice.federated, { kind: 'token-file', path: '/var/run/token' });
  });

  it("GitHub Actions' OIDC variables beside the ids sign in app-only through GitHub's endpoint", () => {
    const choice = tenantFromEnvironment({ ...ids, ...github }, false);
    assert.deepEqual(choice.kind === 'app-only' && choice.federated, {
      kind: 'github-actions',
      requestUrl: github.ACTIONS_ID_TOKEN_REQUEST_URL,
      requestToken: 'req',
    });
  });

  it('a secret, when given, wins over the federated sources; the OIDC variables alone leave the demo tenant as it was', () => {
    const choice = tenantFromEnvironment({ ...ids, ...github, AZURE_CLIENT_SECRET: 's' }, false);
    assert.ok(choice.kind === 'app-only' && choice.clientSecret === 's' && choice.federated === undefined);
    assert.equal(tenantFromEnvironment(github, false).kind, 'demo', 'every job with id-token: write has them');
  });

  it('ids without any credential name all three ways to give one; a plain-http OIDC URL is refused before the request token leaves', () => {
    const none = tenantFromEnvironment(ids, false);
    assert.match(
      none.kind === 'misconfigured' ? none.message : '',
      /AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE/,
    );
    const plain = tenantFromEnvironment(
      { ...ids, ...github, ACTIONS_ID_TOKEN_REQUEST_URL: 'http://evil.example.com/token' },
      false,
    );
    assert.match(plain.kind === 'misconfigured' ? plain.message : '', /ACTIONS_ID_TOKEN_REQUEST_URL uses plain http/);
  });
});
