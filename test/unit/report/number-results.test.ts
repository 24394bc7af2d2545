import * as assert from 'node:assert/strict';
import french from '../../../l10n/bundle.l10n.fr.json';
import { checkJournalLine } from '../../../src/core/journal/journal-lines';
import { resultsCsv, withNumberRows } from '../../../src/core/report/csv';
import { formatNumberResultLine, formatNumberTotals } from '../../../src/core/report/number-words';
import type { NumberLine } from '../../../src/core/results/number-result';
import { bundleTranslator } from '../../../src/core/text/translate';
import { numberWaitMinutes } from '../../../src/cli/deadline';

const fr = bundleTranslator(french as Record<string, string>, 'fr');
const AT = '2026-12-07T18:41:02.001Z';

const changed: NumberLine = {
  kind: 'number',
  user: 'alice@contoso.com',
  outcome: 'changed',
  at: AT,
  assigned: '+14255550110',
  numberType: 'callingPlan',
  readBack: 'confirmed',
  isEnterpriseVoiceEnabled: true,
  licenseRetries: 2,
  before: [],
};
const pending: NumberLine = {
  kind: 'number',
  user: '=bob@contoso.com',
  outcome: 'pending',
  at: AT,
  resumeCommand: 'm365-licenses apply --retry-failed run.jsonl',
  error: {
    code: 'LicenseNotSeenYet',
    message: 'pending: Teams has not seen the license yet (15 min waited). Resume with: m365-licenses apply …',
  },
};

describe('number outcomes in the output, the CSV and the journal', () => {
  it('one line per user, in English and in French', () => {
    assert.equal(
      formatNumberResultLine(changed),
      '✓ alice@contoso.com +number +14255550110 (Calling Plan) — shown on the user, voice enabled',
    );
    assert.equal(
      formatNumberResultLine(changed, fr),
      "✓ alice@contoso.com +numéro +14255550110 (forfait d'appels (Calling Plan)) — visible sur l'utilisateur, voix activée",
    );
    assert.match(formatNumberResultLine(pending), /^… =bob@contoso\.com pending: .*Resume with/);
    assert.equal(
      formatNumberTotals([changed, pending], fr),
      'Numéros : 1 modifié, 0 inchangé, 0 en échec, 1 en attente, 0 ignoré',
    );
  });

  it('CSV rows: number:OUTCOME, the number under added, formula-looking cells kept as text', () => {
    const csv = withNumberRows(resultsCsv([]), [changed, pending]);
    const rows = csv.trim().split('\r\n');
    assert.equal(rows.length, 3);
    assert.equal(rows[1], `alice@contoso.com,number:changed,'+14255550110,,,,,,${AT}`);
    assert.ok(rows[2].startsWith("'=bob@contoso.com,number:pending,,,,LicenseNotSeenYet,"));
    assert.ok(
      rows[2].includes('m365-licenses apply --retry-failed run.jsonl'),
      'the resume command is in the hint column',
    );
  });

  it('a number line is read back as such; one whose numbers are not E.164 is a damaged line, never replayed', () => {
    assert.equal(checkJournalLine(JSON.stringify(changed)).kind, 'number-line');
    const bad = checkJournalLine(JSON.stringify({ ...changed, assigned: '=cmd|calc' }));
    assert.equal(bad.kind, 'bad');
    const badBefore = checkJournalLine(JSON.stringify({ ...changed, before: [{ telephoneNumber: 'x' }] }));
    assert.equal(badBefore.kind, 'bad');
    const badDesired = checkJournalLine(
      JSON.stringify({
        ...pending,
        user: 'bob@contoso.com',
        desired: {
          user: 'bob@contoso.com',
          line: 3,
          assign: [],
          remove: [],
          onPremisesPstn: false,
          number: { kind: 'x' },
        },
      }),
    );
    assert.equal(badDesired.kind, 'bad');
  });

  it('--number-wait and LICENSES_NUMBER_WAIT_MINUTES: whole minutes from 0 to 1440, the option first', () => {
    const t = fr;
    assert.deepEqual(numberWaitMinutes('30', { LICENSES_NUMBER_WAIT_MINUTES: '5' }, t), { minutes: 30 });
    assert.deepEqual(numberWaitMinutes(undefined, { LICENSES_NUMBER_WAIT_MINUTES: '0' }, t), { minutes: 0 });
    assert.deepEqual(numberWaitMinutes(undefined, {}, t), {});
    const wrong = numberWaitMinutes('2000', {}, t);
    assert.ok('error' in wrong);
    assert.equal(wrong.error, '--number-wait doit être un nombre entier de minutes de 0 à 1440, pas « 2000 ».');
  });
});
