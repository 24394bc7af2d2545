import * as assert from 'node:assert/strict';
import { renderPreview } from '../../../src/core/report/preview';
import { planRun } from '../../../src/core/plan/whole-plan';
import { found, graphUser, subscribed, tenantSkus } from '../fixtures/graph-shapes';
import { wants } from '../fixtures/test-tenant';

describe('preview: what Graph would refuse and what is wasted, before anything is written', () => {
  it('lists a predicted refusal under "Will not be written" and a redundant license as a warning, both counted in the totals', () => {
    const plan = planRun(
      [wants('adele', { assign: ['MCOPSTN1'] }), wants('erin', { assign: ['MCOEV'] })],
      tenantSkus(...['ENTERPRISEPREMIUM', 'MCOEV', 'MCOPSTN1', 'MCOPSTN2'].map((p) => subscribed(p))),
      found(
        graphUser('adele@contoso.com', { direct: [['ENTERPRISEPREMIUM'], ['MCOPSTN2']] }),
        graphUser('erin@contoso.com', { direct: [['ENTERPRISEPREMIUM']] }),
      ),
    );
    const preview = renderPreview(plan, { file: 'x.licenses', tenant: 'Demo tenant', at: new Date(0) });
    assert.match(preview, /^- 2 users: 1 to change, 0 already as wanted, 1 that will not be written$/m);
    assert.match(preview, /^- ✗ 1 user Graph would refuse/m);
    assert.match(preview, /^- ⚠ \+MCOEV: 1 user already gets its plans from another license/m);
    const failedSection = preview.slice(preview.indexOf('## Will not be written'));
    assert.match(failedSection, /✗ adele@contoso.com \[MutuallyExclusivePlans\] MCOPSTN1 .* — Add "remove MCOPSTN2"/);
    const changeSection = preview.slice(preview.indexOf('## Will change'), preview.indexOf('## Will not be written'));
    assert.match(
      changeSection,
      /~ erin@contoso.com \+MCOEV \(Microsoft Teams Phone Standard\) \(⚠ MCOEV adds nothing ENTERPRISEPREMIUM does not already give/,
    );
    assert.doesNotMatch(changeSection, /adele/, 'a refused user is not listed as changing');
  });
});
