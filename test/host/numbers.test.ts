// Telephone numbers on user lines against the embedded demo tenant: the signed-in number checks in the Problems
// panel, the hover that names a number's holder, and completions of free numbers. Expectations depend on the
// demo tenant's numbers (src/emulator/teams/demo-numbers.ts: adele.vance holds +14255550101, +14255550110…0119
// are free Calling Plan numbers of Redmond, +14255550199 is conference-only).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateByOpening, revertAndCloseAll, waitFor, waitForDiagnostics } from './helpers';
import { freshDemoTenant, restoreDefaultDemoTenant, writeWorkspaceFile } from './demo';

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

describe('telephone numbers in .licenses files, against the demo tenant', function () {
  this.timeout(90_000);

  before(async function () {
    await activateByOpening('phone-system.licenses');
    await freshDemoTenant({ clockScale: 20 });
  });
  after(async () => {
    await revertAndCloseAll();
    await restoreDefaultDemoTenant();
  });

  it('signed in, a number another user holds, a conference number and one not in the tenant are errors', async () => {
    const uri = writeWorkspaceFile('numbers-problems.licenses', [
      'assign MCOEV MCOPSTN1',
      'usage-location US',
      'nestor.wilke@contoso.com  +1 425 555 0101',
      'alex.wilber@contoso.com   +1 425 555 0199',
      'diego.siciliani@contoso.com +1 425 555 0198',
      'isaiah.langer@contoso.com +1 425 555 0110',
    ]);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diags = await waitForDiagnostics(uri, (ds) => ds.length >= 3, 'number diagnostics', 30_000);
    assert.deepEqual(diags.map((d) => [codeOf(d), d.range.start.line]).sort(), [
      ['number-assigned-elsewhere', 2],
      ['number-not-for-users', 3],
      ['number-not-in-tenant', 4],
    ]);
    const holder = await waitFor(
      'the hover naming the holder',
      async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          uri,
          new vscode.Position(2, 30),
        );
        const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
        return /adele\\?\.vance@contoso\\?\.com/.test(text) ? text : undefined;
      },
      30_000,
    );
    assert.match(holder, /Calling Plan/);
  });

  it('completes free numbers after a user as the admin types +1 425, with city and type', async () => {
    const uri = writeWorkspaceFile('numbers-complete.licenses', ['assign MCOEV MCOPSTN1', 'alice@contoso.com +1 425']);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const items = await waitFor(
      'number completions',
      async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          uri,
          new vscode.Position(1, 'alice@contoso.com +1 425'.length),
        );
        const found = list.items.filter((i) => (typeof i.label === 'string' ? i.label : i.label.label).startsWith('+'));
        return found.length > 0 ? found : undefined;
      },
      30_000,
    );
    const labels = items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('+14255550110'), labels.join(', '));
    assert.ok(!labels.includes('+14255550101'), 'a held number is not offered');
    assert.ok(!labels.includes('+14255550199'), 'a conference-only number is not offered');
    assert.match(String(items[0].detail), /Redmond.*Calling Plan/);
  });
});
