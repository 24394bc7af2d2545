import * as assert from 'node:assert/strict';
import { formatRunTotals } from '../../../src/core/report/format-results';
import { resultsView } from '../../../src/core/report/results-view';
import type { GroupResult, MemberError } from '../../../src/core/results/group-result';
import type { RunSummary } from '../../../src/core/results/user-result';
import { bundleTranslator } from '../../../src/core/text/translate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const french = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', '..', 'l10n', 'bundle.l10n.fr.json'), 'utf8'),
) as Record<string, string>;

const summary = (users: number, changed: number): RunSummary => ({
  users,
  changed,
  unchanged: users - changed,
  failed: 0,
  skipped: 0,
  cancelled: false,
  httpRequests: 3,
  writeRequests: 2,
  durationMs: 1200,
  verified: 0,
  verificationProblems: 0,
});
const changed = (group: string): GroupResult => ({ group, outcome: 'changed', added: ['MCOEV'], removed: [] });
const annaError = { user: 'anna.bergman@contoso.com', sku: 'ENTERPRISEPACK' } as MemberError;

describe('group runs counted and shown as groups', () => {
  it('a groups-only run ends "2 groups changed, 1 member in error", not "0 changed, 0 unchanged, 0 failed"', () => {
    const groups = { results: [changed('Voice Rollout'), changed('All Sales')], memberErrors: [annaError] };
    assert.equal(formatRunTotals(summary(0, 0), groups), '2 groups changed, 1 member in error');
  });

  it('users and groups together: both counted, each as what it is', () => {
    const groups = { results: [changed('All Sales')], memberErrors: [] };
    assert.equal(
      formatRunTotals(summary(3, 2), groups),
      '3 users: 2 changed, 1 unchanged, 0 failed, 0 skipped; 1 group changed',
    );
    assert.equal(formatRunTotals(summary(3, 2), undefined), '3 users: 2 changed, 1 unchanged, 0 failed, 0 skipped');
  });

  it('in French', () => {
    const t = bundleTranslator(french, 'fr');
    const groups = { results: [changed('a'), changed('b')], memberErrors: [annaError] };
    assert.equal(formatRunTotals(summary(0, 0), groups, t), '2 groupes modifiés, 1 membre en erreur');
  });

  it('the results page of a groups-only run counts groups and lists the member in error with the conflicting license', () => {
    const at = '2026-12-07T10:00:00Z';
    const view = resultsView({
      name: 'groups.jsonl',
      headers: [],
      latest: [],
      groupLines: [
        { kind: 'group', at, ...changed('Voice Rollout') },
        { kind: 'group', at, ...changed('All Sales') },
        {
          kind: 'member-error',
          at,
          group: 'All Sales',
          groupId: 'g',
          user: 'anna.bergman@contoso.com',
          userId: 'u',
          sku: 'ENTERPRISEPACK',
          skuId: 's',
          state: 'Error',
          error: 'MutuallyExclusiveViolation',
          otherLicenses: ['STANDARDPACK'],
          conflictsWith: ['STANDARDPACK'],
          fix: 'remove STANDARDPACK',
        },
      ],
    });
    const totals = view.sections.find((x) => x.id === 'totals')?.lines ?? view.sections[0].lines!;
    assert.equal(totals[0], '2 groups changed, 1 member in error');
    assert.ok(
      totals.some((l) => l.includes('anna.bergman@contoso.com of group "All Sales"') && l.includes('STANDARDPACK')),
    );
    assert.ok(!totals.some((l) => l.startsWith('0 users')));
  });
});
