import * as assert from 'node:assert/strict';
import { confirmationLines } from '../../../src/core/report/confirmation';
import { previewView, stalePreview } from '../../../src/core/report/preview-view';
import { requestedAction, type ReportView } from '../../../src/core/report/report-view';
import { resultsView } from '../../../src/core/report/results-view';
import { tenantReportView, type TenantReportInput } from '../../../src/core/report/tenant-report-view';
import { planRun } from '../../../src/core/plan/whole-plan';
import type { JournalHeader, JournalLine } from '../../../src/core/results/user-result';
import { found, graphUser, tenantSkus } from '../fixtures/graph-shapes';
import { wants } from '../fixtures/test-tenant';

const page = { file: 'phone.licenses', tenant: 'Demo tenant', at: new Date('2026-12-07T17:40:00Z') };
const plan = () =>
  planRun(
    [wants('alice', { assign: ['MCOEV'] }), wants('erin', { assign: ['MCOEV'] })],
    tenantSkus(),
    new Map(found(graphUser('alice@contoso.com'), graphUser('erin@contoso.com', { direct: [['MCOEV']] }))),
  );
const ids = (view: ReportView) => (view.actions ?? []).map((a) => `${a.id}${a.enabled ? '' : ' (disabled)'}`);

describe('page models: what each page offers the admin', () => {
  it('the preview offers Apply and Refresh, and names products beside part numbers', () => {
    const view = previewView(plan(), page);
    assert.deepEqual(ids(view), ['apply', 'refresh']);
    const change = view.sections.find((s) => s.id === 'change')!;
    assert.equal(change.groups![0].cause, '+MCOEV (Microsoft Teams Phone Standard)');
  });

  it('a preview with nothing to change shows Apply disabled, saying why', () => {
    const nothing = planRun(
      [wants('erin', { assign: ['MCOEV'] })],
      tenantSkus(),
      new Map(found(graphUser('erin@contoso.com', { direct: [['MCOEV']] }))),
    );
    const apply = previewView(nothing, page).actions!.find((a) => a.id === 'apply')!;
    assert.equal(apply.enabled, false);
    assert.equal(apply.title, 'Nothing to change.');
  });

  it('a stale preview says so and keeps Apply disabled until refreshed; Refresh stays', () => {
    const stale = stalePreview(previewView(plan(), page));
    assert.match(stale.stale!, /before the last run/);
    assert.deepEqual(ids(stale), ['apply (disabled)', 'refresh']);
    assert.equal(requestedAction({ action: 'apply' }, stale), undefined, 'a stale Apply still runs');
    assert.equal(requestedAction({ action: 'refresh' }, stale), 'refresh');
  });

  it('a button message runs only an action the page shows enabled', () => {
    const view = previewView(plan(), page);
    assert.equal(requestedAction({ action: 'apply' }, view), 'apply');
    for (const forged of [{ action: 'undo' }, { action: 'licenses.signOut' }, { action: 1 }, 'apply', null, {}])
      assert.equal(requestedAction(forged, view), undefined, JSON.stringify(forged));
  });

  const header: JournalHeader = {
    journal: 'm365-licenses',
    version: 1,
    files: ['/w/phone.licenses'],
    tenant: 'Demo tenant',
    tenantId: 'demo',
    startedAt: '2026-12-07T17:40:00.000Z',
  };
  const at = '2026-12-07T17:40:01.000Z';
  const changed: JournalLine = { user: 'a@contoso.com', outcome: 'changed', added: ['MCOEV'], removed: [], at };
  const failed: JournalLine = {
    user: 'b@contoso.com',
    outcome: 'failed',
    added: [],
    removed: [],
    at,
    error: { code: 'Request_BadRequest', message: 'x' },
  };

  it('the results offer Retry when a user failed, Reprocess when members are in error, Undo, Export CSV', () => {
    const all = resultsView({
      name: 'j.jsonl',
      headers: [header],
      latest: [changed, failed],
      groups: { changed: 1, membersInError: 2 },
    });
    assert.deepEqual(ids(all), ['retry', 'reprocess', 'undo', 'export-csv']);
    const clean = resultsView({ name: 'j.jsonl', headers: [header], latest: [changed] });
    assert.deepEqual(ids(clean), ['undo', 'export-csv']);
    const none = resultsView({ name: 'j.jsonl', headers: [header], latest: [] });
    assert.deepEqual(ids(none), ['export-csv (disabled)']);
  });

  it('the confirmation names the tenant, the three classes and the products, the same for CLI and VS Code', () => {
    const p = plan();
    const lines = confirmationLines(p, { tenant: 'Contoso', note: 'A retry.' });
    assert.deepEqual(lines, [
      'A retry.',
      '',
      'Tenant: Contoso',
      '2 users: 1 to change, 1 already as wanted, 0 that will not be written',
      '+MCOEV (Microsoft Teams Phone Standard): 1 user',
    ]);
  });
});

describe('tenant report page model', () => {
  const report: TenantReportInput = {
    tenant: 'Contoso',
    readAt: '2026-12-07T17:40:00.000Z',
    users: 120,
    skus: [
      { partNumber: 'ENTERPRISEPACK', paid: 100, assigned: 50, left: 50, direct: 40, inherited: 12, both: 2 },
      { partNumber: 'MCOEV', paid: 25, assigned: 30, left: -5, direct: 30, inherited: 0, both: 0 },
      { partNumber: 'FLOW_FREE', paid: 10000, assigned: 1000, left: 9000, direct: 1000, inherited: 0, both: 0 },
      { partNumber: 'CRMSTORAGE', paid: 0, assigned: 0, left: 0, direct: 0, inherited: 0, both: 0 },
    ],
    redundantDirect: [{ user: 'frank@contoso.com', partNumber: 'ENTERPRISEPACK', groups: ['All Sales'] }],
    disabledAccounts: [],
    inactive: { available: false, days: 90, reason: 'Sign-in dates need Entra ID P1.' },
  };
  const view = tenantReportView(report, undefined, 60);
  const seats = view.sections.find((s) => s.id === 'seats')!;

  it('scales paid SKUs together and free SKUs apart, so a paid SKU is not a sliver', () => {
    const [paid, free] = seats.charts!;
    assert.deepEqual(
      paid.bars.map((b) => [b.label, b.total, b.used, b.over]),
      [
        ['ENTERPRISEPACK', 1, 0.5, false],
        ['MCOEV', 0.25, 0.3, true],
      ],
    );
    assert.deepEqual(
      free.bars.map((b) => [b.label, b.total, b.used]),
      [['FLOW_FREE', 1, 0.1]],
    );
    assert.equal(seats.charts!.length, 2, 'a SKU with no seat has no bar');
  });

  it('names products beside part numbers, gives the time in the one format, a button per non-empty finding', () => {
    assert.deepEqual(seats.table!.rows[0].slice(0, 2), ['ENTERPRISEPACK', 'Office 365 E3']);
    assert.match(view.facts[0], /^Read 2026-12-07 18:40 UTC\+1: 120 licensed users\.$/);
    const redundant = view.sections.find((s) => s.id === 'redundant')!;
    assert.deepEqual(
      redundant.actions!.map((a) => a.id),
      ['reclaim-redundant'],
    );
    assert.deepEqual(view.sections.find((s) => s.id === 'disabled')!.actions, []);
    assert.deepEqual(view.sections.find((s) => s.id === 'inactive')!.lines, ['Sign-in dates need Entra ID P1.']);
  });
});
