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
