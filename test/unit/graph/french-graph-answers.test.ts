import * as assert from 'node:assert/strict';
import french from '../../../l10n/bundle.l10n.fr.json';
import { type GraphConnection } from '../../../src/core/graph/connection';
import { readSubscribedSkus } from '../../../src/core/reads/tenant-reads';
import { listLicensedUsers } from '../../../src/core/reads/user-listing';
import { bundleTranslator, type Translate } from '../../../src/core/text/translate';
import { json } from '../fixtures/hostile-endpoints';
import { engineSuite, quickConnection } from '../fixtures/engine-suite';

/** French that remembers each message the bundle lacks: a message without French would read in English. */
function strictFrench(): { t: Translate; missing: Set<string> } {
  const bundle = french as Record<string, string>;
  const fr = bundleTranslator(bundle, 'fr');
  const missing = new Set<string>();
  const t: Translate = Object.assign(
    (message: string, ...args: Array<string | number | boolean>) => {
      if (!(message in bundle)) missing.add(message);
      return fr(message, ...args);
    },
    { locale: 'fr' },
  );
  return { t, missing };
}

const connect = (baseUrl: string, t?: Translate): GraphConnection => quickConnection(baseUrl, 'token', t ? { t } : {});

const SKU_ID = 'c7df2760-2c81-4ef7-b578-5b5392b571df';

describe("Graph's malformed answers, in the connection's language", () => {
  const suite = engineSuite();

  it('a subscription without its seat count is named, in French for a French connection and in English otherwise', async () => {
    const hostile = await suite.hostile((req, res) =>
      json(res, 200, { value: [{ skuId: SKU_ID, skuPartNumber: 'ENTERPRISEPREMIUM', consumedUnits: 3 }] }),
    );
    const { t, missing } = strictFrench();
    const inFrench = await readSubscribedSkus(connect(hostile.baseUrl, t));
    const inEnglish = await readSubscribedSkus(connect(hostile.baseUrl));
    assert.equal(
      inFrench.ok ? '' : inFrench.error.message,
      "élément 1 de subscribedSkus (ENTERPRISEPREMIUM) : la réponse de Graph n'a pas de nombre `prepaidUnits.enabled`",
    );
    assert.equal(
      inEnglish.ok ? '' : inEnglish.error.message,
      "subscribedSkus item 1 (ENTERPRISEPREMIUM): Graph's answer has no `prepaidUnits.enabled` count",
    );
    assert.deepEqual([...missing], []);
  });

  it('a subscription page that links back to itself says so in French', async () => {
    const hostile = await suite.hostile((req, res, origin) =>
      json(res, 200, { value: [], '@odata.nextLink': `${origin}/v1.0/subscribedSkus?$skiptoken=same` }),
    );
    const { t, missing } = strictFrench();
    const read = await readSubscribedSkus(connect(hostile.baseUrl, t));
    assert.equal(read.ok ? '' : read.error.message, 'subscribedSkus : la page 2 renvoie à une page déjà lue.');
    assert.deepEqual([...missing], []);
  });

  it("a listed user's license without a skuId is located in French", async () => {
    const user = {
      id: 'u1',
      userPrincipalName: 'alice@contoso.com',
      usageLocation: 'FR',
      accountEnabled: true,
      assignedLicenses: [{ disabledPlans: [] }],
    };
    const hostile = await suite.hostile((req, res) => json(res, 200, { value: [user] }));
    const { t, missing } = strictFrench();
    const listed = await listLicensedUsers(connect(hostile.baseUrl, t));
    assert.equal(
      listed.ok ? '' : listed.error.message,
      'utilisateur alice@contoso.com : la réponse de Graph contient `assignedLicenses[0]` sans `skuId`',
    );
    assert.deepEqual([...missing], []);
  });
});
