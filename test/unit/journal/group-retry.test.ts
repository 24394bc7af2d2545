import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { retryFromJournal } from '../../../src/core/journal/retry-journal';

describe('retry: failed and skipped groups come back from the journal', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'licenses-group-retry-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('retries a group whose last line failed, not one that later succeeded, and ignores a tampered desired', async () => {
    const at = '2026-01-01T00:00:00Z';
    const desired = (group: string) => ({
      group,
      line: 2,
      assign: [{ sku: 'MCOEV' }],
      remove: [],
      onPremisesPstn: false,
    });
    const lines = [
      { journal: 'm365-licenses', version: 1, files: ['g.licenses'], tenant: 'demo', tenantId: 'demo', startedAt: at },
      {
        kind: 'group',
        group: 'Voice Rollout',
        groupId: 'g1',
        outcome: 'failed',
        added: [],
        removed: [],
        error: { code: 'TooManyRequests', message: 'x' },
        desired: desired('Voice Rollout'),
        at,
      },
      {
        kind: 'group',
        group: 'All Sales',
        groupId: 'g2',
        outcome: 'skipped',
        added: [],
        removed: [],
        desired: desired('All Sales'),
        at,
      },
      { kind: 'group', group: 'All Sales', groupId: 'g2', outcome: 'changed', added: ['MCOEV'], removed: [], at },
      {
        kind: 'group',
        group: 'Voice',
        groupId: 'g4',
        outcome: 'pending',
        added: [],
        removed: [],
        desired: desired('Voice'),
        at,
      },
      {
        kind: 'group',
        group: 'Pilot',
        groupId: 'g3',
        outcome: 'failed',
        added: [],
        removed: [],
        desired: { ...desired('Pilot'), assign: [{ sku: 42 }] },
        at,
      },
    ];
    const path = join(dir, 'run.jsonl');
    writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const source = await retryFromJournal(path);
    assert.equal(source.kind, 'retry');
    if (source.kind !== 'retry') return;
    assert.deepEqual(source.groups, [desired('Voice Rollout'), desired('Voice')]);
    assert.deepEqual(source.warnings, []);
  });
});
