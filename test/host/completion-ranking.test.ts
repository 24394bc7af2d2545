// SKU completion ranks by what admins type (product names too), through the command the suggest widget uses.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { writeWorkspaceFile } from './demo';
import { activateByOpening, revertAndCloseAll } from './helpers';

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
const descriptionOf = (item: vscode.CompletionItem) =>
  typeof item.label === 'string' ? undefined : item.label.description;

let opened = 0;

/**
 * The SKUs offered at the end of `assign <typed>`, in the order of their sortText (the suggest widget's order among
 * equal matches).
 */
async function offered(typed: string): Promise<{ list: vscode.CompletionList; items: vscode.CompletionItem[] }> {
  // A file in the workspace (not an untitled document, which closing would ask to save).
  const doc = await vscode.workspace.openTextDocument(
    writeWorkspaceFile(`completion-${++opened}.licenses`, [`assign ${typed}`, 'alice@contoso.com']),
  );
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    doc.uri,
    new vscode.Position(0, `assign ${typed}`.length),
  );
  const items = [...(list?.items ?? [])].sort((a, b) =>
    (a.sortText ?? labelOf(a)).localeCompare(b.sortText ?? labelOf(b)),
  );
  return { list, items };
}

async function topOf(typed: string, count: number): Promise<string[]> {
  const { items } = await offered(typed);
  return items.slice(0, count).map(labelOf);
}

describe('SKU completion ranking', function () {
  before(() => activateByOpening());
  after(revertAndCloseAll);

  it('"E3": ENTERPRISEPACK (Office 365 E3), then SPE_E3 (Microsoft 365 E3)', async () => {
    assert.deepEqual(await topOf('E3', 2), ['ENTERPRISEPACK', 'SPE_E3']);
  });

  it('"E5": ENTERPRISEPREMIUM, then SPE_E5', async () => {
    assert.deepEqual(await topOf('E5', 2), ['ENTERPRISEPREMIUM', 'SPE_E5']);
  });

  it('"phone": MCOEV (Teams Phone Standard) first', async () => {
    assert.deepEqual(await topOf('phone', 2), ['MCOEV', 'MCOTEAMS_ESSENTIALS']);
  });

  it('"calling": the Domestic Calling Plan MCOPSTN1 first', async () => {
    assert.equal((await topOf('calling', 1))[0], 'MCOPSTN1');
  });

  it('"audio": MCOMEETADV (Audio Conferencing) first', async () => {
    assert.equal((await topOf('audio', 1))[0], 'MCOMEETADV');
  });

  it('"téléphon": MCOEV first (French product names match in any UI; shown on the row in the French UI)', async () => {
    const { items } = await offered('téléphon');
    assert.deepEqual(items.slice(0, 2).map(labelOf), ['MCOEV', 'MCOTEAMS_ESSENTIALS']);
    if (vscode.env.language.toLowerCase().startsWith('fr'))
      assert.match(descriptionOf(items[0]) ?? '', /Système téléphonique/);
  });

  it('shows the product name on every row, with a constant icon, in a list asked again as the word grows', async () => {
    const { list, items } = await offered('E3');
    assert.equal(list.isIncomplete, true, 'the list must be re-asked at each keystroke');
    // The command also returns the language's snippets (kind Snippet): only the SKUs are ours to check.
    for (const item of items.filter((i) => i.kind !== vscode.CompletionItemKind.Snippet)) {
      assert.ok(descriptionOf(item), `${labelOf(item)} has no product name on its row`);
      assert.equal(item.kind, vscode.CompletionItemKind.Constant, `${labelOf(item)} kind`);
      // The suggest widget keeps an item only if its filterText matches the typed word.
      assert.ok(
        (item.filterText ?? labelOf(item)).startsWith('E3'),
        `${labelOf(item)} filterText "${item.filterText}"`,
      );
    }
    assert.match(descriptionOf(items[0]) ?? '', /365 E3|365 Entreprise E3/);
  });
});
