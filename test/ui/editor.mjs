// UI tests of the editing experience: suggest widget, grammar colours. Run by scripts/run-ui-tests.mjs;
// each test gets `wb` (scripts/lib/host/workbench.mjs) on a workbench opened on a copy of
// test/fixtures/workspace, with the extension installed from its .vsix.
import assert from 'node:assert/strict';
import { until } from '../../scripts/lib/host/workbench.mjs';

export default [
  {
    name: 'typing "assign " then Ctrl+Space lists SKUs; MCOEV with its product name',
    async run({ wb }) {
      await wb.openFile('ui-typing.licenses');
      await wb.waitForProduct();
      // line 2 is empty
      await wb.page.keyboard.press('Control+Home');
      await wb.page.keyboard.press('ArrowDown');
      await wb.type('assign ');
      const rows = await wb.triggerSuggest();
      // Hundreds of SKUs, and the list renders only the rows in view: check it lists part numbers,
      // then narrow it down the way a person does.
      assert.ok(rows.length > 0 && rows.every((r) => /^[A-Za-z0-9_]/.test(r)), `suggest rows: ${rows.join(' | ')}`);
      await wb.type('MCOE');
      const narrowed = await until('MCOEV in the suggest widget', async () => {
        const r = await wb.suggestRows();
        return r.some((x) => /\bMCOEV\b/.test(x)) ? r : undefined;
      }).catch(async (err) => {
        throw new Error(`${err.message}; rows: ${(await wb.suggestRows()).join(' | ')}`);
      });
      const mcoev = narrowed.find((x) => /\bMCOEV\b/.test(x));
      assert.match(mcoev, /Teams Phone/, `the MCOEV row shows its product name: "${mcoev}"`);
      await wb.screenshot('completions');
      await wb.closeSuggest();
      await wb.revertActiveFile();
    },
  },
  {
    name: 'the grammar colours comments and keywords (mtk classes differ from plain text)',
    async run({ wb }) {
      await wb.openFile('sample.licenses');
      // Tokenization is asynchronous (the grammar loads on first use): wait for colours.
      const comment = await until('the comment line to be coloured', async () => {
        const tokens = await wb.tokensOfLine('# Sales');
        return tokens?.length && tokens.every((t) => t.cls !== 'mtk1') ? tokens : undefined;
      }).catch(async (err) => {
        throw new Error(`${err.message}; tokens: ${JSON.stringify(await wb.tokensOfLine('# Sales'))}`);
      });
      const assignLine = await wb.tokensOfLine('assign ENTERPRISEPACK');
      assert.ok(assignLine, 'line "assign ENTERPRISEPACK ..." not visible');
      const keyword = assignLine.find((t) => t.text.trim() === 'assign');
      assert.ok(keyword, `"assign" is not a token of its own: ${JSON.stringify(assignLine)}`);
      assert.notEqual(keyword.cls, 'mtk1', `"assign" is plain text: ${JSON.stringify(assignLine)}`);
      assert.notEqual(keyword.cls, comment[0].cls, '"assign" is coloured as a comment');
      await wb.screenshot('editor');
    },
  },
  {
    name: 'an error squiggle underlines the misspelled directive, and a warning is no error squiggle',
    async run({ wb }) {
      await wb.openFile('diagnostics.licenses');
      const squiggles = await until('an error squiggle under "asign" in diagnostics.licenses', async () => {
        const found = await errorSquiggles(wb);
        return found.some((s) => s.covered === 'asign') ? found : undefined;
      }).catch(async (err) => {
        throw new Error(`${err.message}; error squiggles: ${JSON.stringify(await errorSquiggles(wb))}`);
      });
      // Same screen, other rules: the unknown SKU is an error too; the duplicate user only a warning.
      assert.ok(
        squiggles.some((s) => s.covered === 'E3'),
        `no error squiggle under "E3": ${JSON.stringify(squiggles)}`,
      );
      const onDuplicate = squiggles.filter((s) => s.line.startsWith('USER02@contoso.com'));
      assert.deepEqual(onDuplicate, [], 'a duplicate user (a warning) is underlined as an error');
      await wb.screenshot('diagnostics');
    },
  },
];

/**
 * The text under each error squiggle of the active editor, as a person reads it: the characters
 * of the rendered line whose boxes lie under the squiggle's box.
 */
function errorSquiggles(wb) {
  return wb.activeEditor.evaluate((editor) => {
    const clean = (s) => (s ?? '').replace(/\u00a0/g, ' ');
    const lines = [...editor.querySelectorAll('.view-lines .view-line')];
    return [...editor.querySelectorAll('.squiggly-error')].flatMap((squiggle) => {
      const box = squiggle.getBoundingClientRect();
      const middle = box.top + box.height / 2;
      const line = lines.find((l) => {
        const r = l.getBoundingClientRect();
        return middle >= r.top && middle <= r.bottom;
      });
      if (!line) return [];
      let covered = '';
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (let i = 0; i < text.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const r = range.getBoundingClientRect();
          const centre = r.left + r.width / 2;
          if (centre >= box.left && centre <= box.right) covered += text[i];
        }
      }
      return [{ line: clean(line.textContent).trim(), covered: clean(covered) }];
    });
  });
}
