import { readFile } from 'node:fs/promises';
import { PublicClientApplication, type AccountInfo } from '@azure/msal-node';
import * as vscode from 'vscode';
import { appOnlyScopes, authority, delegatedScopes, graphBaseUrl } from '../../core/auth/clouds';
import { explainSignInError, tenantNeededForSignIn } from '../../core/auth/sign-in-errors';
import { tenantRequiredMessage } from './tenant-required';
import { appOnlyTokenProvider } from '../../core/auth/app-only-auth';
import type { AuthSettings } from '../settings';
import { CLIENT_SECRET_KEY, secretStorageCache } from './secret-cache';
import { SignInCancelled } from './sign-in-cancelled';
import type { TenantSession } from './tenant-session';
import { uiTranslate } from '../translator';

/** A refusal from Microsoft sign-in, with what to do about it in plain words when the AADSTS code is one we know. */
function explained(e: unknown): unknown {
  const message = (e as Error)?.message ?? String(e);
  const advice = explainSignInError(message, uiTranslate());
  if (!advice) return e;
  const code = /AADSTS\d+/.exec(message)?.[0] ?? '';
  return new Error(vscode.l10n.t('Microsoft sign-in failed ({0}): {1}', code, advice), { cause: e });
}

/**
 * Delegated sign-in as the admin with @azure/msal-node's device code, for editors without VS Code's
 * Microsoft account (the `vscode` method, vscode-account-session.ts, is the default). The MSAL
 * token cache lives in SecretStorage only. msal-node stays below v8 (package.json `^7.2.3`): its
 * maintainers remove public client flows in the next major, with no replacement in that package.
 */
export async function signInDelegated(
  settings: AuthSettings,
  secrets: vscode.SecretStorage,
  /** Switching accounts: skip the cached one and let the admin pick. */
  selectAccount = false,
): Promise<TenantSession> {
  if (tenantNeededForSignIn(settings.tenantId)) throw new Error(tenantRequiredMessage());
  try {
    return await signInDelegatedTo(settings, secrets, selectAccount);
  } catch (e) {
    throw explained(e);
  }
}

async function signInDelegatedTo(
  settings: AuthSettings,
  secrets: vscode.SecretStorage,
  selectAccount: boolean,
): Promise<TenantSession> {
  const pca = new PublicClientApplication({
    auth: { clientId: settings.clientId, authority: authority(settings.cloud, settings.tenantId) },
    cache: { cachePlugin: secretStorageCache(secrets) },
  });
  let scopes = delegatedScopes(settings.cloud);
  // Reuse a cached account only for the tenant the settings name now.
  const cached = selectAccount
    ? undefined
    : (await pca.getTokenCache().getAllAccounts()).find((a) => accountMatchesTenant(a, settings.tenantId));
  let result = cached ? await pca.acquireTokenSilent({ account: cached, scopes }).catch(() => null) : null;
  if (!result) {
    result = await pca.acquireTokenByDeviceCode({
      scopes,
      deviceCodeCallback: (r) => {
        void vscode.window
          .showInformationMessage(
            vscode.l10n.t('To sign in, open {0} and enter the code {1}.', r.verificationUri, r.userCode),
            vscode.l10n.t('Copy and open'),
          )
          .then(async (choice) => {
            if (!choice) return;
            await vscode.env.clipboard.writeText(r.userCode);
            await vscode.env.openExternal(vscode.Uri.parse(r.verificationUri));
          });
      },
    });
  }
  if (!result?.account) throw new Error(vscode.l10n.t('Microsoft sign-in returned no account.'));
  const account = result.account;
  return {
    kind: 'delegated',
    // Who, in which tenant: the status bar and the Apply confirmation show it.
    label: `${account.username} (${settings.tenantId || account.tenantId})`,
    tenantId: account.tenantId,
    graphBaseUrl: graphBaseUrl(settings.cloud),
    async getToken() {
      const r = await pca.acquireTokenSilent({ account, scopes });
      return r.accessToken;
    },
    async askForNumbers(options = {}) {
      const wider = delegatedScopes(settings.cloud, { numbers: true });
      if (scopes.length === wider.length) return;
      // Incremental consent: silent when already granted (setup consents for the tenant), else the device code.
      const silent = await pca.acquireTokenSilent({ account, scopes: wider }).catch(() => null);
      // The editor never asks for a device code: without the permissions its numbers are not checked.
      if (!silent && options.silent) return;
      if (!silent)
        await pca.acquireTokenByDeviceCode({
          scopes: wider,
          deviceCodeCallback: (r) =>
            void vscode.window.showInformationMessage(
              vscode.l10n.t(
                'This file gives telephone numbers: to allow Teams numbers, open {0} and enter the code {1}.',
                r.verificationUri,
                r.userCode,
              ),
            ),
        });
      scopes = wider;
    },
    dispose: async () => {},
  };
}

/** No tenant configured ("organizations"): any account; else the account's tenant id or domain must match. */
function accountMatchesTenant(account: AccountInfo, tenant: string): boolean {
  if (!tenant || tenant === 'organizations' || tenant === 'common') return true;
  const t = tenant.toLowerCase();
  return account.tenantId.toLowerCase() === t || account.username.toLowerCase().endsWith(`@${t}`);
}

/** App-only sign-in for automation accounts: client secret (kept in SecretStorage) or certificate. */
export async function signInAppOnly(
  settings: AuthSettings,
  secrets: vscode.SecretStorage,
  method: 'appSecret' | 'appCertificate',
): Promise<TenantSession> {
  if (!settings.tenantId)
    throw new Error(
      vscode.l10n.t('App-only sign-in needs a tenant id: set "licenses.tenantId" in your user settings.'),
    );
  let clientSecret: string | undefined;
  let typedNow = false;
  let certificatePem: string | undefined;
  if (method === 'appSecret') {
    clientSecret = await secrets.get(CLIENT_SECRET_KEY);
    if (!clientSecret) {
      clientSecret = await vscode.window.showInputBox({
        prompt: vscode.l10n.t('Client secret of the app registration (kept in your OS keychain, never in settings)'),
        password: true,
        ignoreFocusOut: true,
      });
      if (!clientSecret) throw new SignInCancelled();
      typedNow = true;
    }
  } else {
    if (!settings.certificatePath)
      throw new Error(
        vscode.l10n.t('Set "licenses.appCertificatePath" to a PEM file holding the certificate and its private key.'),
      );
    certificatePem = await readFile(settings.certificatePath, 'utf8');
  }
  // The same client-credentials code as the CLI (src/core/auth/app-only-auth.ts).
  const getToken = await appOnlyTokenProvider({
    tenantId: settings.tenantId,
    clientId: settings.clientId,
    clientSecret,
    certificatePem,
    authorityHost: settings.cloud.authorityHost,
    scope: appOnlyScopes(settings.cloud)[0],
  });
  try {
    await getToken();
  } catch (e) {
    // A rejected secret must not be offered again at the next sign-in: ask for it anew then.
    if (method === 'appSecret') await secrets.delete(CLIENT_SECRET_KEY);
    throw explained(e);
  }
  if (typedNow && clientSecret) await secrets.store(CLIENT_SECRET_KEY, clientSecret);
  return {
    kind: 'app',
    label: vscode.l10n.t('App {0} ({1})', settings.clientId, settings.tenantId),
    tenantId: settings.tenantId,
    graphBaseUrl: graphBaseUrl(settings.cloud),
    getToken,
    dispose: async () => {},
  };
}
