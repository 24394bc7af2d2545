// A file's `tenant` line picks the tenant Preview and Apply run against: the demo tenant is a partner with three
// customers; Fabrikam's file is planned against Fabrikam's users and SKUs, and a number of Fabrikam's given there;
// Tailspin's (the app never consented there) is refused before anything is read, naming the tenant and why. Retry
// and Undo of a Fabrikam run go to Fabrikam; and the editor checks a Fabrikam file against Fabrikam's groups and
// numbers as it opens (the demo's customers are reached without a prompt).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  apply,
  freshDemoTenant,
  preview,
  resultFor,
  restoreDefaultDemoTenant,
  retryFailed,
  writeWorkspaceFile,
} from './demo';
import { codeOf, describeDiagnostics, revertAndCloseAll, waitForDiagnostics } from './helpers';

describe("Preview and Apply against the file's tenant (demo partner's customers)", function () {
  this.timeout(60_000);

  before(() => freshDemoTenant());
  after(async () => {
    await revertAndCloseAll();
    await restoreDefaultDemoTenant();
  });

  it("previews Fabrikam's file against Fabrikam: its tenant in the headline, its users found, its SKU", async () => {
    const uri = writeWorkspaceFile('fabrikam.licenses', [
      'tenant fabrikam.onmicrosoft.com',
      '',
      'assign MCOEV',
      'ava.martin@fabrikam.onmicrosoft.com',
      'noah.keller@fabrikam.onmicrosoft.com',
    ]);
    const text = await preview(uri);
    assert.match(text, /^Tenant: fabrikam\.onmicrosoft\.com \(demo tenant\)/m, text);
    // Contoso (the signed-in demo tenant) has neither user: found means Fabrikam was read.
    assert.doesNotMatch(text, /Will not be written/, text);
    assert.match(text, /ava\.martin@fabrikam\.onmicrosoft\.com/, text);
    assert.match(text, /MCOEV|Teams Phone/, text);
  });

  it("checks a file for Fabrikam against Fabrikam's SKUs once reached: Visio, which Fabrikam lacks, is flagged", async () => {
    const uri = writeWorkspaceFile('fabrikam-visio.licenses', [
      'tenant fabrikam.onmicrosoft.com',
      '',
      'assign VISIOCLIENT',
      'ava.martin@fabrikam.onmicrosoft.com',
    ]);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diags = await waitForDiagnostics(
      uri,
      (d) => d.some((x) => codeOf(x) === 'sku-not-in-tenant'),
      'sku-not-in-tenant',
      20_000,
    );
    const d = diags.find((x) => codeOf(x) === 'sku-not-in-tenant')!;
    assert.equal(d.range.start.line, 2, describeDiagnostics(diags));
  });

  it("completes a file for Fabrikam with Fabrikam's seats, never the signed-in tenant's", async () => {
    // The detail of a SKU item says the tenant's seats ("N of M seats left") when the tenant holds the SKU.
    const detailOf = async (name: string, lines: string[], partNumber: string) => {
      const doc = await vscode.workspace.openTextDocument(writeWorkspaceFile(name, lines));
      const last = lines.length - 1;
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        doc.uri,
        new vscode.Position(last, lines[last].length),
      );
      const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === partNumber);
      assert.ok(item, `${partNumber} offered in ${name}`);
      return String(item.detail);
    };
    // First the signed-in tenant (Contoso, which holds Office 365 E3), once its SKUs are read: its seats are shown.
    let contoso = '';
    for (let i = 0; i < 30 && !/seats left/.test(contoso); i++) {
      contoso = await detailOf(`contoso-complete-${i}.licenses`, ['assign '], 'ENTERPRISEPACK');
      if (!/seats left/.test(contoso)) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    assert.match(contoso, /seats left/);
    // Fabrikam was reached by the preview above: its SPE_E3 has seats; Office 365 E3 (Contoso's) has none there.
    const fabrikam = ['tenant fabrikam.onmicrosoft.com', '', 'assign '];
    assert.match(await detailOf('fabrikam-complete.licenses', fabrikam, 'SPE_E3'), /seats left/);
    assert.doesNotMatch(await detailOf('fabrikam-complete-2.licenses', fabrikam, 'ENTERPRISEPACK'), /seats left/);
  });

  it("gives Fabrikam's user a number of Fabrikam's with the license: Fabrikam's Teams reads it back", async () => {
    // +1 206 555 0120 is a free Direct Routing number of Fabrikam's (Contoso has none of that range); Phone System
    // alone lets a user hold it.
    const run = await apply(
      writeWorkspaceFile('fabrikam-number.licenses', [
        'tenant fabrikam.onmicrosoft.com',
        '',
        'assign MCOEV',
        'liam.novak@fabrikam.onmicrosoft.com +1 206 555 0120',
      ]),
    );
    assert.equal(resultFor(run, 'liam.novak@fabrikam.onmicrosoft.com').outcome, 'changed');
    const lines = fs
      .readFileSync(run.journal, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map(
        (l) =>
          JSON.parse(l) as { kind?: string; user?: string; outcome?: string; assigned?: string; readBack?: string },
      );
    // The user's number lines: `pending` before the number is sent, then how it ended (docs/journal.md).
    const number = lines.filter((l) => l.kind === 'number');
    assert.deepEqual(
      number.map((l) => [l.user, l.outcome, l.assigned, l.readBack]),
      [
        ['liam.novak@fabrikam.onmicrosoft.com', 'pending', undefined, undefined],
        ['liam.novak@fabrikam.onmicrosoft.com', 'changed', '+12065550120', 'confirmed'],
      ],
      JSON.stringify(number),
    );
  });

  it("refuses Tailspin's file before any read, naming the tenant and why", async () => {
    const uri = writeWorkspaceFile('tailspin.licenses', [
      'tenant tailspintoys.onmicrosoft.com',
      '',
      'assign ENTERPRISEPACK',
      'ava.martin@tailspintoys.onmicrosoft.com',
    ]);
    const answer = await vscode.commands.executeCommand<unknown>('licenses.preview', uri);
    const refused = answer as { refused?: string; message?: string };
    assert.equal(refused?.refused, 'unreachable-tenant', JSON.stringify(answer));
    assert.match(refused.message ?? '', /tailspintoys\.onmicrosoft\.com/);
    assert.match(refused.message ?? '', /not consented/);
    // The editor says it too: one finding on the tenant line, and nothing checked against the signed-in tenant.
    const diags = await waitForDiagnostics(
      uri,
      (d) => d.some((x) => codeOf(x) === 'tenant-unreachable'),
      'tenant-unreachable',
      20_000,
    );
    assert.deepEqual(
      diags.map((d) => [codeOf(d), d.range.start.line]),
      [['tenant-unreachable', 0]],
      describeDiagnostics(diags),
    );
    assert.match(diags[0].message, /tailspintoys\.onmicrosoft\.com.*not consented/);
  });
});

