import * as assert from 'node:assert/strict';
import type { CurrentUser } from '../../../src/core/reads/tenant-reads';
import { planRun } from '../../../src/core/plan/whole-plan';
import { PREVIEW_SECTION_IDS, previewView } from '../../../src/core/report/preview-view';
import {
  groupByCause,
  usersOf,
  withoutUser,
  type ReportSection,
  type Words,
} from '../../../src/core/report/report-view';
import { found, graphUser, tenantSkus } from '../fixtures/graph-shapes';
import { wants } from '../fixtures/test-tenant';

const ghost = (n: number) => `ghost${n}@contoso.com`;
const notFound = (upn: string): CurrentUser => ({
  kind: 'unreadable',
  error: {
    code: 'Request_ResourceNotFound',
    message: `Resource '${upn}' does not exist or one of its queried reference-property objects are not present.`,
    status: 404,
  },
});

/**
 * 1,700 users the tenant does not have, 2 it has (alice gets MCOEV; erin already has it), as the 2,000-user preview.
 */
function bigPlan() {
  const ghosts = Array.from({ length: 1700 }, (_, i) => ghost(i));
  const users = new Map<string, CurrentUser>([
    ...found(graphUser('alice@contoso.com'), graphUser('erin@contoso.com', { direct: [['MCOEV']] })),
  ]);
  for (const g of ghosts) users.set(g, notFound(g));
  return planRun(
    [
      wants('alice', { assign: ['MCOEV'] }),
      ...ghosts.map((g) => wants(g, { assign: ['MCOEV'] })),
      wants('erin', { assign: ['MCOEV'] }),
    ],
    tenantSkus(),
    users,
  );
}

const section = (sections: readonly ReportSection[], id: string) => {
  const s = sections.find((x) => x.id === id);
  assert.ok(s, `no section ${id} in ${sections.map((x) => x.id).join(', ')}`);
  return s;
};

describe('preview page (the model the webview renders)', () => {
  const page = { file: 'big.licenses', tenant: 'Demo tenant', at: new Date('2026-12-01T11:29:56.122Z') };

  it('groups 1,700 users not found under one heading, with the message shown once and no user in it', () => {
    const view = previewView(bigPlan(), page);
    const notWritten = section(view.sections, 'not-written');
    assert.equal(notWritten.count, 1700);
    assert.equal(notWritten.groups!.length, 1);
    const [group] = notWritten.groups!;
    assert.equal(group.heading, '1,700 users not found in the tenant');
    assert.equal(
      group.cause,
      "[Request_ResourceNotFound] Resource '…' does not exist or one of its queried reference-property objects are not present.",
    );
    assert.equal(group.users.length, 1700);
    assert.equal(group.users[0].user, ghost(0), 'users keep the file order inside a group');
  });

  it('keeps the change and the unchanged users apart, each counted, with pluralized headings', () => {
    const view = previewView(bigPlan(), page);
    const change = section(view.sections, 'change');
    assert.deepEqual(
      change.groups!.map((g) => g.heading),
      ['1 user: +MCOEV (Microsoft Teams Phone Standard)'],
    );
    assert.deepEqual(usersOf(section(view.sections, 'unchanged')), ['erin@contoso.com']);
    assert.equal(section(view.sections, 'unchanged').open, false, 'users already as wanted start folded');
    assert.equal(
      section(view.sections, 'totals').lines![0],
      '1,702 users: 1 to change, 1 already as wanted, 1,700 that will not be written',
    );
  });

  it('states the time as an instant (the front end shows local time) and that nothing was written', () => {
    const view = previewView(bigPlan(), page);
    assert.equal(view.at, '2026-12-01T11:29:56.122Z');
    assert.ok(view.facts.includes('Nothing has been written.'), view.facts.join(' | '));
  });

  it('places extra sections (groups, exact removals) before the users already as wanted', () => {
    const extra: ReportSection = {
      id: 'groups',
      title: 'Groups',
      tone: 'info',
      open: true,
      lines: ['All Sales: 3 members'],
    };
    const ids = previewView(bigPlan(), { ...page, extraSections: [extra] }).sections.map((s) => s.id);
    assert.deepEqual(ids, ['totals', 'seats', 'change', 'not-written', 'groups', 'unchanged']);
    assert.ok(!(PREVIEW_SECTION_IDS as readonly string[]).includes('groups'));
  });

  it('speaks the language it is given: translated texts, French numbers and French plurals (0 and 1 are singular)', () => {
    const french: Words = {
      locale: 'fr',
      t: (message, ...args) => `«${message}»`.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])),
    };
    const view = previewView(bigPlan(), page, french);
    assert.equal(
      section(view.sections, 'not-written').groups![0].heading,
      '«{0} users not found in the tenant»'.replace('{0}', (1700).toLocaleString('fr')),
    );
    assert.match(
      section(view.sections, 'totals').lines![0],
      /^«1\s702 users: 1 to change, 1 already as wanted, 1\s700 that will not be written»$/,
    );
    const one = previewView(
      planRun([wants('alice', { assign: ['MCOEV'] })], tenantSkus(), found(graphUser('alice@contoso.com'))),
      page,
      french,
    );
    assert.match(section(one.sections, 'totals').lines![0], /^«1 user: /);
  });
});

describe('grouping by cause', () => {
  it('puts the largest group first and keeps a lone odd failure visible on its own', () => {
    const lines = [
      { user: 'a', cause: 'x' },
      { user: 'b', cause: 'odd' },
      { user: 'c', cause: 'x' },
    ];
    assert.deepEqual(
      groupByCause(lines, { t: (m, ...a) => m.replace(/\{(\d)\}/g, (_, i: string) => String(a[Number(i)])) }).map(
        (g) => [g.heading, g.users.map((u) => u.user)],
      ),
      [
        ['2 users: x', ['a', 'c']],
        ['1 user: odd', ['b']],
      ],
    );
  });

  it('takes the user out of a Graph message, whatever its case, so the same refusal groups', () => {
    assert.equal(
      withoutUser("Resource 'Bob@Contoso.com' does not exist", 'bob@contoso.com'),
      "Resource '…' does not exist",
    );
    assert.equal(withoutUser('a+b (c)', 'a+b'), '… (c)', 'a user name is not read as a pattern');
  });
});
