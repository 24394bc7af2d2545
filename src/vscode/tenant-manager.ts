import * as vscode from 'vscode';
import { TenantState } from '../core/tenant/tenant-state';
import { clearSecrets } from './auth/secret-cache';
import { connectionFor } from './engine-connection';
import { engineBundle } from './engine-bundle-loader';
import { startDemoSession, type DemoOptions } from './auth/demo-session';
import type { TenantSession } from './auth/tenant-session';
import { readAuthSettings, type SignInMethod } from './settings';

/**
 * Who is signed in to which tenant; the one place sessions are created and disposed. `skus` is the
 * tenant's subscriptions with seats, read again on every sign-in (and, by the extension, on demand
 * and after runs): the view, the tenant-aware rules, completions and the commands read it.
 */
export class TenantManager implements vscode.Disposable {
  private current: TenantSession | undefined;
  private readonly changed = new vscode.EventEmitter<TenantSession | undefined>();
  readonly onDidChange = this.changed.event;
  readonly skus = new TenantState<TenantSession>(
    () => this.current,
    async (session) => engineBundle().loadTenantSkus(await connectionFor(session)),
  );

  constructor(private readonly secrets: vscode.SecretStorage) {}

  get session(): TenantSession | undefined {
    return this.current;
  }

  /** A fresh demo tenant when options are given (tests), else the running one. */
  async useDemo(options?: DemoOptions): Promise<TenantSession> {
    if (this.current?.kind === 'demo' && !options) return this.current;
    const session = await startDemoSession(options);
    await this.replace(session);
    return session;
  }

  async signIn(method?: SignInMethod): Promise<TenantSession | undefined> {
    const settings = readAuthSettings();
    const chosen = method ?? (await this.pickMethod(settings.signInMethod));
    if (!chosen) return undefined;
    if (!settings.clientId) {
      const open = vscode.l10n.t('Open Settings');
      const demo = vscode.l10n.t('Use Demo Tenant');
      const choice = await vscode.window.showErrorMessage(
        vscode.l10n.t('Signing in needs your app registration\'s client id: set "licenses.clientId" (and "licenses.tenantId") in your user settings. The README explains how to register one with the least privileges.'),
        open,
        demo,
      );
      if (choice === open) await vscode.commands.executeCommand('workbench.action.openSettings', 'licenses.');
      if (choice === demo) return this.useDemo();
      return undefined;
    }
    const { signInAppOnly, signInDelegated } = engineBundle();
    const session =
      chosen === 'browser' || chosen === 'deviceCode'
        ? await signInDelegated(settings, this.secrets, chosen, this.current?.kind === 'delegated')
        : await signInAppOnly(settings, this.secrets, chosen);
    return this.replace(session);
  }

  /** Clears the MSAL token cache and any stored client secret. */
  async signOut(): Promise<void> {
    await clearSecrets(this.secrets);
    await this.replace(undefined);
  }

  /** The session to run against, asking the admin to sign in (or use the demo tenant) when there is none. */
  async require(): Promise<TenantSession | undefined> {
    if (this.current) return this.current;
    const signIn = vscode.l10n.t('Sign In');
    const demo = vscode.l10n.t('Use Demo Tenant');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Not signed in to a Microsoft 365 tenant.'), signIn, demo);
    if (choice === signIn) return this.signIn();
    if (choice === demo) return this.useDemo();
    return undefined;
  }

  private async pickMethod(preferred: SignInMethod): Promise<SignInMethod | undefined> {
    // Remote, SSH and web hosts cannot receive the browser's loopback redirect: offer the device code first.
    const remote = vscode.env.remoteName !== undefined || vscode.env.uiKind === vscode.UIKind.Web;
    const items: (vscode.QuickPickItem & { method: SignInMethod })[] = [
      { method: 'browser', label: vscode.l10n.t('$(globe) Sign in with the browser'), detail: vscode.l10n.t('Delegated, as you (License Administrator or User Administrator role)') },
      { method: 'deviceCode', label: vscode.l10n.t('$(device-mobile) Sign in with a device code'), detail: vscode.l10n.t('For remote, SSH and web windows') },
      { method: 'appSecret', label: vscode.l10n.t('$(key) App registration with a client secret'), detail: vscode.l10n.t('App-only, for automation accounts') },
      { method: 'appCertificate', label: vscode.l10n.t('$(file-certificate) App registration with a certificate'), detail: vscode.l10n.t('App-only, certificate from "licenses.appCertificatePath"') },
    ];
    const first = remote ? 'deviceCode' : preferred;
    items.sort((a, b) => Number(b.method === first) - Number(a.method === first));
    return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Sign in to Microsoft 365') }))?.method;
  }

  private async replace(next: TenantSession | undefined): Promise<TenantSession | undefined> {
    const previous = this.current;
    this.current = next;
    if (previous && previous !== next) await previous.dispose().catch(() => undefined);
    this.changed.fire(next);
    void this.skus.refresh();
    return next;
  }

  dispose(): void {
    void this.current?.dispose();
    this.changed.dispose();
  }
}
