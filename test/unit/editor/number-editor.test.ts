import * as assert from 'node:assert/strict';
import { completionListAt } from '../../../src/core/editor/completion';
import { hoverAt } from '../../../src/core/editor/hover';
import { catalog } from '../helpers';
import { numberedUserOf, numbersReader, teamsNumber } from '../fixtures/numbers';

const HOLDER = '11111111-1111-4111-8111-111111111111';
const numbers = numbersReader(
  [
    teamsNumber('+14255550101', { city: 'Redmond' }),
    teamsNumber('+14255550102', { numberType: 'operatorConnect', city: 'Seattle' }),
    teamsNumber('+14255550103', { assignmentStatus: 'userAssigned', assignmentTargetId: HOLDER }),
    teamsNumber('+14255550104', { capabilities: ['voiceApplicationAssignment'] }),
    teamsNumber('+14255550105', { assignmentStatus: 'userAssigned', assignmentTargetId: 'ffffffff-0000-4000-8000-0' }),
    teamsNumber('+33170000001', { isoCountryCode: 'FR', city: 'Paris' }),
    teamsNumber('+14255550106', { city: '[Redmond](https://evil.example) <img>' }),
  ],
  [numberedUserOf('eve_*x*@contoso.com', HOLDER, 'US', ['MCOEV'])],
);

const hover = (line: string, at: string, tenant = numbers) =>
  hoverAt(line, line.indexOf(at) + 1, catalog, 'en', undefined, undefined, undefined, tenant);
const complete = (line: string, tenant = numbers) =>
  completionListAt(line, line.length, { catalog, tenantNumbers: tenant });

describe('telephone numbers in the editor: hovers', () => {
  it("shows a number's canonical form, type, city, country and that it is free", () => {
    const h = hover('alice@contoso.com   +1 (425) 555-0101   # desk', '425');
    assert.ok(h);
    assert.match(h.markdown, /`\+14255550101`/);
    assert.match(h.markdown, /Calling Plan · Redmond, United States · free/);
    assert.equal(h.start, 'alice@contoso.com   '.length);
    assert.equal(h.end, 'alice@contoso.com   +1 (425) 555-0101'.length);
  });

  it('names the holder of an assigned number by UPN when read, else by object id, escaped for Markdown', () => {
    assert.match(hover('bob@contoso.com +14255550103', '+1')!.markdown, /assigned to eve\\_\\\*x\\\*@contoso\\\.com/);
    assert.match(hover('bob@contoso.com +14255550105', '+1')!.markdown, /assigned to `ffffffff-0000-4000-8000-0`/);
  });

  it("escapes the tenant's city: no link, no HTML", () => {
    const h = hover('bob@contoso.com +14255550106', '+1')!;
    assert.doesNotMatch(h.markdown, /\]\(https/);
    assert.doesNotMatch(h.markdown, /(^|[^\\])<img/);
  });

  it('says when the number is not in the inventory, when the inventory is unreadable, and when signed out', () => {
    assert.match(hover('bob@contoso.com +14255550199', '+1')!.markdown, /Not one of this tenant's telephone numbers/);
    const denied = numbersReader({ status: 403, code: 'Forbidden' });
    assert.match(hover('bob@contoso.com +14255550101', '+1', denied)!.markdown, /could not be read/);
    const h = hoverAt('bob@contoso.com +14255550101', 17, catalog);
    assert.match(h!.markdown, /`\+14255550101`[\s\S]*Sign in/);
  });

  it('explains no-number and number-location; a malformed number has no hover (its problem says why)', () => {
    assert.match(
      hover('carol@contoso.com  no-number', 'no-')!.markdown,
      /Takes away every telephone number `carol@contoso\.com` holds/,
    );
    const location = hover('number-location 3a1d7b2e-0000-4000-8000-000000000001', 'number');
    assert.match(location!.markdown, /emergency location/);
    assert.equal(hover('bob@contoso.com +1 425 x', '+1'), undefined);
  });
});

describe('telephone numbers in the editor: completions', () => {
  it('offers free numbers users can take that start with the digits typed, with city and type', () => {
    const list = complete('alice@contoso.com   +1 425');
    const labels = list.items.map((i) => i.label);
    assert.deepEqual(labels, ['+14255550101', '+14255550102', '+14255550106']);
    assert.equal(list.items[0].detail, 'Redmond, United States · Calling Plan');
    assert.equal(list.items[1].detail, 'Seattle, United States · Operator Connect');
    assert.equal(list.isIncomplete, true);
    assert.deepEqual(list.replace, { start: 'alice@contoso.com   '.length, end: 'alice@contoso.com   +1 425'.length });
    assert.ok(
      list.items.every((i) => i.filterText?.startsWith('+1 425')),
      'the editor keeps every number offered',
    );
  });

  it('narrows as digits are typed, across the country code', () => {
    assert.deepEqual(
      complete('alice@contoso.com +33 1').items.map((i) => i.label),
      ['+33170000001'],
    );
  });

  it('offers no-number and every free number after a user and a space; only no-number signed out', () => {
    const all = complete('alice@contoso.com ').items.map((i) => i.label);
    assert.equal(all[0], 'no-number');
    assert.equal(all.length, 1 + 4);
    assert.deepEqual(
      completionListAt('alice@contoso.com no', 'alice@contoso.com no'.length, { catalog }).items.map((i) => i.label),
      ['no-number'],
    );
  });

  it('offers number-location among the directives, and nothing number-like on directive lines', () => {
    const keywords = completionListAt('', 0, { catalog }).items.map((i) => i.label);
    assert.ok(keywords.includes('number-location'));
    assert.ok(!complete('assign ').items.some((i) => i.label.startsWith('+')));
  });
});
