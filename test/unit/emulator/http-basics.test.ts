import * as assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../../src/emulator';
import { call, get, start } from './helpers';

const ODATA_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

describe('emulator: HTTP basics', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await start();
  });
  after(() => emu.close());

  it('binds 127.0.0.1 on a random port and exposes a /v1.0 base URL without trailing slash', () => {
    assert.match(emu.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/v1\.0$/);
  });

  it('a request without a bearer token is refused with 401 InvalidAuthenticationToken', async () => {
    const res = await fetch(`${emu.baseUrl}/users/alice@contoso.com`);
    assert.equal(res.status, 401);
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'InvalidAuthenticationToken');
    assert.equal(body.error.message, 'Access token is empty.');
  });

  it('a wrong bearer token is refused with 401, also for $batch', async () => {
    for (const [path, method] of [
      ['/subscribedSkus', 'GET'],
      ['/$batch', 'POST'],
    ]) {
      const res = await fetch(`${emu.baseUrl}${path}`, { method, headers: { Authorization: 'Bearer nope' } });
      assert.equal(res.status, 401, path);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'InvalidAuthenticationToken');
    }
  });

  it('a fixed token can be configured', async () => {
    const fixed = await startEmulator({ token: 'demo-token', latencyMs: 0 });
    try {
      const res = await fetch(`${fixed.baseUrl}/subscribedSkus`, { headers: { Authorization: 'Bearer demo-token' } });
      assert.equal(res.status, 200);
      assert.equal(fixed.token, 'demo-token');
    } finally {
      await fixed.close();
    }
  });

  it("responses carry a request-id, echo client-request-id and use Graph's OData content type", async () => {
    const r = await call(emu, 'GET', '/users/alice@contoso.com', undefined, { 'client-request-id': 'abc-123' });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('client-request-id'), 'abc-123');
    assert.match(r.headers.get('request-id') ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(r.headers.get('content-type'), ODATA_JSON);
  });

  it("error bodies follow Graph's envelope with innerError date, request-id and client-request-id", async () => {
    const r = await call(emu, 'GET', '/users/nobody@contoso.com', undefined, { 'client-request-id': 'xyz' });
    assert.equal(r.status, 404);
    const inner = r.body.error.innerError;
    assert.match(inner.date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    assert.equal(inner['request-id'], r.headers.get('request-id'));
    assert.equal(inner['client-request-id'], 'xyz');
  });

  it('an unknown path segment is a 400 naming the segment', async () => {
    const r = await get(emu, '/widgets');
    assert.equal(r.status, 400);
    assert.equal(r.body.error.message, "Resource not found for the segment 'widgets'.");
  });

  it('a method the resource does not support is a 405', async () => {
    const r = await call(emu, 'DELETE', '/subscribedSkus');
    assert.equal(r.status, 405);
    assert.equal(r.body.error.message, 'Specified HTTP method is not allowed for the request target.');
  });

  it('/me is refused for the app-only token, and resolves to signedInUser when one is configured', async () => {
    assert.equal((await get(emu, '/me')).status, 400);
    const delegated = await start({ signedInUser: 'alice@contoso.com' });
    try {
      const r = await get(delegated, '/me');
      assert.equal(r.status, 200);
      assert.equal(r.body.userPrincipalName, 'alice@contoso.com');
    } finally {
      await delegated.close();
    }
  });

  it("the token endpoint hands out the emulator's token for client credentials and checks the secret when set", async () => {
    const secured = await start({ clientId: 'app', clientSecret: 's3cret' });
    try {
      const form = (secret: string) =>
        new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: 'app',
          client_secret: secret,
          scope: 'https://graph.microsoft.com/.default',
        });
      const ok = await fetch(secured.tokenUrl, { method: 'POST', body: form('s3cret') });
      assert.equal(ok.status, 200);
      const tokenBody = (await ok.json()) as { access_token: string; token_type: string };
      assert.equal(tokenBody.token_type, 'Bearer');
      assert.equal(tokenBody.access_token, secured.token);
      const bad = await fetch(secured.tokenUrl, { method: 'POST', body: form('wrong') });
      assert.equal(bad.status, 401);
      assert.equal(((await bad.json()) as { error: string }).error, 'invalid_client');
    } finally {
      await secured.close();
    }
  });

  it('close() can be called twice', async () => {
    const e = await start();
    await e.close();
    await e.close();
  });
});
