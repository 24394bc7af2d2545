// Tenant-aware validation: once signed in (here: the demo tenant), SKUs the tenant lacks
// and seat shortfalls show in the Problems panel, and completions list the tenant's SKUs first with
// their seats; signed out, only the catalog-based checks remain.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { freshDemoTenant, restoreDefaultDemoTenant, writeWorkspaceFile } from './demo';
import { codeOf, describeDiagnostics, revertAndCloseAll, waitForDiagnostics } from './helpers';

describe('tenant-aware validation against the demo tenant', function () {
  this.timeout(60_000);
  let uri: vscode.Uri;

  before(async () => {
    await freshDemoTenant();
    // MCOEV_GOV is a real SKU (the catalog knows it) that the demo tenant does not subscribe to;
    // the demo tenant has 5 MCOPSTN2 seats left and six users ask for it.
    uri = writeWorkspaceFile('tenant-aware.licenses', [
      'assign MCOEV_GOV',
      'alice@contoso.com',
      '',
      'assign MCOEV MCOPSTN2',
      ...['u1', 'u2', 'u3', 'u4', 'u5', 'u6'].map((u) => `${u}@contoso.com`),
      'asign MCOEV',
    ]);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });

  after(async () => {
    await revertAndCloseAll();
    await restoreDefaultDemoTenant();
  });

  it('flags a SKU the tenant has no subscription for (sku-not-in-tenant, on the SKU)', async () => {
    const diags = await waitForDiagnostics(
      uri,
      (d) => d.some((x) => codeOf(x) === 'sku-not-in-tenant'),
      'sku-not-in-tenant',
      20_000,
    );
    const d = diags.find((x) => codeOf(x) === 'sku-not-in-tenant')!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual(
      [d.range.start.line, d.range.start.character, d.range.end.character],
      [0, 7, 16],
      describeDiagnostics(diags),
    );
  });

  it('tells "6 users, 5 seats left" when more users get a SKU than seats are left, some may hold it (seats-may-run-short)', async () => {
    const diags = await waitForDiagnostics(
      uri,
      (d) => d.some((x) => codeOf(x) === 'seats-may-run-short'),
      'seats-may-run-short',
      20_000,
    );
    const d = diags.find((x) => codeOf(x) === 'seats-may-run-short')!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
    assert.match(d.message, /MCOPSTN2: 6 users, 5 seats left/, d.message);
  });

  it("lists the tenant's SKUs first in completions, with seats left", async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      new vscode.Position(3, 7),
    );
    const sorted = [...list.items].sort((a, b) =>
      (a.sortText ?? String(a.label)).localeCompare(b.sortText ?? String(b.label)),
    );
    const mcoev = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'MCOEV');
    assert.match(String(mcoev?.detail), /seats left/, `MCOEV detail: ${mcoev?.detail}`);
    const firstCatalogOnly = sorted.findIndex((i) => !/seats left/.test(String(i.detail)));
    const lastTenant = sorted.map((i) => /seats left/.test(String(i.detail))).lastIndexOf(true);
    assert.ok(firstCatalogOnly > lastTenant, "a catalog-only SKU is listed before one of the tenant's");
  });

  it('drops the tenant checks after Sign Out, keeping the catalog checks', async () => {
    await vscode.commands.executeCommand('licenses.signOut');
    const diags = await waitForDiagnostics(
      uri,
      (d) => !d.some((x) => ['sku-not-in-tenant', 'not-enough-seats', 'seats-may-run-short'].includes(codeOf(x) ?? '')),
      'the tenant diagnostics to go',
      20_000,
    );
    assert.deepEqual(
      diags.filter((x) => ['sku-not-in-tenant', 'not-enough-seats', 'seats-may-run-short'].includes(codeOf(x) ?? '')),
      [],
    );
    assert.ok(
      diags.some((x) => codeOf(x) === 'unknown-directive'),
      `the catalog checks went too: ${describeDiagnostics(diags)}`,
    );
  });
});
