// Diagnostic codes link to docs/rules.md; code actions by kind: quick fixes, and source.fixAll.licenses for the safe
// ones.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { writeWorkspaceFile } from './demo';
import { activateByOpening, codeOf, revertAndCloseAll, waitForDiagnostics } from './helpers';

const FIX_ALL = 'source.fixAll.licenses';

async function actionsOf(doc: vscode.TextDocument, kind: string): Promise<vscode.CodeAction[]> {
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  const all = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    doc.uri,
    whole,
    kind,
    50,
  );
  return (all ?? []).filter(
    (a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'),
  );
}

let opened = 0;
/** A file in the workspace (not an untitled document, which closing would ask to save); it ends in one newline. */
async function openLicenses(lines: string[]): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(
    writeWorkspaceFile(`code-actions-${++opened}.licenses`, lines.at(-1) === '' ? lines.slice(0, -1) : lines),
  );
  await waitForDiagnostics(doc.uri, (ds) => ds.length > 0, 'diagnostics of the new document');
  return doc;
}

describe('diagnostic codes and code actions', function () {
  before(() => activateByOpening());
  after(revertAndCloseAll);

  it('each diagnostic code links to its anchor in docs/rules.md', async () => {
    const doc = await openLicenses(['assign contoso:MCOEV', 'u@contoso.com', '']);
    const diags = await waitForDiagnostics(
      doc.uri,
      (ds) => ds.some((d) => codeOf(d) === 'legacy-sku-prefix'),
      'legacy-sku-prefix',
    );
    for (const d of diags) {
      assert.equal(typeof d.code, 'object', `code of "${d.message}" is not a link`);
      const { value, target } = d.code as { value: string; target: vscode.Uri };
      assert.equal(target.scheme, 'https');
      assert.match(target.toString(true), new RegExp(`/docs/rules\\.md#${value}$`));
    }
  });

  it('source.fixAll.licenses applies every safe fix at once and leaves the guesses', async () => {
    const doc = await openLicenses([
      'usage-location UK',
      'assign contoso:MCOEV E3',
      'alice@contoso.com',
      'ALICE@contoso.com',
      '',
    ]);
    const actions = await actionsOf(doc, FIX_ALL);
    assert.deepEqual(
      actions.map((a) => a.kind?.value),
      [FIX_ALL],
      actions.map((a) => a.title).join(' | '),
    );
    assert.ok(actions[0].edit && (await vscode.workspace.applyEdit(actions[0].edit)), 'applyEdit failed');
    assert.equal(doc.getText(), ['usage-location GB', 'assign MCOEV E3', 'alice@contoso.com', ''].join('\n'));
    const left = await waitForDiagnostics(
      doc.uri,
      (ds) => !ds.some((d) => codeOf(d) === 'legacy-sku-prefix'),
      'legacy-sku-prefix to go',
    );
    // Signed in to a tenant (another suite may have left one), tenant checks may add their own codes.
    const fileCodes = left.map(codeOf).filter((c) => c !== 'sku-not-in-tenant' && c !== 'not-enough-seats');
    assert.deepEqual(fileCodes, ['unknown-sku'], 'only the guess (E3) is left to the admin');
  });

  it('asked for quick fixes only, offers no Fix All; asked for Fix All, no quick fix', async () => {
    const doc = await openLicenses(['assign contoso:MCOEV', 'u@contoso.com', '']);
    await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => codeOf(d) === 'legacy-sku-prefix'), 'legacy-sku-prefix');
    const quickFixes = await actionsOf(doc, vscode.CodeActionKind.QuickFix.value);
    assert.ok(
      quickFixes.length > 0 && quickFixes.every((a) => a.kind?.value.startsWith('quickfix')),
      quickFixes.map((a) => `${a.kind?.value} ${a.title}`).join(' | '),
    );
    const fixAll = await actionsOf(doc, FIX_ALL);
    assert.ok(
      fixAll.length === 1 && fixAll.every((a) => a.kind?.value === FIX_ALL),
      fixAll.map((a) => `${a.kind?.value} ${a.title}`).join(' | '),
    );
  });
});
