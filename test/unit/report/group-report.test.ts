import * as assert from 'node:assert/strict';
import { groupPreviewLines } from '../../../src/core/report/group-preview';
import { groupCsvRows } from '../../../src/core/report/group-csv';
import type { GroupPlan } from '../../../src/core/plan/group-plan';
import type { RunPlan } from '../../../src/core/plan/whole-plan';
import type { GroupJournalLine } from '../../../src/core/results/group-result';
import { memberErrorFix } from '../../../src/core/results/group-result';
import { tenantOf } from '../fixtures/tenants';

const desired = {
  group: 'Voice Rollout',
  line: 3,
  assign: [{ sku: 'MCOEV' }],
  remove: ['MCOPSTN1'],
  onPremisesPstn: false,
};
const change: GroupPlan = {
  group: 'Voice Rollout',
  line: 3,
  groupId: 'g1',
  displayName: 'Voice Rollout',
  kind: 'change',
  members: 9,
  nestedGroups: 1,
  desired,
  add: [{ skuId: 's1', partNumber: 'MCOEV', disabledPlans: [], why: 'new', newSeats: 7 }],
  remove: [{ skuId: 's2', partNumber: 'MCOPSTN1', freedSeats: 2 }],
  notes: ['1 nested group among the members gets nothing: group licenses reach direct members only'],
};
const failed: GroupPlan = {
  ...change,
  group: 'Marketing Team',
  groupId: 'g2',
  displayName: 'Marketing Team',
  kind: 'failed',
  add: [],
  remove: [],
  notes: [],
  error: { code: 'GroupNotSecurityEnabled', message: 'not security' },
};
const plan = (groups?: GroupPlan[]): RunPlan => ({
  users: [],
  blockers: [],
  shortfalls: [],
  skus: tenantOf({}),
  ...(groups ? { groups } : {}),
});

describe('group reports: preview section, CSV rows, fixes', () => {
  it('the preview shows each group apart from users, with the members each change reaches and the seats', () => {
    const text = groupPreviewLines(plan([change, failed])).join('\n');
    assert.match(text, /## Groups \(2\)/);
    assert.match(text, /\*\*Voice Rollout\*\* \(g1\): 9 members/);
    assert.match(text, /\+MCOEV: 7 members take a new seat/);
    assert.match(text, /-MCOPSTN1: 2 members give a seat back/);
    assert.match(text, /⚠ 1 nested group/);
    assert.match(text, /✗ \*\*Marketing Team\*\* \(g2\): \[GroupNotSecurityEnabled\]/);
    assert.deepEqual(groupPreviewLines(plan()), [], 'no group section for a file without groups');
  });

  it('CSV: one row per group (its last result) and one per member in error, with the fix as hint', () => {
    const at = '2026-01-01T00:00:00Z';
    const lines: GroupJournalLine[] = [
      {
        kind: 'group',
        at,
        group: 'Voice Rollout',
        groupId: 'g1',
        outcome: 'changed',
        added: ['MCOEV'],
        removed: [],
        processingState: 'QueuedForProcessing',
      },
      {
        kind: 'group',
        at,
        group: 'Voice Rollout',
        groupId: 'g1',
        outcome: 'changed',
        added: ['MCOEV'],
        removed: [],
        processingState: 'ProcessingComplete',
      },
      {
        kind: 'member-error',
        at,
        group: 'Voice Rollout',
        groupId: 'g1',
        user: '=cmd@contoso.com',
        userId: 'u1',
        sku: 'MCOEV',
        skuId: 's1',
        state: 'Error',
        error: 'CountViolation',
        fix: memberErrorFix('CountViolation', 'MCOEV'),
      },
    ];
    const rows = groupCsvRows(lines);
    assert.equal(rows.length, 2);
    assert.match(rows[0], /^group:Voice Rollout,changed,MCOEV,,,,processing: ProcessingComplete,,/);
    // A UPN starting with = stays text in a spreadsheet.
    assert.equal(
      rows[1],
      `'=cmd@contoso.com,member-error,,,,CountViolation,"MCOEV from group ""Voice Rollout"" is in state Error","Not enough MCOEV seats: buy more or free some, then reprocess the members in error.",${at}`,
    );
  });

  it('gives every documented error a fix that ends with reprocessing', () => {
    for (const e of [
      'CountViolation',
      'MutuallyExclusiveViolation',
      'DependencyViolation',
      'ProhibitedInUsageLocationViolation',
      'UniquenessViolation',
      'Other',
    ]) {
      assert.match(memberErrorFix(e, 'MCOEV'), /reprocess/, e);
    }
    assert.notEqual(memberErrorFix('CountViolation', 'X'), memberErrorFix('DependencyViolation', 'X'));
  });
});
