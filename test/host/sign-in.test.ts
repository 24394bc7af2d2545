// Delegated sign-in goes through VS Code's account providers: the extension asks
// `vscode.authentication.getSession` for its app, its tenant and the Graph scopes, and sends the
// token VS Code hands back to Graph. VS Code's built-in "microsoft" provider cannot be replaced (an
// id registers once) and would need the network, so this suite registers its own provider and
// hands its id to `licenses.signIn` (test-only options, src/vscode/tenant-manager.ts), with a demo
// tenant that accepts only that provider's token. VS Code's consent prompt ("The extension ...
// wants to sign in using ...") is answered by scripts/run-host-tests.mjs, as the admin would.
// The token is the driver's canary: token.test.ts and the driver then search every file for it.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import {
  activateByOpening,
  codeOf,
  describeDiagnostics,
  fixtureUri,
  revertAndCloseAll,
  sleep,
  waitFor,
  waitForDiagnostics,
} from './helpers';
import { hostTestConfig, preview, restoreDefaultDemoTenant, tenantSkus, writeWorkspaceFile } from './demo';

const PROVIDER = 'licenses-test-microsoft';
const TOKEN = hostTestConfig()?.tokenCanary ?? `TOKEN-CANARY-${randomBytes(12).toString('hex')}`;
/** The token of a session with the partner's permissions: the canary inside, so the driver's search finds it too. */
const PARTNER_TOKEN = `${TOKEN}.partner`;
const CLIENT_ID = '0f6c7a5e-1b2d-4c3e-8f9a-0b1c2d3e4f50';
const TENANT = 'contoso.onmicrosoft.com';
const ACCOUNT = { id: 'admin-object-id', label: 'admin@contoso.onmicrosoft.com' };
const EXPECTED_SCOPES = [
  `VSCODE_CLIENT_ID:${CLIENT_ID}`,
  `VSCODE_TENANT:${TENANT}`,
  'https://graph.microsoft.com/LicenseAssignment.Read.All',
  'https://graph.microsoft.com/LicenseAssignment.ReadWrite.All',
  'https://graph.microsoft.com/User.ReadWrite.All',
  'https://graph.microsoft.com/GroupMember.Read.All',
];
const sorted = (scopes: readonly string[]) => [...scopes].sort();

/** A stand-in for Microsoft's provider: one account, sessions in memory, every request recorded. */
class RecordingProvider implements vscode.AuthenticationProvider {
  readonly created: string[][] = [];
  readonly asked: string[][] = [];
  private sessions: vscode.AuthenticationSession[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;

  async getSessions(scopes?: readonly string[]): Promise<vscode.AuthenticationSession[]> {
    if (scopes) this.asked.push([...scopes]);
    return this.sessions.filter((s) => !scopes || sorted(s.scopes).join(' ') === sorted(scopes).join(' '));
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    this.created.push([...scopes]);
    // A session with the partner's permissions gets a token of its own (the demo tenant may accept TOKEN without them).
    const accessToken = scopes.some((s) => s.endsWith('/DelegatedAdminRelationship.Read.All')) ? PARTNER_TOKEN : TOKEN;
    const session = { id: `session-${this.created.length}`, accessToken, account: ACCOUNT, scopes: [...scopes] };
    this.sessions.push(session);
    this.changed.fire({ added: [session], removed: [], changed: [] });
    return session;
  }

  async removeSession(id: string): Promise<void> {
    const removed = this.sessions.filter((s) => s.id === id);
    this.sessions = this.sessions.filter((s) => s.id !== id);
    this.changed.fire({ added: [], removed, changed: [] });
  }

  /** Forgets what earlier tests asked, so that each test counts only its own requests. */
  forgetRequests(): void {
    this.created.length = 0;
    this.asked.length = 0;
  }

  /** What the Accounts menu's Sign Out does to the provider. */
  async signOutEverywhere(): Promise<void> {
    for (const s of [...this.sessions]) await this.removeSession(s.id);
  }

  get count(): number {
    return this.sessions.length;
  }
}

/** Runs `licenses.signIn`, accepting the method quick pick (its first item) as Enter does, until it returns. */
async function signInAcceptingFirstMethod(options: unknown): Promise<string | undefined> {
  let settled = false;
  const running = Promise.resolve(
    vscode.commands.executeCommand<string | undefined>('licenses.signIn', options),
  ).finally(() => (settled = true));
  await waitFor(
    "licenses.signIn to return (the method quick pick accepted, VS Code's consent prompt allowed by the driver)",
    async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await sleep(100);
      return settled;
    },
    30_000,
  );
  return running;
}

