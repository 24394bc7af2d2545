import * as assert from 'node:assert/strict';
import type { DesiredUser } from '../../../src/core/desired/desired';
import { planRun } from '../../../src/core/plan/whole-plan';
import { exactConfirmationLines, exactPreviewLines, LICENSE_REMOVAL_DOC } from '../../../src/core/report/exact-preview';
import { previewView } from '../../../src/core/report/preview-view';
import { usersOf } from '../../../src/core/report/report-view';
import { formatPlanLine } from '../../../src/core/report/format-results';
import { found, graphUser, tenantSkus } from '../fixtures/graph-shapes';
import { wants } from '../fixtures/test-tenant';

const GROUP = '11111111-2222-3333-4444-555555555555';
const exactly = (d: DesiredUser): DesiredUser => ({ ...d, exact: true });

describe('exact: what the preview and the confirmation say', () => {
  const plan = planRun(
    [
      exactly(wants('bob', { assign: ['MCOEV'], remove: ['MCOPSTN1'] })),
      exactly(wants('carol', { assign: ['MCOEV'] })),
      exactly(wants('dave', { assign: ['MCOEV'] })),
      wants('erin', { remove: ['ENTERPRISEPACK'] }),
    ],
    tenantSkus(),
    found(
      graphUser('bob@contoso.com', { direct: [['MCOEV'], ['MCOPSTN1'], ['ENTERPRISEPACK']] }),
      graphUser('carol@contoso.com', { direct: [['ENTERPRISEPACK'], ['STANDARDPACK']] }),
      graphUser('dave@contoso.com', { direct: [['MCOEV']], viaGroup: [{ group: GROUP, license: ['ENTERPRISEPACK'] }] }),
      graphUser('erin@contoso.com', { direct: [['ENTERPRISEPACK']] }),
    ),
  );

  it('lists the removals exact causes apart from the named ones, counted per SKU, most first', () => {
    const text = exactPreviewLines(plan).join('\n');
    assert.match(text, /## Removed because of exact \(2 users\)/);
    assert.match(text, /- -ENTERPRISEPACK ×2\n- -STANDARDPACK ×1/);
    assert.match(text, /bob@contoso.com {2}- ENTERPRISEPACK\n/);
    assert.doesNotMatch(text, /MCOPSTN1/, 'bob’s MCOPSTN1 is on a remove line: not exact’s doing');
    assert.doesNotMatch(text, /erin/, 'a plain remove is not listed as exact’s');
  });

  it('says what a removal means, citing Microsoft’s doc for the 30 days of Exchange data', () => {
    const text = exactPreviewLines(plan).join('\n');
    assert.match(text, /Exchange Online keeps the mailbox data for 30 days/);
    assert.ok(text.includes(LICENSE_REMOVAL_DOC));
  });

  it('lists group licenses as kept, with the group', () => {
    assert.match(
      exactPreviewLines(plan).join('\n'),
      new RegExp(`## Kept: licenses from groups[^\\n]*\\n\\n- ENTERPRISEPACK from group ${GROUP}: 1 users`),
    );
  });

  it('the confirmation names what exact removes per SKU, and the plan line marks it', () => {
    assert.deepEqual(
      exactConfirmationLines(plan)[0],
      'exact also removes licenses the file does not name, from 2 users: -ENTERPRISEPACK ×2, -STANDARDPACK ×1.',
    );
    assert.match(exactConfirmationLines(plan)[1], /30 days/);
    assert.equal(
      formatPlanLine(plan.users[0]),
      '~ bob@contoso.com -MCOPSTN1 (Skype for Business PSTN Domestic Calling) -ENTERPRISEPACK (Office 365 E3) (exact)',
    );
  });

  it('says nothing for a plan without exact, and translates through the given function', () => {
    const plain = planRun(
      [wants('erin', { remove: ['ENTERPRISEPACK'] })],
      tenantSkus(),
      found(graphUser('erin@contoso.com', { direct: [['ENTERPRISEPACK']] })),
    );
    assert.deepEqual(exactPreviewLines(plain), []);
    assert.deepEqual(exactConfirmationLines(plain), []);
    assert.ok(exactConfirmationLines(plan, (m) => `FR:${m}`).every((l) => l.startsWith('FR:')));
  });

  it('the rendered preview page has the exact removals as a section of their own, grouped by what is removed', () => {
    const page = previewView(plan, { file: 'f.licenses', tenant: 'Demo', at: new Date(0) });
    const ids = page.sections.map((s) => s.id);
    assert.ok(ids.indexOf('exact-removals') > ids.indexOf('change'), ids.join());
    const removals = page.sections.find((s) => s.id === 'exact-removals')!;
    assert.deepEqual(usersOf(removals).sort(), ['bob@contoso.com', 'carol@contoso.com']);
    assert.ok(removals.lines?.some((l) => l.includes('-ENTERPRISEPACK ×2')));
    assert.ok(page.sections.find((s) => s.id === 'exact-kept')?.lines?.[0].includes(GROUP));
  });
});
