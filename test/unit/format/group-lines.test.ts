import * as assert from 'node:assert/strict';
import { parseLicensesFile } from '../../../src/core/format';
import { IncrementalParser } from '../../../src/core/format/incremental';
import { check, codes, only } from '../helpers';

const U = 'alice@contoso.com';

describe('group target lines', () => {
  it('reads a group by display name, by object id and by quoted name, next to users in one block', () => {
    const parsed = parseLicensesFile(
      [
        'assign ENTERPRISEPACK',
        'group All Sales   # the sales team',
        'GROUP 1f0de2b4-6c1e-4c2b-9a55-0c3c1b2d3e4f',
        'group "Sales #2"',
        U,
      ].join('\n'),
    );
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.blocks.length, 1);
    const [block] = parsed.blocks;
    assert.deepEqual(
      block.groups.map((g) => g.token.text),
      ['All Sales', '1f0de2b4-6c1e-4c2b-9a55-0c3c1b2d3e4f', 'Sales #2'],
    );
    assert.deepEqual(
      block.users.map((u) => u.token.text),
      [U],
    );
    // The range of a quoted name covers its quotes, so a diagnostic underlines what was written.
    assert.deepEqual([block.groups[2].token.start, block.groups[2].token.end], [6, 16]);
    assert.equal(block.groups[0].key, 'all sales');
  });

  it('keeps leading and trailing spaces of a quoted name', () => {
    const [block] = parseLicensesFile('assign MCOEV\ngroup "  Pilot "').blocks;
    assert.equal(block.groups[0].token.text, '  Pilot ');
  });

  it('starts a new block when a directive follows a group line, as it does after a user', () => {
    const parsed = parseLicensesFile('assign MCOEV\ngroup Voice\nassign ENTERPRISEPACK\ngroup Sales');
    assert.equal(parsed.blocks.length, 2);
    assert.deepEqual(
      parsed.blocks.map((b) => b.groups.map((g) => g.token.text)),
      [['Voice'], ['Sales']],
    );
  });

  it('reports a group line without a name, an unclosed quote and text after a quoted name, each where it is', () => {
    assert.deepEqual(codes(check('assign MCOEV', 'group', U)), ['invalid-group']);
    assert.deepEqual(codes(check('assign MCOEV', 'group   # nothing', U)), ['invalid-group']);
    const [unclosed] = check('assign MCOEV', 'group "Sales #2', U);
    assert.equal(unclosed.code, 'invalid-group');
    assert.match(unclosed.message, /never closed/);
    const [after] = check('assign MCOEV', 'group "Sales" Team', U);
    assert.equal(after.code, 'invalid-group');
    assert.deepEqual([after.range.start.character, after.range.end.character], [14, 18]);
    assert.deepEqual(check('assign MCOEV', 'group "Sales" # comment'), []);
  });

  it('is not fooled by a user whose name starts with "group"', () => {
    const [block] = parseLicensesFile('assign MCOEV\ngroup@contoso.com').blocks;
    assert.equal(block.users.length, 1);
    assert.equal(block.groups.length, 0);
  });

  it('gives the incremental parser the same blocks when group lines move', () => {
    const text = 'assign MCOEV\ngroup Voice\nalice@contoso.com';
    const incremental = new IncrementalParser(text);
    void incremental.parsed;
    incremental.apply({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 }, text: '# header\n' });
    assert.deepEqual(incremental.parsed, parseLicensesFile(`# header\n${text}`));
  });
});

describe('group rules', () => {
  it('flags a group twice in one block, case-insensitively, on the second line, with a delete fix', () => {
    const f = only(check('assign MCOEV', 'group All Sales', 'group all sales'), 'duplicate-group');
    assert.equal(f.length, 1);
    assert.equal(f[0].range.start.line, 2);
    assert.equal(f[0].data?.deleteLine, true);
    assert.deepEqual(check('assign MCOEV', 'group Sales', 'assign ENTERPRISEPACK', 'group Sales'), []);
  });

  it('warns on usage-location in a block that holds only groups, not in one that also holds users', () => {
    const [f] = check('assign ENTERPRISEPACK', 'usage-location FR', 'group Sales');
    assert.equal(f.code, 'usage-location-for-groups');
    assert.equal(f.range.start.line, 1);
    assert.deepEqual(check('assign ENTERPRISEPACK', 'usage-location FR', 'group Sales', U), []);
  });

  it('judges a block of groups by the voice rules, as a block of users', () => {
    assert.deepEqual(codes(check('assign MCOPSTN1', 'group Voice')), ['calling-plan-needs-phone-system']);
    assert.deepEqual(codes(check('pstn on-premises', 'assign MCOEV MCOPSTN1', 'group Voice')), [
      'calling-plan-with-onprem-pstn',
    ]);
    assert.deepEqual(codes(check('assign MCOPSTN1 MCOPSTN2 MCOEV', 'group Voice')).sort(), ['calling-plans-exclusive']);
    assert.deepEqual(codes(check('assign ENTERPRISEPREMIUM MCOEV', 'group Voice')), ['redundant-sku']);
  });

  it('does not call a block of groups empty', () => assert.deepEqual(codes(check('assign MCOEV', 'group Voice')), []));
});

describe('syntax colouring of group lines', () => {
  it('colours the group keyword, a quoted name holding " #", an unquoted name with spaces, an id, and a trailing comment', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const oniguruma = await import('vscode-oniguruma');
    const textmate = await import('vscode-textmate');
    const root = join(__dirname, '..', '..', '..', '..');
    await oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer);
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async () =>
        textmate.parseRawGrammar(
          readFileSync(join(root, 'syntaxes', 'licenses.tmLanguage.json'), 'utf8'),
          'licenses.tmLanguage.json',
        ),
    });
    const grammar = (await registry.loadGrammar('source.licenses'))!;
    const tokens = (line: string) =>
      grammar
        .tokenizeLine(line, textmate.INITIAL)
        .tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1]]);
    const scope = (line: string, text: string) => tokens(line).find(([x]) => x === text)?.[1];
    assert.equal(scope('group "Sales #2"', 'group'), 'keyword.other.target.group.licenses');
    assert.equal(scope('group "Sales #2"', '"Sales #2"'), 'string.quoted.double.group.licenses');
    assert.equal(scope('Group All Sales   # team', 'All Sales'), 'string.unquoted.group.licenses');
    assert.equal(tokens('Group All Sales   # team').pop()![1], 'comment.line.number-sign.licenses');
    assert.equal(
      scope('group 1f0de2b4-6c1e-4c2b-9a55-0c3c1b2d3e4f', '1f0de2b4-6c1e-4c2b-9a55-0c3c1b2d3e4f'),
      'constant.numeric.guid.group.licenses',
    );
  });
});
