import * as assert from 'node:assert/strict';
import french from '../../../l10n/bundle.l10n.fr.json';
import { tenantMismatch, type Journal } from '../../../src/core/journal/journal';
import { formatReprocessLine } from '../../../src/core/run/reprocess';
import { bundleTranslator } from '../../../src/core/text/translate';
import { MemorySink, resultOf, run, UPN, wants } from '../fixtures/test-tenant';
import { isAssignBatch } from '../fixtures/hostile-endpoints';
import { engineSuite, quickConnection } from '../fixtures/engine-suite';

const fr = bundleTranslator(french as Record<string, string>, 'fr');
describe('run messages in French', () => {
  const suite = engineSuite();

  it("a write whose answer was lost fails in the connection's language, with the code verification reads unchanged", async () => {
    const t = await suite.tenant();
    // The write never reaches the tenant, and the $batch answer names an id that was not sent.
    const hostile = await suite.proxy(
      t.emulator.origin,
      (req) =>
        isAssignBatch(req) ? { body: JSON.stringify({ responses: [{ id: '99', status: 200, body: {} }] }) } : undefined,
      {
        forward: (req) => !isAssignBatch(req),
      },
    );
    const connection = quickConnection(hostile.baseUrl, t.emulator.token, { t: fr });
    const sink = new MemorySink();
    const alice = resultOf(await run(connection, [wants('alice', { assign: ['MCOEV'] })], { sink }), 'alice');
    assert.equal(alice.outcome, 'failed');
    assert.equal(alice.error?.code, 'AnswerLost');
    assert.equal(
      alice.error?.message,
      "La réponse de Graph a été perdue (la réponse $batch contient un id inconnu « 99 », 1 requête sans réponse ; l'écriture a peut-être été appliquée).",
    );
    const journaled = sink.entries.filter((e) => e.user === UPN('alice')).at(-1);
    assert.equal(
      journaled?.outcome === 'failed' ? journaled.error?.code : undefined,
      'AnswerLost',
      'the journal keeps the code a retry reads',
    );
  });

  it('reprocess results read in French, a hint translated where it is shown', () => {
    const user = 'catherine.gibson@contoso.com';
    assert.equal(
      formatReprocessLine({ user, userId: 'u1', outcome: 'cleared' }, fr),
      `✓ ${user} retraité : plus aucune erreur`,
    );
    assert.equal(
      formatReprocessLine(
        { user, userId: 'u1', outcome: 'still-in-error', remaining: ['ENTERPRISEPACK CountViolation'] },
        fr,
      ),
      `✗ ${user} retraité, toujours en erreur : ENTERPRISEPACK CountViolation`,
    );
    assert.equal(formatReprocessLine({ user, userId: 'u1', outcome: 'skipped' }, fr), `- ${user} ignoré (annulé)`);
    const failed = formatReprocessLine(
      {
        user,
        userId: 'u1',
        outcome: 'failed',
        error: {
          code: 'AnswerLost',
          message: 'm',
          hint: 'Run the plan again: it re-reads the user and sends only what is still missing.',
        },
      },
      fr,
    );
    assert.ok(failed.startsWith(`✗ ${user} [AnswerLost] m — `) && !failed.includes('Run the plan again'), failed);
    assert.equal(
      formatReprocessLine({ user, userId: 'u1', outcome: 'cleared' }),
      `✓ ${user} reprocessed: no error left`,
    );
  });

  it('a journal of another tenant is refused in French', () => {
    const journal: Journal = {
      headers: [
        { journal: 'm365-licenses', version: 1, files: [], tenant: 'contoso', tenantId: 'aaaa', startedAt: '' },
      ],
      latest: new Map(),
      damaged: [],
      damagedLines: 0,
    };
    assert.equal(
      tenantMismatch(journal, { label: 'fabrikam', id: 'bbbb' }, fr),
      'le journal a été écrit pour contoso (aaaa), mais le locataire est maintenant fabrikam (bbbb)',
    );
    assert.equal(
      tenantMismatch(journal, { label: 'fabrikam', id: 'bbbb' }),
      'the journal was written for contoso (aaaa), but the tenant now is fabrikam (bbbb)',
    );
  });
});
