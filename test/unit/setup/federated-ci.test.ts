import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPlanCommand } from '../../../src/cli/plan-apply';
import { runSetupCommand } from '../../../src/cli/setup';
import { BOOTSTRAP_PERMISSIONS } from '../../../src/core/setup/setup-permissions';
import type { RunningEmulator } from '../../../src/emulator';
import { start } from '../emulator/helpers';
import { capturedIo } from '../fixtures/captured-io';

/** A token shaped like GitHub's OIDC token; the emulator, like Entra, matches its iss, sub and aud. */
const githubToken = (sub: string, aud = 'api://AzureADTokenExchange') =>
  [
    { alg: 'RS256', typ: 'JWT' },
    { iss: 'https://token.actions.githubusercontent.com', sub, aud, jti: 'x' },
  ]
    .map((p) => Buffer.from(JSON.stringify(p)).toString('base64url'))
    .join('.') + '.c2lnbmF0dXJl';

describe('CI without secrets: the CLI signs in with a federated credential against the emulator', () => {
  let emu: RunningEmulator;
  let dir: string;
  let clientId: string;
  let licenses: string;
  before(async () => {
    emu = await start();
    dir = mkdtempSync(join(tmpdir(), 'licenses-federated-'));
    const admin = emu.mintToken({
      scopes: [...BOOTSTRAP_PERMISSIONS],
      directoryRoles: ['Privileged Role Administrator'],
      signedInUser: 'admin@contoso.com',
    });
    const io = capturedIo();
    const code = await runSetupCommand(['--app-only', '--github', 'contoso/licenses', '--json'], io, {
      env: { LICENSES_GRAPH_URL: emu.baseUrl, LICENSES_ACCESS_TOKEN: admin },
    });
    assert.equal(code, 0, io.err.join('\n'));
    clientId = JSON.parse(io.out[0]).clientId;
    licenses = join(dir, 'e5.licenses');
    writeFileSync(licenses, 'assign SPE_E5\nmegan.bowen@contoso.com\nalex.wilber@contoso.com\n');
  });
  after(async () => {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ciEnv = (extra: Record<string, string>) => ({
    AZURE_TENANT_ID: emu.tenant.tenantId,
    AZURE_CLIENT_ID: clientId,
    AZURE_AUTHORITY_HOST: emu.origin,
    LICENSES_GRAPH_URL: emu.baseUrl,
    ...extra,
  });

  it('AZURE_FEDERATED_TOKEN_FILE: `plan` gets an app-only token for the pull_request subject and plans; no secret anywhere', async () => {
    const tokenFile = join(dir, 'token');
    const assertion = githubToken('repo:contoso/licenses:pull_request');
    writeFileSync(tokenFile, `${assertion}\n`);
    const before = emu.stats.tokenRequests;
    const io = capturedIo();
    const code = await runPlanCommand([licenses], io, { env: ciEnv({ AZURE_FEDERATED_TOKEN_FILE: tokenFile }) });
    assert.equal(code, 0, io.err.join('\n'));
    assert.ok(
      io.out.some((l) => l.includes('megan.bowen@contoso.com')),
      io.out.join('\n'),
    );
    assert.equal(emu.stats.tokenRequests, before + 1);
    assert.ok(
      !`${io.out.join('\n')}${io.err.join('\n')}`.includes(assertion.split('.')[1]),
      'the assertion is never printed',
    );
  });

  it('a token for another repository is refused by the token endpoint with the AADSTS reason, and Graph is never called', async () => {
    const tokenFile = join(dir, 'other');
    writeFileSync(tokenFile, githubToken('repo:mallory/licenses:pull_request'));
    const requests = emu.stats.requests;
    const io = capturedIo();
    const code = await runPlanCommand([licenses], io, { env: ciEnv({ AZURE_FEDERATED_TOKEN_FILE: tokenFile }) });
    assert.notEqual(code, 0);
    assert.match(io.err.join('\n') + io.out.join('\n'), /AADSTS700213/);
    assert.equal(emu.stats.requests, requests);
  });

  describe("GitHub Actions' OIDC endpoint", () => {
    let oidc: Server;
    let oidcUrl: string;
    const asked: { audience: string | null; authorization: string | undefined }[] = [];
    before(async () => {
      oidc = createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        asked.push({ audience: url.searchParams.get('audience'), authorization: req.headers.authorization });
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            value: githubToken('repo:contoso/licenses:ref:refs/heads/main', url.searchParams.get('audience') ?? ''),
          }),
        );
      });
      await new Promise<void>((resolve) => oidc.listen(0, '127.0.0.1', resolve));
      oidcUrl = `http://127.0.0.1:${(oidc.address() as AddressInfo).port}/_apis/token?api-version=2.0`;
    });
    after(() => new Promise<void>((resolve) => oidc.close(() => resolve())));

    it('asks for audience api://AzureADTokenExchange with the request token, and `plan` runs on it', async () => {
      const io = capturedIo();
      const code = await runPlanCommand([licenses], io, {
        env: ciEnv({ ACTIONS_ID_TOKEN_REQUEST_URL: oidcUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'gh-request-token' }),
      });
      assert.equal(code, 0, io.err.join('\n'));
      assert.deepEqual(asked.at(-1), {
        audience: 'api://AzureADTokenExchange',
        authorization: 'bearer gh-request-token',
      });
      assert.ok(!`${io.out.join('\n')}${io.err.join('\n')}`.includes('gh-request-token'));
    });
  });
});
