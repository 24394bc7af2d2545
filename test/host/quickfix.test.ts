// Quick fixes: offered for the diagnostic, applied with workspace.applyEdit, and the diagnostic goes away.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateByOpening,
  codeOf,
  describeDiagnostics,
  lineStartingWith,
  openFixture,
  revertAndCloseAll,
  waitForDiagnostics,
} from './helpers';

async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  // itemResolveCount: resolve edits of lazily-resolved actions too
  const all = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    vscode.CodeActionKind.QuickFix.value,
    50,
  );
  return (all ?? []).filter(
    (a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'),
  );
}

async function apply(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `applyEdit failed for "${action.title}"`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  assert.ok(action.edit || action.command, `"${action.title}" has neither an edit nor a command`);
}

async function fixFor(file: string, code: string) {
  const { doc } = await openFixture(file);
  const diags = await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => codeOf(d) === code), `${code} in ${file}`);
  const diag = diags.find((d) => codeOf(d) === code)!;
  const actions = await quickFixes(doc.uri, diag.range);
  return { doc, diag, actions };
}

describe('quick fixes', function () {
  before(() => activateByOpening());
  afterEach(revertAndCloseAll);

  it('legacy-sku-prefix: contoso:MCOEV becomes MCOEV', async () => {
    const { doc, actions } = await fixFor('quickfix-legacy.licenses', 'legacy-sku-prefix');
    const fix = actions.find((a) => /MCOEV/.test(a.title));
    assert.ok(fix, `no quick fix mentioning MCOEV; offered: ${actions.map((a) => a.title).join(' | ') || '(none)'}`);
    await apply(fix);
    const line = lineStartingWith(doc, 'assign');
    assert.equal(doc.lineAt(line).text.trim(), 'assign MCOEV');
    await waitForDiagnostics(
      doc.uri,
      (ds) => !ds.some((d) => codeOf(d) === 'legacy-sku-prefix'),
      'legacy-sku-prefix to go away',
    );
    assert.deepEqual(
      vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'licenses'),
      [],
      `left after the fix: ${describeDiagnostics(vscode.languages.getDiagnostics(doc.uri))}`,
    );
  });

  it('unknown-sku: "E3" offers ENTERPRISEPACK (Office 365 E3), which fixes it', async () => {
    const { doc, actions } = await fixFor('quickfix-unknown-sku.licenses', 'unknown-sku');
    const fix = actions.find((a) => /\bENTERPRISEPACK\b/.test(a.title));
    assert.ok(fix, `no quick fix to ENTERPRISEPACK; offered: ${actions.map((a) => a.title).join(' | ') || '(none)'}`);
    assert.equal(fix.kind?.value.startsWith('quickfix'), true, 'kind is quickfix');
    await apply(fix);
    assert.equal(doc.lineAt(lineStartingWith(doc, 'assign')).text.trim(), 'assign ENTERPRISEPACK');
    await waitForDiagnostics(doc.uri, (ds) => !ds.some((d) => codeOf(d) === 'unknown-sku'), 'unknown-sku to go away');
  });
});
