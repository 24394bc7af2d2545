import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateByOpening, extension } from './helpers';

/**
 * The Licenses view in its own activity bar container (room for its welcome buttons, which the
 * bottom of the Explorer cut off). The rows themselves are test/unit/tenant/view-rows.test.ts.
 */
describe('the Licenses view', function () {
  before(async () => {
    await activateByOpening();
  });

  it('opens in its own container, not the Explorer', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(
      commands.includes('workbench.view.extension.licenses'),
      'no view container "licenses" in the activity bar',
    );
    await vscode.commands.executeCommand('workbench.view.extension.licenses');
    await vscode.commands.executeCommand('licenses.tenant.focus');
    const views = (extension().packageJSON as { contributes: { views: Record<string, { id: string }[]> } }).contributes
      .views;
    assert.deepEqual(
      Object.keys(views).filter((c) => views[c].some((v) => v.id === 'licenses.tenant')),
      ['licenses'],
    );
    await vscode.commands.executeCommand('workbench.view.explorer');
  });
});