async function setUserSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('licenses').update(key, value, vscode.ConfigurationTarget.Global);
}

describe("sign-in through VS Code's account provider", function () {
  this.timeout(60_000);
  const provider = new RecordingProvider();
  let registration: vscode.Disposable | undefined;
  const options = { accountProvider: PROVIDER, demoToken: TOKEN };

  before(async () => {
    await activateByOpening('phone-system.licenses');
    registration = vscode.authentication.registerAuthenticationProvider(
      PROVIDER,
      'Microsoft (test stand-in)',
      provider,
      { supportsMultipleAccounts: false },
    );
  });
  // Each test starts signed out, with the app, the tenant and the method set, and counts only its own
  // requests: any one of them runs alone (HOST_TEST_GREP) as it runs after the others.
  beforeEach(async () => {
    await vscode.commands.executeCommand('licenses.signOut');
    await provider.signOutEverywhere();
    await vscode.commands.executeCommand('notifications.clearAll');
    await setUserSetting('clientId', CLIENT_ID);
    await setUserSetting('tenantId', TENANT);
    await setUserSetting('signInMethod', 'vscode');
    provider.forgetRequests();
  });
  after(async () => {
    registration?.dispose();
    for (const key of ['clientId', 'tenantId', 'signInMethod']) await setUserSetting(key, undefined);
    await revertAndCloseAll();
    await restoreDefaultDemoTenant();
  });

  it('without "licenses.tenantId" says so before asking how to sign in, and asks no account', async () => {
    await setUserSetting('tenantId', undefined);
    let settled = false;
    const running = Promise.resolve(vscode.commands.executeCommand('licenses.signIn', options)).finally(
      () => (settled = true),
    );
    // The message waits for an answer; closing it must end the command. Had the method quick pick
    // been shown instead, closing notifications would not.
    await waitFor('Sign In to return once its message about licenses.tenantId is closed', async () => {
      await vscode.commands.executeCommand('notifications.clearAll');
      await sleep(100);
      return settled;
    });
    assert.equal(await running, undefined);
    assert.deepEqual(provider.created, [], 'an account was requested although the tenant is missing');
  });

  it('asks the provider for exactly our app, our tenant and the Graph scopes; its token reaches Graph', async () => {
    const label = await signInAcceptingFirstMethod(options);
    assert.equal(provider.created.length, 1, `expected one sign-in, got ${JSON.stringify(provider.created)}`);
    assert.deepEqual(sorted(provider.created[0]!), sorted(EXPECTED_SCOPES));
    assert.equal(
      label,
      `${ACCOUNT.label} (${TENANT})`,
      'the status bar and the Apply confirmation show who, in which tenant',
    );
    // The demo tenant accepts only the provider's token: these read Graph with it.
    assert.ok((await tenantSkus()).length > 0, 'the tenant was not read with the token from VS Code');
    assert.match(await preview(fixtureUri('phone-system.licenses')), /MCOEV/);
    assert.ok(
      provider.asked.some((s) => sorted(s).join(' ') === sorted(EXPECTED_SCOPES).join(' ')),
      'each token is asked of VS Code again (silently), with the same scopes',
    );
  });

  it("signing out of the account in VS Code ends the extension's session too", async () => {
    await signInAcceptingFirstMethod(options);
    assert.ok((await tenantSkus()).length > 0, 'signing in gave no session');
    await provider.signOutEverywhere();
    await waitFor(
      'the tenant view to be empty once the account is signed out in VS Code',
      async () => (await tenantSkus()).length === 0,
    );
  });

  it("a file naming a customer's tenant VS Code holds no sign-in for: an information on its tenant line, no prompt", async () => {
    await signInAcceptingFirstMethod(options);
    assert.ok((await tenantSkus()).length > 0, 'signing in gave no session');
    provider.forgetRequests();
    const uri = writeWorkspaceFile('customer-not-signed-in.licenses', [
      'tenant fabrikam.onmicrosoft.com',
      '',
      'assign MCOEV',
      'ava.martin@fabrikam.onmicrosoft.com',
      'group Voice Rolout',
    ]);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diags = await waitForDiagnostics(
      uri,
      (d) => d.some((x) => codeOf(x) === 'tenant-not-checked'),
      'tenant-not-checked',
      20_000,
    );
    // One finding, on the tenant: nothing checked against the signed-in tenant (Contoso has no "Voice Rolout").
    assert.deepEqual(
      diags.map((d) => [codeOf(d), d.severity, d.range.start.line]),
      [['tenant-not-checked', vscode.DiagnosticSeverity.Information, 0]],
      describeDiagnostics(diags),
    );
    assert.match(diags[0].message, /^Not checked against fabrikam\.onmicrosoft\.com yet: Preview signs in to it/);
    // VS Code was asked, silently, for the customer's session; no account was created (that is a prompt).
    assert.ok(
      provider.asked.some((s) => s.includes('VSCODE_TENANT:fabrikam.onmicrosoft.com')),
      JSON.stringify(provider.asked),
    );
    assert.deepEqual(provider.created, [], 'opening a file signed in to its tenant');
  });

  it("refuses a customer whose GDAP relationship ended in our words, from the partner's relationships, before any sign-in to it", async () => {
    await signInAcceptingFirstMethod(options);
    assert.ok((await tenantSkus()).length > 0, 'signing in gave no session');
    provider.forgetRequests();
    // Tailspin Toys, a customer of the demo partner (src/emulator/partner/demo-customers.ts), by its tenant id: its
    // relationship expired 30 days ago.
    const tailspin = '41b4e6ac-e5e5-51c2-812e-a0bdf473eb5d';
    const uri = writeWorkspaceFile('customer-ended.licenses', [
      `tenant ${tailspin}`,
      '',
      'assign ENTERPRISEPACK',
      'ava.martin@tailspintoys.onmicrosoft.com',
    ]);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
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
    assert.match(
      diags[0].message,
      /"Tailspin Toys" \(41b4e6ac-[0-9a-f-]+\): its GDAP relationship ended on \d{4}-\d\d-\d\d/,
    );
    const answer = (await vscode.commands.executeCommand('licenses.preview', uri)) as {
      refused?: string;
      message?: string;
    };
    assert.equal(answer?.refused, 'unreachable-tenant', JSON.stringify(answer));
    assert.match(answer.message ?? '', /GDAP relationship ended/);
    // Neither the editor nor the Preview asked VS Code for a session in Tailspin's tenant.
    assert.ok(!provider.asked.some((s) => s.includes(`VSCODE_TENANT:${tailspin}`)), JSON.stringify(provider.asked));
    assert.deepEqual(provider.created, []);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('refuses a customer named by its domain from the relationships too: the domain is found, then judged by its id', async () => {
    await signInAcceptingFirstMethod(options);
    assert.ok((await tenantSkus()).length > 0, 'signing in gave no session');
    provider.forgetRequests();
    // Tailspin Toys by its domain: findTenantInformationByDomainName gives its id, whose relationship expired.
    const uri = writeWorkspaceFile('customer-ended-domain.licenses', [
      'tenant tailspintoys.onmicrosoft.com',
      '',
      'assign ENTERPRISEPACK',
      'ava.martin@tailspintoys.onmicrosoft.com',
    ]);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diags = await waitForDiagnostics(
      uri,
      (d) => d.some((x) => codeOf(x) === 'tenant-unreachable'),
      'tenant-unreachable',
      20_000,
    );
    assert.match(
      diags[0].message,
      /"Tailspin Toys" \(tailspintoys\.onmicrosoft\.com\): its GDAP relationship ended on \d{4}-\d\d-\d\d/,
    );
    const answer = (await vscode.commands.executeCommand('licenses.preview', uri)) as { refused?: string };
    assert.equal(answer?.refused, 'unreachable-tenant', JSON.stringify(answer));
    // No session was asked of VS Code in Tailspin's tenant, by domain or otherwise.
    assert.ok(
      !provider.asked.some((s) => s.includes('VSCODE_TENANT:tailspintoys.onmicrosoft.com')),
      JSON.stringify(provider.asked),
    );
    assert.deepEqual(provider.created, []);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it("asks a customer's session for the Teams number permissions: silently as a file opens, with a prompt in Preview", async () => {
    await signInAcceptingFirstMethod(options);
    assert.ok((await tenantSkus()).length > 0, 'signing in gave no session');
    provider.forgetRequests();
    const customer = (numbers: boolean) =>
      sorted([
        `VSCODE_CLIENT_ID:${CLIENT_ID}`,
        'VSCODE_TENANT:fabrikam.onmicrosoft.com',
        ...EXPECTED_SCOPES.slice(2),
        ...(numbers
          ? [
              'https://graph.microsoft.com/TeamsTelephoneNumber.ReadWrite.All',
              'https://graph.microsoft.com/TeamsUserConfiguration.Read.All',
            ]
          : []),
      ]).join(' ');
    const made = () => provider.created.map((s) => sorted(s).join(' '));
    // A Preview without numbers signs in to Fabrikam (VS Code's prompt) without the Teams permissions.
    await preview(
      writeWorkspaceFile('customer-no-numbers.licenses', [
        'tenant fabrikam.onmicrosoft.com',
        '',
        'assign MCOEV',
        'ava.martin@fabrikam.onmicrosoft.com',
      ]),
    );
    assert.deepEqual(made(), [customer(false)]);
    // A file for Fabrikam with a number, opened: its numbers are read with the Teams permissions if VS Code holds
    // them, asked silently; no prompt (none created).
    const uri = writeWorkspaceFile('customer-numbers.licenses', [
      'tenant fabrikam.onmicrosoft.com',
      '',
      'assign MCOEV',
      'ava.martin@fabrikam.onmicrosoft.com +1 206 555 0120',
    ]);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitFor(
      "the editor's silent ask for the Teams permissions in Fabrikam",
      async () => provider.asked.some((s) => sorted(s).join(' ') === customer(true)),
      20_000,
    );
    assert.deepEqual(made(), [customer(false)], 'opening a file asked for consent');
    // Its Preview asks for them, with VS Code's prompt, as the signed-in tenant's Preview does.
    await preview(uri);
    assert.deepEqual(made(), [customer(false), customer(true)]);
  });

  it('"Show customer tenants…" asks for the partner\'s permissions, then lists the customer tenants', async () => {
    // The demo tenant accepts TOKEN (the sign-in's) with the sign-in's scopes only, no DelegatedAdminRelationship:
    // the relationships cannot be read until the admin asks; the partner's session token has every permission.
    const bare = (s: string) => s.replace('https://graph.microsoft.com/', '');
    const narrow = {
      ...options,
      demoToken: PARTNER_TOKEN,
      scopedTokens: [{ token: TOKEN, scopes: EXPECTED_SCOPES.slice(2).map(bare) }],
    };
    await signInAcceptingFirstMethod(narrow);
    assert.ok((await tenantSkus()).length > 0, 'signing in gave no session');
    provider.forgetRequests();
    const names = await vscode.commands.executeCommand<string[]>('licenses.showCustomerTenants');
    assert.deepEqual([...(names ?? [])].sort(), ['Fabrikam, Inc.', 'Northwind Traders', 'Tailspin Toys']);
    // One consent asked of VS Code: the sign-in's scopes and the partner's two reads, in the signed-in tenant.
    assert.deepEqual(
      provider.created.map((c) => sorted(c)),
      [
        sorted([
          ...EXPECTED_SCOPES,
          'https://graph.microsoft.com/DelegatedAdminRelationship.Read.All',
          'https://graph.microsoft.com/CrossTenantInformation.ReadBasic.All',
        ]),
      ],
    );
  });

  it("Sign Out forgets the session and leaves the account to VS Code's Accounts menu", async () => {
    await signInAcceptingFirstMethod(options);
    assert.ok((await tenantSkus()).length > 0, 'signing in gave no session');
    await vscode.commands.executeCommand('licenses.signOut');
    assert.deepEqual(await tenantSkus(), [], 'still signed in after Sign Out');
    assert.equal(provider.count, 1, "Sign Out removed VS Code's account (the API allows no extension to)");
    await vscode.commands.executeCommand('notifications.clearAll');
  });
});
