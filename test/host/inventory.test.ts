// Export Tenant Licenses… and Tenant License Report, against the demo tenant: the exported file
// previews as "nothing to change"; the report opens as a webview and a finding opens its removal
// file with its preview, never applied.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateByOpening, revertAndCloseAll, waitFor } from './helpers';
import { freshDemoTenant, generatedPath, preview, restoreDefaultDemoTenant } from './demo';

interface OpenedReport {
  report: {
    skus: { partNumber: string; paid: number }[];
    redundantDirect: { user: string }[];
    inactive: { available: boolean };
  };
  panel: vscode.WebviewPanel;
  reclaim(kind: 'redundant' | 'disabled' | 'inactive'): Promise<vscode.TextDocument | undefined>;
}

describe('export and report (demo tenant)', function () {
  this.timeout(60_000);
  before(async () => {
    await activateByOpening();
    await freshDemoTenant();
  });
  after(async () => {
    await revertAndCloseAll();
    await restoreDefaultDemoTenant();
  });

  it('Export Tenant Licenses… writes exact blocks that preview as nothing to change', async () => {
    const target = vscode.Uri.file(generatedPath('exported-tenant.licenses'));
    const saved = await vscode.commands.executeCommand<vscode.Uri>('licenses.exportTenant', {
      source: { kind: 'licensed' },
      target,
    });
    assert.equal(saved?.fsPath, target.fsPath);
    const text = fs.readFileSync(target.fsPath, 'utf8');
    assert.match(text, /^exact\nassign ENTERPRISEPACK\n/m);
    assert.match(text, /^frank@contoso\.com {2}# from group "All Sales"/m);
    const shown = await preview(target);
    assert.match(shown, / users: 0 to change, \d+ already as wanted, 0 that will not be written/);
  });

  it('Tenant License Report opens a webview with the seats, and a finding opens its removal file with its preview', async () => {
    const opened = await vscode.commands.executeCommand<OpenedReport>('licenses.tenantReport');
    assert.ok(opened?.panel, 'the report did not open');
    assert.ok(opened.report.skus.some((s) => s.partNumber === 'ENTERPRISEPACK' && s.paid > 0));
    assert.ok(opened.report.inactive.available, 'the demo tenant has Entra ID P1 (SPE_E5): sign-in dates are read');
    assert.match(opened.panel.webview.html, /<table id="seats" class="sortable">/);
    assert.match(opened.panel.webview.html, /Content-Security-Policy/);
    const doc = await opened.reclaim('redundant');
    assert.ok(doc, 'no removal file');
    try {
      assert.equal(doc.languageId, 'licenses');
      assert.equal(doc.isUntitled, true, 'the file is not saved, let alone applied');
      assert.match(doc.getText(), /^remove ENTERPRISEPACK\nadam\.eriksen@contoso\.com/m);
      const name = path.basename(doc.uri.path);
      await waitFor('the preview of the removal file', () =>
        vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .find(
            (t) =>
              t.input instanceof vscode.TabInputWebview &&
              t.input.viewType.includes('licenses.preview') &&
              t.label.includes(name),
          ),
      );
    } finally {
      opened.panel.dispose();
      // An untitled file with text would ask to be saved when the editors close (and hang the suite): revert it first.
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