describe("Retry and Undo of a run on a file's tenant go to that tenant, not the signed-in one", function () {
  this.timeout(90_000);

  before(() => freshDemoTenant());
  after(async () => {
    await revertAndCloseAll();
    await restoreDefaultDemoTenant();
  });

  /** The journal's first line: the header (docs/journal.md). */
  const headerOf = (journal: string) =>
    JSON.parse(fs.readFileSync(journal, 'utf8').split('\n')[0]) as { tenant: string; fileTenant?: string };

  it('retries the users of a Fabrikam run in Fabrikam: the fixed file is sent there, and its journal names it', async () => {
    // Mia has no usage location in Fabrikam: a license cannot be assigned until the file gives one.
    const uri = writeWorkspaceFile('fabrikam-retry.licenses', [
      'tenant fabrikam.onmicrosoft.com',
      '',
      'assign MCOEV',
      'ava.martin@fabrikam.onmicrosoft.com',
      'mia.laurent@fabrikam.onmicrosoft.com',
    ]);
    const run = await apply(uri);
    assert.equal(resultFor(run, 'ava.martin@fabrikam.onmicrosoft.com').outcome, 'changed');
    assert.notEqual(resultFor(run, 'mia.laurent@fabrikam.onmicrosoft.com').outcome, 'changed');
    assert.equal(headerOf(run.journal).fileTenant, 'fabrikam.onmicrosoft.com');

    // The admin gives the block a usage location (unsaved: the retry reads the file as it is now).
    const document = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(2, 0), 'usage-location US\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.match(document.getText(), /usage-location US\nassign MCOEV/);

    const retry = await retryFailed();
    assert.ok(retry, 'licenses.retryFailed returned nothing (see the Licenses output)');
    // Contoso (the signed-in demo tenant) has no Mia: changed means Fabrikam was written.
    assert.deepEqual(
      retry.results.map((r) => [r.user, r.outcome]),
      [['mia.laurent@fabrikam.onmicrosoft.com', 'changed']],
    );
    const header = headerOf(retry.journal);
    assert.equal(header.fileTenant, 'fabrikam.onmicrosoft.com');
    assert.match(header.tenant, /fabrikam\.onmicrosoft\.com/);
    await vscode.commands.executeCommand('workbench.action.files.revert', uri);
  });

  it('undoes a Fabrikam run in Fabrikam: its users are read there, and the undo file names Fabrikam', async () => {
    const run = await apply(
      writeWorkspaceFile('fabrikam-undo.licenses', [
        'tenant fabrikam.onmicrosoft.com',
        '',
        'assign MCOEV',
        'noah.keller@fabrikam.onmicrosoft.com',
      ]),
    );
    assert.equal(resultFor(run, 'noah.keller@fabrikam.onmicrosoft.com').outcome, 'changed');
    const undo = await vscode.commands.executeCommand<
      { path: string; file: { restored: string[]; unreadable: { user: string }[] } } | undefined
    >('licenses.undoLastRun');
    assert.ok(undo, 'licenses.undoLastRun returned nothing (see the Licenses output)');
    // Read in Contoso, Noah would be unreadable (no such user there).
    assert.deepEqual(undo.file.unreadable, []);
    assert.deepEqual(undo.file.restored, ['noah.keller@fabrikam.onmicrosoft.com']);
    assert.match(fs.readFileSync(undo.path, 'utf8'), /^tenant fabrikam\.onmicrosoft\.com$/m);
  });
});

