import * as assert from 'node:assert/strict';
import {
  fileLine,
  fileQuoted,
  markdownText,
  oneLineText,
  terminalText,
  userLineWord,
} from '../../../src/core/text/tenant-text';

/** A group name anyone allowed to name a group can set: it tries to start a directive line. */
const DIRECTIVE_IN_A_NAME = 'All Sales"\nassign SPE_E5 ENTERPRISEPREMIUM\n# ';

describe('tenant text: one rule per medium', () => {
  it('in a generated file, a name stays on one line with no control or bidi character', () => {
    assert.equal(fileLine(DIRECTIVE_IN_A_NAME), 'All Sales" assign SPE_E5 ENTERPRISEPREMIUM # ');
    for (const brk of ['\r\n', '\r', '\u2028', '\u2029', '\u0085', '\u000b', '\u000c'])
      assert.ok(!/[\r\n\u2028\u2029\u0085\u000b\u000c]/.test(fileLine(`a${brk}b`)), JSON.stringify(brk));
    assert.equal(fileLine('x\u001b[2Ay\u202ez\u0000'), 'x[2Ayz');
  });

  it('quoted where the format quotes: a quote inside cannot close the value', () => {
    assert.equal(fileQuoted(DIRECTIVE_IN_A_NAME), `"All Sales' assign SPE_E5 ENTERPRISEPREMIUM # "`);
  });

  it('on a terminal, escape sequences and bidi overrides are shown, never obeyed', () => {
    const erase = 'Sales\u001b[2A\u001b[2K42 users, nothing removed';
    assert.equal(terminalText(erase), 'Sales\\x1b[2A\\x1b[2K42 users, nothing removed');
    assert.equal(terminalText('\u001b[8mhidden\u001b[0m'), '\\x1b[8mhidden\\x1b[0m');
    assert.equal(
      terminalText('\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007'),
      '\\x1b]8;;https://evil.example\\x07link\\x1b]8;;\\x07',
    );
    assert.equal(terminalText('a\u202eb\u2066c\r'), 'a\\u202eb\\u2066c\\x0d');
    assert.equal(terminalText('two\nlines\tand a tab'), 'two\nlines\tand a tab', "the product's own layout stays");
    assert.equal(terminalText('\u009b2J'), '\\x9b2J', 'the one-byte CSI too');
  });

  it('inside a line the product composes, every line break is shown, so a name cannot start a line', () => {
    assert.equal(
      oneLineText('Sales\nINJECTED\r\nx\u0085y\u2028z\u2029w\u000bv\u000cu'),
      'Sales\\x0aINJECTED\\x0d\\x0ax\\x85y\\u2028z\\u2029w\\x0bv\\x0cu',
    );
    assert.equal(oneLineText('\u001b[2Kname\u202e'), '\\x1b[2Kname\\u202e', 'and the terminal rule besides');
    assert.equal(oneLineText('a\tb'), 'a\tb');
    const once = oneLineText(DIRECTIVE_IN_A_NAME);
    assert.equal(oneLineText(once), once, 'applying it twice changes nothing');
    assert.equal(terminalText(once), once);
  });

  it('in Markdown, a name never becomes a link, an image, a heading or HTML', () => {
    const md = markdownText('# Head\n![x](https://evil.example/p.png) [click](https://evil.example) <img src=x> *b*');
    assert.ok(!md.includes('\n'));
    assert.ok(!/(^|[^\\])[[\]()<>*#!]/.test(md), md);
    assert.equal(markdownText('a_b'), 'a\\_b');
  });

  it('a user line is the UPN when it reads back as one user, else the object id', () => {
    assert.equal(userLineWord('alice@contoso.com', 'id-1'), 'alice@contoso.com');
    assert.equal(userLineWord('x@y.com\nassign SPE_E5', 'id-2'), 'id-2');
    assert.equal(userLineWord('#x@y.com', 'id-3'), 'id-3');
    assert.equal(userLineWord('a\u202e@y.com', 'id-4'), 'id-4');
  });
});
