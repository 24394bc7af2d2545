import { strict as assert } from 'node:assert';
import { connectToGraph } from '../../../src/core/graph/connection';
import { clientCredentialsToken } from '../../../src/core/partner/customer-token';
import { bundleTranslator } from '../../../src/core/text/translate';
import { DEMO_APP_ID, DEMO_CUSTOMERS, startEmulator } from '../../../src/emulator';
import frenchBundle from '../../../l10n/bundle.l10n.fr.json';

const french = bundleTranslator(frenchBundle as Record<string, string>, 'fr');

describe('clientCredentialsToken: a customer tenant of an emulator, as the multi-tenant app reaches it', () => {
  it("gives a consented customer's token, and Graph answers with that customer's users", async () => {
    const emu = await startEmulator({ latencyMs: 0 });
    try {
      const fabrikam = DEMO_CUSTOMERS.fabrikam;
      const answer = await clientCredentialsToken(
        emu.tokenUrlFor(fabrikam.domain),
        DEMO_APP_ID,
        `${emu.origin}/.default`,
        fabrikam.domain,
      );
      assert.ok('token' in answer, JSON.stringify(answer));
      const connection = connectToGraph({ baseUrl: emu.baseUrl, getAccessToken: async () => answer.token });
      const page = (await connection.client.api('/users').select('userPrincipalName').get()) as {
        value: { userPrincipalName: string }[];
      };
      assert.ok(page.value.length > 0);
      assert.ok(page.value.every((u) => u.userPrincipalName.endsWith(`@${fabrikam.domain}`)));
    } finally {
      await emu.close();
    }
  });

  it('refuses a tenant where the app is not consented, naming it and why, in French too', async () => {
    const emu = await startEmulator({ latencyMs: 0 });
    try {
      const tailspin = DEMO_CUSTOMERS.tailspin.domain;
      const ask = (t?: typeof french) =>
        clientCredentialsToken(emu.tokenUrlFor(tailspin), DEMO_APP_ID, `${emu.origin}/.default`, tailspin, t);
      const english = await ask();
      assert.ok('refused' in english);
      assert.match(english.refused, /tailspintoys\.onmicrosoft\.com/);
      assert.match(english.refused, /not consented/);
      const inFrench = await ask(french);
      assert.ok('refused' in inFrench);
      assert.match(inFrench.refused, /tailspintoys\.onmicrosoft\.com/);
      assert.doesNotMatch(inFrench.refused, /not consented/);
    } finally {
      await emu.close();
    }
  });

  it('says "no token" with the answer when the refusal is not one that says the tenant cannot be reached', async () => {
    const fetcher = (async () => new Response('{}', { status: 503 })) as typeof fetch;
    const answer = await clientCredentialsToken(
      'http://127.0.0.1:9/t/token',
      'app',
      's',
      'contoso.com',
      undefined,
      fetcher,
    );
    assert.deepEqual(answer, { refused: 'contoso.com: no token for this tenant: 503' });
  });
});
