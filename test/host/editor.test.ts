// Completions and hovers, through the same commands the editor uses.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateByOpening, hoverText, lineStartingWith, openFixture, revertAndCloseAll } from './helpers';

async function completionsAt(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    doc.uri,
    position,
  );
  return list?.items ?? [];
}

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

/** The end of the line starting with `prefix`, which must end with a space (trailing spaces matter here). */
function afterKeyword(doc: vscode.TextDocument, prefix: string): vscode.Position {
  const line = lineStartingWith(doc, prefix.trim());
  assert.equal(
    doc.lineAt(line).text,
    prefix,
    `completions.licenses line ${line + 1} must be exactly "${prefix}" (trailing space)`,
  );
  return new vscode.Position(line, prefix.length);
}

describe('completions', function () {
  let doc: vscode.TextDocument;
  before(async () => {
    await activateByOpening();
    doc = (await openFixture('completions.licenses')).doc;
  });
  after(revertAndCloseAll);

  it('after "assign ": SKUs, MCOEV with its product name (Teams Phone) as detail', async () => {
    const items = await completionsAt(doc, afterKeyword(doc, 'assign '));
    const mcoev = items.find((i) => labelOf(i) === 'MCOEV');
    assert.ok(
      mcoev,
      `MCOEV not offered; got ${items.slice(0, 20).map(labelOf).join(', ')}${items.length > 20 ? ', ...' : ''}`,
    );
    const detail = mcoev.detail ?? (typeof mcoev.label === 'string' ? '' : (mcoev.label.description ?? ''));
    assert.match(detail, /Teams Phone/, `detail of MCOEV: "${detail}"`);
    assert.ok(
      items.some((i) => labelOf(i) === 'ENTERPRISEPACK'),
      'ENTERPRISEPACK not offered',
    );
  });

  it('after "usage-location ": country codes, FR among them', async () => {
    const items = await completionsAt(doc, afterKeyword(doc, 'usage-location '));
    assert.ok(
      items.some((i) => labelOf(i) === 'FR'),
      `FR not offered; got ${items.slice(0, 20).map(labelOf).join(', ')}`,
    );
  });
});

describe('hover', function () {
  before(() => activateByOpening());
  after(revertAndCloseAll);

  it('on MCOEV shows "Microsoft Teams Phone Standard"', async () => {
    const { doc } = await openFixture('phone-system.licenses');
    const line = lineStartingWith(doc, 'assign MCOEV');
    const col = doc.lineAt(line).text.indexOf('MCOEV') + 2;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(line, col),
    );
    const text = hoverText(hovers ?? []);
    assert.match(text, /Microsoft Teams Phone Standard/, `hover text: ${JSON.stringify(text)}`);
  });
});
