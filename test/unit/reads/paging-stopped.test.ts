import * as assert from 'node:assert/strict';
import { connectToGraph } from '../../../src/core/graph/connection';
import { readRelationships } from '../../../src/core/partner/relationship-reads';
import { pagingStopped } from '../../../src/core/reads/paging';
import { readSubscribedSkus } from '../../../src/core/reads/tenant-reads';
import { bundleTranslator, english } from '../../../src/core/text/translate';
import { startEmulator, type RunningEmulator } from '../../../src/emulator';
import frenchBundle from '../../../l10n/bundle.l10n.fr.json';
import { startRewritingProxy, type Hostile } from '../fixtures/hostile-endpoints';

const base = 'https://graph.microsoft.com/v1.0';
const connection = { t: english, redact: (s: string) => s, baseUrl: base };

describe('a paged read that stops says why, in the same words for every resource', () => {
  it('a link outside Graph, or back to a page read: the resource, the page, and where it led', () => {
    assert.equal(
      pagingStopped({ kind: 'outside', host: 'evil.example' }, 'users', 3, connection)?.message,
      `users: page 3 links to evil.example, outside ${base}.`,
    );
    assert.equal(
      pagingStopped({ kind: 'read-before' }, 'subscribedSkus', 2, connection)?.message,
      'subscribedSkus: page 2 links back to a page already read.',
    );
    assert.equal(pagingStopped({ kind: 'next', link: '/users?$skiptoken=A' }, 'users', 1, connection), undefined);
    assert.equal(pagingStopped({ kind: 'end' }, 'users', 1, connection), undefined);
    const french = { ...connection, t: bundleTranslator(frenchBundle, 'fr') };
    assert.equal(
      pagingStopped({ kind: 'read-before' }, 'delegatedAdminRelationships', 2, french)?.message,
      'delegatedAdminRelationships : la page 2 renvoie à une page déjà lue.',
    );
  });

  describe('the readers, fed a page whose next link leaves Graph or goes round', () => {
    let emu: RunningEmulator | undefined;
    let proxy: Hostile | undefined;
    afterEach(async () => {
      await proxy?.close();
      await emu?.close();
      proxy = emu = undefined;
    });
    const through = async (path: string, next: (origin: string) => string) => {
      emu = await startEmulator({ latencyMs: 0, replicationLag: false });
      const upstream = emu;
      proxy = await startRewritingProxy(upstream.origin, (req, _status, text) =>
        req.url.startsWith(`/v1.0/${path}`)
          ? { body: JSON.stringify({ ...(JSON.parse(text) as object), '@odata.nextLink': next(proxy!.baseUrl) }) }
          : undefined,
      );
      return connectToGraph({ baseUrl: proxy.baseUrl, getAccessToken: async () => upstream.token });
    };

    it('GDAP relationships: a link to another host is never followed', async () => {
      const read = await readRelationships(
        await through('tenantRelationships', () => 'https://evil.example/v1.0/tenantRelationships/x'),
      );
      assert.equal(
        read.ok ? '' : read.error.message.split(', outside')[0],
        'delegatedAdminRelationships: page 1 links to evil.example',
      );
    });

    it('subscribedSkus: a link back to the first page stops the read', async () => {
      const read = await readSubscribedSkus(await through('subscribedSkus', (b) => `${b}/subscribedSkus`));
      assert.equal(read.ok ? '' : read.error.message, 'subscribedSkus: page 1 links back to a page already read.');
    });
  });
});
