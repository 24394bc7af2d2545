// Restricted mode (an untrusted workspace): the extension still activates, validates and previews,
// but nothing is written to a tenant ("Commands that write to a tenant are unavailable in
// untrusted workspaces"). scripts/run-host-tests.mjs runs this suite alone, in a second code-server
// session with workspace trust on and the folder not trusted; elsewhere (trusted) it skips itself.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateByOpening, codeOf, fixtureUri, revertAndCloseAll, waitForDiagnostics } from './helpers';

describe('untrusted workspace', function () {
  this.timeout(60_000);
  before(function () {
    if (vscode.workspace.isTrusted) this.skip();
  });
  after(revertAndCloseAll);

  it('the extension is enabled in restricted mode (capabilities.untrustedWorkspaces)', () => {
    assert.ok(
      vscode.extensions.getExtension(EXTENSION_ID),
      `${EXTENSION_ID} is disabled in an untrusted workspace: its package.json needs ` +
        'capabilities.untrustedWorkspaces.supported = "limited" (or true)',
    );
  });

  it('the extension activates and still validates', async () => {
    const doc = await activateByOpening('quickfix-legacy.licenses');
    await waitForDiagnostics(
      doc.uri,
      (ds) => ds.some((d) => codeOf(d) === 'legacy-sku-prefix'),
      'legacy-sku-prefix in restricted mode',
    );
  });

  it('Apply License File changes no user', async () => {
    await activateByOpening('phone-system.licenses');
    // Either command may refuse (reject) in restricted mode: that is a pass, as long as nothing is written.
    try {
      await vscode.commands.executeCommand('licenses.useDemoTenant');
    } catch {
      // refused
    }
    const result = await vscode.commands.executeCommand<{ refused?: string; results?: unknown[] }>(
      'licenses.apply',
      fixtureUri('phone-system.licenses'),
      { skipConfirmation: true },
    );
    assert.deepEqual(
      result,
      { refused: 'untrusted-workspace' },
      `apply answered ${JSON.stringify(result)?.slice(0, 300)}`,
    );
  });

  it('Retry Failed Users is refused for the untrusted workspace itself, not for want of a journal', async () => {
    const result = await vscode.commands.executeCommand<{ refused?: string }>('licenses.retryFailed', {
      skipConfirmation: true,
    });
    assert.deepEqual(result, { refused: 'untrusted-workspace' });
  });

  it('Preview Changes still works: it reads the tenant and writes nothing', async () => {
    assert.ok(
      await vscode.commands.executeCommand('licenses.useDemoTenant', { latencyMs: 1 }),
      'Use Demo Tenant refused in restricted mode',
    );
    const text = await vscode.commands.executeCommand<string>('licenses.preview', fixtureUri('phone-system.licenses'));
    assert.equal(typeof text, 'string', `licenses.preview returned ${JSON.stringify(text)}`);
    assert.match(text!, /alice@contoso\.com \+MCOEV \(Microsoft Teams Phone Standard\) \+MCOPSTN1/, text);
    // Still nothing written: apply is refused, so alice is still to change.
    await vscode.commands
      .executeCommand('licenses.apply', fixtureUri('phone-system.licenses'), { skipConfirmation: true })
      .then(undefined, () => undefined);
    const again = await vscode.commands.executeCommand<string>('licenses.preview', fixtureUri('phone-system.licenses'));
    assert.match(again!, /alice@contoso\.com \+MCOEV \(Microsoft Teams Phone Standard\) \+MCOPSTN1/, again);
  });

  // (That no menu offers a write when untrusted is a package.json fact: test/unit/manifest.test.ts.)
});
