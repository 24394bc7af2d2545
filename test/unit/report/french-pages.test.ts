import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hintFor, hintForStateError } from '../../../src/core/graph/error-hints';
import { previewView } from '../../../src/core/report/preview-view';
import { resultsView } from '../../../src/core/report/results-view';
import type { UserPlan } from '../../../src/core/plan/user-plan';
import type { RunPlan } from '../../../src/core/plan/whole-plan';
import type { JournalLine } from '../../../src/core/results/user-result';
import { bundleTranslator } from '../../../src/core/text/translate';
import { pageHtml } from '../../../src/vscode/webviews/page-html';

const root = join(__dirname, '..', '..', '..', '..');
const bundle = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.fr.json'), 'utf8')) as Record<string, string>;
const french = { t: bundleTranslator(bundle, 'fr'), locale: 'fr' };
const labels = { filter: 'Filtrer', matching: '{0} / {1}', noMatch: 'Aucun' };

/** Every constant hint Graph failures get (graph/error-hints.ts), from a message, a code or a status. */
const HINTS = [
  ...[
    'Subscription with SKU x does not have any available licenses.',
    'License assignment cannot be done for user with invalid usage location.',
    'Conflicting service plans: a, b are mutually exclusive.',
    'The service plan x depends on the service plan(s) y.',
    'User license is inherited from a group membership and it cannot be removed directly from the user.',
    'User does not have a corresponding license.',
    'License x does not correspond to a valid company license.',
    'License x cannot be assigned to a user.',
    "Invalid value specified for property 'usageLocation' of resource 'User'.",
  ].map((m) => hintFor(400, 'Request_BadRequest', m)),
  ...['Request_ResourceNotFound', 'ConnectionDropped', 'GraphDeadline', 'UnexpectedContentType', 'MalformedAnswer']
    .concat(['AnswerLost', 'RefusedEndpoint'])
    .map((code) => hintFor(undefined, code, '')),
  hintFor(401, 'InvalidAuthenticationToken', ''),
  hintFor(429, 'TooManyRequests', ''),
  hintFor(503, 'ServiceUnavailable', ''),
  ...['CountViolation', 'MutuallyExclusiveViolation', 'DependencyViolation', 'Other'].map(hintForStateError),
].filter((h): h is string => h !== undefined);

describe('French pages: the glossary and Graph hints', () => {
  it('no French text says "licencié" or "licencier" (that is fired): "disposant d\'une licence", "attribuer"', () => {
    const texts: [string, string][] = [
      ...Object.entries(bundle).map(([k, v]): [string, string] => [`l10n: ${k}`, v]),
      ...Object.entries(
        JSON.parse(readFileSync(join(root, 'package.nls.fr.json'), 'utf8')) as Record<string, string>,
      ).map(([k, v]): [string, string] => [`package.nls.fr.json: ${k}`, v]),
      ...readdirSync(join(root, 'walkthrough', 'fr')).map((f): [string, string] => [
        `walkthrough/fr/${f}`,
        readFileSync(join(root, 'walkthrough', 'fr', f), 'utf8'),
      ]),
    ];
    assert.deepEqual(
      texts.filter(([, v]) => /licenci(é|er)/i.test(v)).map(([where]) => where),
      [],
    );
  });

  it('undo is "défaire", never "annuler" (which is cancel)', () => {
    const undo = Object.entries(bundle).filter(([k]) => /\bundo(ne)?\b/i.test(k) && !/Unassign/.test(k));
    assert.ok(undo.length > 5);
    assert.deepEqual(
      undo.filter(([, v]) => /annul/i.test(v)).map(([k]) => k),
      [],
    );
  });

  it('every hint has its French, and a French Preview and Results page show no English hint', () => {
    assert.ok(HINTS.length >= 20, `only ${HINTS.length} hints`);
    assert.deepEqual(
      HINTS.filter((h) => !(h in bundle)),
      [],
    );
    const error = (hint: string, i: number) => ({ code: `Code${i}`, message: `Message ${i}`, hint });
    const failed: UserPlan[] = HINTS.map((hint, i) => ({
      kind: 'failed',
      user: `u${i}@contoso.com`,
      add: [],
      remove: [],
      notes: [],
      error: error(hint, i),
    })) as unknown as UserPlan[];
    const plan = { users: failed, blockers: [], shortfalls: [] } as unknown as RunPlan;
    const lines: JournalLine[] = HINTS.map((hint, i) => ({
      user: `u${i}@contoso.com`,
      outcome: 'failed',
      added: [],
      removed: [],
      at: '2026-12-07T17:40:00.000Z',
      error: error(hint, i),
    }));
    const pages = [
      pageHtml(previewView(plan, { file: 'f.licenses', tenant: 'Démo', at: new Date(0) }, french), {
        nonce: 'n',
        lang: 'fr',
        labels,
      }),
      pageHtml(resultsView({ name: 'j.jsonl', headers: [], latest: lines }, french), {
        nonce: 'n',
        lang: 'fr',
        labels,
      }),
    ];
    // The page escapes and shows backticks as code: compare the hint's words, not its markup.
    const words = (s: string) =>
      s
        .replace(/<[^>]+>/g, '')
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"');
    for (const html of pages) {
      const shown = words(html);
      for (const hint of HINTS) {
        assert.ok(!shown.includes(hint.replace(/`/g, '')), `English hint on a French page: ${hint}`);
        assert.ok(shown.includes(bundle[hint].replace(/`/g, '')), `French hint missing: ${bundle[hint]}`);
      }
    }
  });
});