describe("the editor checks a file against the tenant its tenant line names, as it opens (demo partner's customers)", function () {
  this.timeout(60_000);

  // A fresh demo tenant: no Preview or Apply has reached Fabrikam in this session.
  before(() => freshDemoTenant());
  after(async () => {
    await revertAndCloseAll();
    await restoreDefaultDemoTenant();
  });

  it("flags Contoso's group and Contoso's free number in a Fabrikam file without a Preview: Fabrikam has neither", async () => {
    // In Contoso (the signed-in demo tenant) both are fine: "Voice Rollout" is a security group, +1 425 555 0110 a
    // free Calling Plan number. Fabrikam has no groups and no telephone numbers.
    const uri = writeWorkspaceFile('fabrikam-opened.licenses', [
      'tenant fabrikam.onmicrosoft.com',
      '',
      'assign MCOEV',
      'ava.martin@fabrikam.onmicrosoft.com +1 425 555 0110',
      'group Voice Rollout',
    ]);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diags = await waitForDiagnostics(
      uri,
      (d) => ['group-not-found', 'number-not-in-tenant'].every((c) => d.some((x) => codeOf(x) === c)),
      'group-not-found and number-not-in-tenant from Fabrikam',
      30_000,
    );
    const lineOf = (code: string) => diags.find((x) => codeOf(x) === code)!.range.start.line;
    assert.equal(lineOf('number-not-in-tenant'), 3, describeDiagnostics(diags));
    assert.equal(lineOf('group-not-found'), 4, describeDiagnostics(diags));
    assert.ok(!diags.some((x) => codeOf(x) === 'tenant-not-checked'), describeDiagnostics(diags));
  });
});
