import * as assert from 'node:assert/strict';
import { connectToGraph } from '../../../src/core/graph/connection';
import { createGraphClient } from '../../../src/core/graph/graph-client';
import { failureFromBatchItem } from '../../../src/core/graph/graph-failure';
import { newRequestCounts } from '../../../src/core/graph/request-counter';
import { DEFAULT_RETRY_POLICY } from '../../../src/core/graph/retry-policy';
import { redactTokenShapes, SecretRedactor } from '../../../src/core/graph/secret-redactor';
import { tenantFromEnvironment } from '../../../src/core/auth/tenant-from-environment';
import { readSubscribedSkus } from '../../../src/core/reads/tenant-reads';
import { planLicenses } from '../../../src/core/run/read-and-plan';
import { MemorySink, resultOf, run, wants } from '../fixtures/test-tenant';
import { json } from '../fixtures/hostile-endpoints';
import { engineSuite, quickConnection } from '../fixtures/engine-suite';

/** A JWT-shaped token this process never held: redacted by shape. */
const FOREIGN_JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzb21lb25lIn0.c2lnbmF0dXJlLXZhbHVl';

describe('engine: tokens stay out of messages, and go only to https or loopback', () => {
  const suite = engineSuite();

  it('an endpoint that echoes request headers into its errors: the token is in no result, journal line or message', async () => {
    const t = await suite.tenant();
    const echo = (auth: unknown) =>
      `Request failed. Headers: Authorization: ${String(auth)}; x-forwarded: ${FOREIGN_JWT}`;
    const hostile = await suite.proxy(t.emulator.origin, (req, status) => {
      if (!req.url.endsWith('/$batch') || !req.body.includes('assignLicense')) return undefined;
      const ids = (JSON.parse(req.body) as { requests: { id: string }[] }).requests.map((r) => r.id);
      return {
        status,
        body: JSON.stringify({
          responses: ids.map((id) => ({
            id,
            status: 400,
            body: { error: { code: 'Request_BadRequest', message: echo(req.headers.authorization) } },
          })),
        }),
      };
    });
    const connection = quickConnection(hostile.baseUrl, t.emulator.token);
    const sink = new MemorySink();
    const report = await run(connection, [wants('alice', { assign: ['MCOEV'] })], { sink });
    const alice = resultOf(report, 'alice');
    assert.equal(alice.outcome, 'failed');
    assert.match(alice.error!.message, /Authorization: Bearer \[redacted\]/, 'the message still says what happened');
    const everything = JSON.stringify({ report, journal: sink.entries });
    assert.ok(!everything.includes(t.emulator.token), 'the exact token appears nowhere');
    assert.ok(!everything.includes(FOREIGN_JWT), 'nor does anything JWT-shaped');
  });

  it('a plain request whose error echoes the token (subscribedSkus 401) is redacted too', async () => {
    const token = 'opaque-token-with-no-known-shape-1234';
    const hostile = await suite.hostile((req, res) =>
      json(res, 401, {
        error: {
          code: 'InvalidAuthenticationToken',
          message: `Token ${String(req.headers.authorization).slice(7)} rejected`,
        },
      }),
    );
    const connection = connectToGraph({ baseUrl: hostile.baseUrl, getAccessToken: async () => token });
    const outcome = await planLicenses(connection, [wants('alice', { assign: ['MCOEV'] })]);
    assert.equal(outcome.kind, 'tenant-error');
    const error = outcome.kind === 'tenant-error' ? outcome.error : undefined;
    assert.equal(error?.message, 'Token [redacted] rejected');
  });

  it('redaction knows bearer headers, JWTs and token fields, and leaves ordinary words alone', () => {
    assert.equal(redactTokenShapes('Authorization: Bearer abc.def-ghi'), 'Authorization: Bearer [redacted]');
    assert.equal(redactTokenShapes(`token ${FOREIGN_JWT} here`), 'token [redacted] here');
    assert.equal(redactTokenShapes('access_token=s3cr3t&x=1'), 'access_token=[redacted]&x=1');
    assert.equal(
      redactTokenShapes('License assignment failed because service plans are mutually exclusive.'),
      'License assignment failed because service plans are mutually exclusive.',
    );
    const redactor = new SecretRedactor();
    redactor.remember('plain-secret-42');
    assert.equal(redactor.redact('echo plain-secret-42!'), 'echo [redacted]!');
    const f = failureFromBatchItem(
      403,
      undefined,
      { error: { code: 'Forbidden', message: 'as plain-secret-42' } },
      (s) => redactor.redact(s),
    );
    assert.equal(f.message, 'as [redacted]');
  });

  it('LICENSES_GRAPH_URL: https to any host, http only to loopback; the rest is refused before any request', () => {
    for (const url of [
      'http://graph.example.com/v1.0',
      'http://10.1.2.3/v1.0',
      'ftp://graph.example.com/v1.0',
      'file:///etc/passwd',
      'not a url',
    ]) {
      const choice = tenantFromEnvironment({ LICENSES_GRAPH_URL: url, LICENSES_ACCESS_TOKEN: 't' }, false);
      assert.equal(choice.kind, 'misconfigured', url);
      assert.match(choice.kind === 'misconfigured' ? choice.message : '', /LICENSES_GRAPH_URL/);
      assert.throws(
        () => connectToGraph({ baseUrl: url, getAccessToken: async () => 't' }),
        { name: 'RefusedEndpoint' },
        `the connection refuses ${url} too`,
      );
    }
    for (const url of [
      'https://graph.microsoft.com/v1.0',
      'https://proxy.contoso.com/graph/v1.0',
      'http://127.0.0.1:4000/v1.0',
      'http://localhost:4000/v1.0',
      'http://[::1]:4000/v1.0',
    ]) {
      assert.equal(
        tenantFromEnvironment({ LICENSES_GRAPH_URL: url, LICENSES_ACCESS_TOKEN: 't' }, false).kind,
        'token',
        url,
      );
      assert.doesNotThrow(() => connectToGraph({ baseUrl: url, getAccessToken: async () => 't' }));
    }
    const app = tenantFromEnvironment(
      {
        LICENSES_GRAPH_URL: 'http://graph.example.com/v1.0',
        AZURE_TENANT_ID: 'a',
        AZURE_CLIENT_ID: 'b',
        AZURE_CLIENT_SECRET: 'c',
      },
      false,
    );
    assert.equal(app.kind, 'misconfigured', 'app-only sign-in does not send its token to plain http either');
    const authority = tenantFromEnvironment(
      {
        AZURE_AUTHORITY_HOST: 'http://login.example.com',
        AZURE_TENANT_ID: 'a',
        AZURE_CLIENT_ID: 'b',
        AZURE_CLIENT_SECRET: 'c',
      },
      false,
    );
    assert.match(
      authority.kind === 'misconfigured' ? authority.message : '',
      /AZURE_AUTHORITY_HOST uses plain http .*client secret/,
      'nor its client secret',
    );
  });

  it('the bearer middleware itself refuses a plain-http host: no token is asked for, nothing is sent', async () => {
    let asked = 0;
    const client = createGraphClient({
      baseUrl: 'http://graph.example.com/v1.0',
      getAccessToken: async () => {
        asked++;
        return 't';
      },
      retry: DEFAULT_RETRY_POLICY,
      counts: newRequestCounts(),
      onThrottled: () => undefined,
    });
    await assert.rejects(
      client.api('/subscribedSkus').get(),
      (e: Error & { code?: string }) => (e.code ?? e.name) === 'RefusedEndpoint',
    );
    assert.equal(asked, 0);
  });

  it('an @odata.nextLink to another host is not followed (it would carry the token there)', async () => {
    const hostile = await suite.hostile((req, res) =>
      json(res, 200, { value: [], '@odata.nextLink': 'https://graph.example.com/v1.0/subscribedSkus?page=2' }),
    );
    const connection = connectToGraph({ baseUrl: hostile.baseUrl, getAccessToken: async () => 't' });
    const read = await readSubscribedSkus(connection);
    assert.equal(read.ok, false);
    assert.match(read.ok ? '' : read.error.message, /links to graph\.example\.com/);
    assert.equal(hostile.seen.length, 1, 'only the first page was requested');
  });
});
