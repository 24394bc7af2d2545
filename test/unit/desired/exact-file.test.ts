import * as assert from 'node:assert/strict';
import { parseLicensesFile } from '../../../src/core/format';
import { desiredUsers } from '../../../src/core/desired/desired-users';
import { mergeDesiredUsers } from '../../../src/core/desired/merge-desired';
import { fixesFor } from '../../../src/core/rules/fixes';
import { catalog, check, codes, only } from '../helpers';

const U = 'alice@contoso.com';
const V = 'bob@contoso.com';

describe('exact: the directive, its rules and quick fixes', () => {
  it('is a directive of its block, in any case, and reaches the planner only for the users of that block', () => {
    const parsed = parseLicensesFile(['EXACT', 'assign SPE_E3', U, 'assign MCOEV', V].join('\n'));
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.blocks[0].directives[0].kind, 'exact');
    const desired = desiredUsers(parsed, catalog);
    assert.equal(desired.find((d) => d.user === U)?.exact, true);
    assert.equal(desired.find((d) => d.user === V)?.exact, undefined, 'the next block does not inherit exact');
  });

  it('a word after exact is a located malformed-directive, and the block still says exact', () => {
    const parsed = parseLicensesFile(['exact SPE_E3', 'assign SPE_E3', U].join('\n'));
    assert.deepEqual(
      parsed.problems.map((p) => [p.code, p.start, p.end]),
      [['malformed-directive', 6, 12]],
    );
    assert.equal(desiredUsers(parsed, catalog)[0].exact, true);
  });

  it('exact in one of a user’s blocks makes the SKUs of all their blocks the set; merged files keep it', () => {
    const parsed = parseLicensesFile(['assign SPE_E3', U, 'exact', 'assign MCOEV', U].join('\n'));
    const [alice] = desiredUsers(parsed, catalog);
    assert.equal(alice.exact, true);
    assert.deepEqual(
      alice.assign.map((a) => a.sku),
      ['SPE_E3', 'MCOEV'],
    );
    const other = desiredUsers(parseLicensesFile(['assign MCOMEETADV', U].join('\n')), catalog);
    assert.equal(mergeDesiredUsers([[alice], other])[0].exact, true);
    assert.equal(mergeDesiredUsers([other, other])[0].exact, undefined);
  });

  it('a plain file says nothing about exact: its users carry no flag (journals stay as they were)', () => {
    assert.equal('exact' in desiredUsers(parseLicensesFile(['assign MCOEV', U].join('\n')), catalog)[0], false);
  });

  describe('remove-beside-exact', () => {
    it('warns on the remove line of an exact block, and its fix deletes that line', () => {
      const lines = ['exact', 'assign SPE_E3', 'remove MCOEV, MCOPSTN1', U];
      const [f] = only(check(...lines), 'remove-beside-exact');
      assert.equal(f.severity, 'warning');
      assert.deepEqual([f.range.start.line, f.range.start.character, f.range.end.character], [2, 0, lines[2].length]);
      const [fix] = fixesFor(f, (l) => lines[l], catalog);
      assert.match(fix.title, /redundant remove/);
      assert.deepEqual(fix.edits, [
        { range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, newText: '' },
      ]);
    });
    it('stays quiet without exact, and in another block than the exact one', () => {
      assert.deepEqual(codes(check('assign SPE_E3', 'remove MCOEV', U)), []);
      assert.deepEqual(codes(check('exact', 'assign SPE_E3', U, 'remove MCOEV', V)), []);
    });
  });

  describe('exact-without-assign', () => {
    it('warns that every direct license goes, on the exact line, with a fix deleting exact', () => {
      const lines = ['exact', U, V];
      const [f] = check(...lines);
      assert.equal(f.code, 'exact-without-assign');
      assert.equal(f.severity, 'warning');
      assert.match(f.message, /removes every license assigned directly to the 2 user/);
      assert.match(f.message, /groups stay/);
      const [fix] = fixesFor(f, (l) => lines[l], catalog);
      assert.match(fix.title, /Delete exact/);
      assert.deepEqual(fix.edits[0].range, { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } });
    });
    it('counts only the users no other block assigns a SKU', () => {
      const [f] = only(check('assign MCOEV', U, 'exact', U, V), 'exact-without-assign');
      assert.match(f.message, /to 1 of the 2 users/);
    });
    it('stays quiet when the block, or every user’s other block, assigns something', () => {
      assert.deepEqual(codes(check('exact', 'assign MCOEV', U)), []);
      assert.deepEqual(codes(check('assign MCOEV', U, 'exact', U)), []);
    });
  });
});
