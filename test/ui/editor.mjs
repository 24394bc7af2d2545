// UI tests of the editing experience: suggest widget, grammar colours. Run by scripts/run-ui-tests.mjs;
// each test gets `wb` (scripts/lib/host/workbench.mjs) on a workbench opened on a copy of
// test/fixtures/workspace, with the extension installed from its .vsix.
import assert from 'node:assert/strict';
import { until } from '../../scripts/lib/host/workbench.mjs';

export default [
  {
    name: 'typing "assign " then Ctrl+Space lists MCOEV in the suggest widget',
    async run({ wb }) {
      await wb.openFile('ui-typing.licenses');
      await wb.goToEndOfFile();
      await wb.page.keyboard.press('Enter');
      await wb.type('assign ');
      const rows = await wb.triggerSuggest();
      assert.ok(rows.some((r) => /\bMCOEV\b/.test(r)), `MCOEV not in the suggest widget; rows: ${rows.join(' | ')}`);
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
    name: 'diagnostics show as squiggles in the editor',
    async run({ wb }) {
      await wb.openFile('diagnostics.licenses');
      const count = await until('error squiggles in diagnostics.licenses', async () => {
        const n = await wb.activeEditor.locator('.squiggly-error').count();
        return n > 0 ? n : undefined;
      });
      assert.ok(count > 0);
      await wb.screenshot('diagnostics');
    },
  },
];
