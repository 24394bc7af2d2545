import * as assert from 'node:assert/strict';
import { resultsView } from '../../../src/core/report/results-view';
import type { JournalHeader, JournalLine } from '../../../src/core/results/user-result';

const header: JournalHeader = {
  journal: 'm365-licenses',
  version: 1,
  files: ['/w/phone.licenses'],
  tenant: 'Demo tenant',
  tenantId: 'demo',
  startedAt: '2026-12-01T11:29:56.122Z',
};
const at = '2026-12-01T11:30:00.000Z';
const lost = (upn: string): JournalLine => ({
  user: upn,
  outcome: 'failed',
  added: [],
  removed: [],
  at,
  error: {
    code: 'Request_ResourceNotFound',
    message: `Resource '${upn}' does not exist or one of its queried reference-property objects are not present.`,
  },
});

describe('results page (Open Last Results)', () => {
  const latest: JournalLine[] = [
    {
      user: 'alice@contoso.com',
      outcome: 'changed',
      added: ['MCOEV', 'MCOPSTN1'],
      removed: [],
      at,
      usageLocation: 'US',
    },
    lost('ghost1@contoso.com'),
    {
      user: 'bob@contoso.com',
      outcome: 'failed',
      added: [],
      removed: [],
      at,
      error: {
        code: 'Request_BadRequest',
        message: 'Subscription with SKU x does not have any available licenses.',
        hint: 'Buy more',
      },
    },
    lost('ghost2@contoso.com'),
    {
      user: 'carol@contoso.com',
      outcome: 'pending',
      at,
      desired: { user: 'carol@contoso.com', line: 3, assign: [], remove: [], onPremisesPstn: false },
    },
    { user: 'dave@contoso.com', outcome: 'skipped', added: [], removed: [], at },
    { user: 'erin@contoso.com', outcome: 'unchanged', added: [], removed: [], at },
  ];
  const view = resultsView({ name: 'licenses-results-x.jsonl', headers: [header], latest, damagedLines: 1 });

  it('puts failures first, grouped by cause, the common cause before the odd one', () => {
    assert.deepEqual(
      view.sections.map((s) => s.id),
      ['totals', 'failed', 'pending', 'skipped', 'changed', 'unchanged'],
    );
    const failed = view.sections[1];
    assert.equal(failed.count, 3);
    assert.deepEqual(
      failed.groups!.map((g) => [g.heading, g.users.map((u) => u.user)]),
      [
        ['2 users not found in the tenant', ['ghost1@contoso.com', 'ghost2@contoso.com']],
        [
          '1 user: [Request_BadRequest] Subscription with SKU x does not have any available licenses. — Buy more',
          ['bob@contoso.com'],
        ],
      ],
    );
  });

  it('counts every outcome and says when lines could not be read or a run stopped before an answer', () => {
    const totals = view.sections[0].lines!;
    assert.equal(totals[0], '7 users: 1 changed, 1 unchanged, 3 failed, 1 skipped');
    assert.match(totals.join('\n'), /1 user without an answer: .* sends it again/);
    assert.match(totals.join('\n'), /1 line of the journal could not be read and is not counted/);
  });

  it('says what changed, per group, and when and where the run was made', () => {
    assert.equal(
      view.sections.find((s) => s.id === 'changed')!.groups![0].heading,
      '1 user: usage location US +MCOEV (Microsoft Teams Phone Standard) +MCOPSTN1 (Skype for Business PSTN Domestic Calling)',
    );
    assert.equal(view.at, header.startedAt);
    assert.deepEqual(view.facts, ['Tenant: Demo tenant', 'From: /w/phone.licenses']);
  });
});
