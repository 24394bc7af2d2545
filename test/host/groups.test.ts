// Group target lines against the embedded demo tenant: diagnostics, completions, preview, apply and
// reprocess, through the command API. Expectations depend on the demo tenant's seed data
// (src/emulator/demo-tenant.ts: "Voice Rollout" is an unlicensed security group, "Marketing Team" a
// Microsoft 365 group without security, "All Sales" gives E3 and anna.bergman is in error with it).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateByOpening, revertAndCloseAll, waitFor, waitForDiagnostics } from './helpers';
import { freshDemoTenant, preview, restoreDefaultDemoTenant, writeWorkspaceFile } from './demo';

interface GroupApplyResult {
  results: unknown[];
  journal: string;
  groups?: {
    results: { group: string; outcome: string; processingState?: string }[];
    memberErrors: { user: string; error: string }[];
  };
}

describe('groups in .licenses files, against the demo tenant', function () {
  this.timeout(90_000);

  before(async function () {
    await activateByOpening('phone-system.licenses');
    await freshDemoTenant({ clockScale: 20 });
  });
  after(async () => {
    await revertAndCloseAll();
    await restoreDefaultDemoTenant();
  });

  it('signed in, a group that cannot be licensed and a name that matches no group are errors in the Problems panel', async () => {
    const uri = writeWorkspaceFile('groups-problems.licenses', [
      'assign MCOEV',
      'group Marketing Team',
      'group Voice Rolout',
    ]);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diags = await waitForDiagnostics(uri, (ds) => ds.length >= 2, 'group diagnostics', 30_000);
    const codes = diags.map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code))).sort();
    assert.deepEqual(codes, ['group-not-found', 'group-not-security']);
    assert.match(
      diags.find((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'group-not-found')!.message,
      /Voice Rollout/,
    );
  });

  it('completes the tenant\'s security groups after "group "', async () => {
    const uri = writeWorkspaceFile('groups-complete.licenses', ['assign MCOEV', 'group ']);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const labels = await waitFor(
      'group completions',
      async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          uri,
          new vscode.Position(1, 6),
        );
        const names = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
        return names.includes('Voice Rollout') ? names : undefined;
      },
      30_000,
    );
    assert.ok(!labels.includes('Marketing Team'), 'a group without security is not offered');
  });

  it('previews a group apart from users, then applies it: 202, processing followed to ProcessingComplete', async () => {
    const uri = writeWorkspaceFile('groups-apply.licenses', ['assign MCOEV', 'group Voice Rollout']);
    const text = await preview(uri);
    assert.match(text, /## Groups \(1\)/);
    assert.match(text, /\*\*Voice Rollout\*\*/);
    assert.match(text, /\+MCOEV: \d+ members? takes? a new seat/);
    const r = await vscode.commands.executeCommand<GroupApplyResult>('licenses.apply', uri, { skipConfirmation: true });
    assert.ok(r?.groups, `licenses.apply returned ${JSON.stringify(r)?.slice(0, 300)}`);
    assert.deepEqual(
      r.groups.results.map((g) => [g.outcome, g.processingState]),
      [['changed', 'ProcessingComplete']],
    );
  });

  it('lists the members in error of a group, and Reprocess Members in Error says who is still in error', async () => {
    const uri = writeWorkspaceFile('groups-errors.licenses', [
      'assign ENTERPRISEPACK',
      'disable ENTERPRISEPACK: SWAY',
      'group All Sales',
    ]);
    const r = await vscode.commands.executeCommand<GroupApplyResult>('licenses.apply', uri, { skipConfirmation: true });
    assert.ok(r?.groups, `licenses.apply returned ${JSON.stringify(r)?.slice(0, 300)}`);
    const anna = r.groups.memberErrors.find((e) => e.user === 'anna.bergman@contoso.com');
    assert.equal(anna?.error, 'MutuallyExclusiveViolation', JSON.stringify(r.groups.memberErrors));
    const again = await vscode.commands.executeCommand<{ user: string; outcome: string }[]>(
      'licenses.reprocessMembers',
      { skipConfirmation: true },
    );
    assert.ok(Array.isArray(again), `licenses.reprocessMembers returned ${JSON.stringify(again)}`);
    assert.equal(again.find((x) => x.user === 'anna.bergman@contoso.com')?.outcome, 'still-in-error');
  });
});
