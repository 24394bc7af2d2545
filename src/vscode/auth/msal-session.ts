import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ConfidentialClientApplication, PublicClientApplication } from '@azure/msal-node';
import * as vscode from 'vscode';
import { appOnlyScopes, authority, delegatedScopes, graphBaseUrl } from '../../core/auth/clouds';
import type { AuthSettings } from '../settings';
import { CLIENT_SECRET_KEY, secretStorageCache } from './secret-cache';
import type { TenantSession } from './tenant-session';

/** Raised when the admin dismisses a prompt: not an error worth a message. */
export class SignInCancelled extends Error {
  override name = 'SignInCancelled';
}

const SUCCESS_PAGE = '<h1>Signed in to Microsoft 365 Licenses.</h1><p>You can close this tab and return to VS Code.</p>';
const ERROR_PAGE = '<h1>Sign-in failed.</h1><p>Return to VS Code for details.</p>';

/**
 * Delegated sign-in as the admin with @azure/msal-node: browser (loopback redirect, opened with
 * vscode.env.openExternal) or device code (remote, SSH and web hosts). The MSAL token cache lives
 * in SecretStorage only. msal-node is pinned (~7.2.3): its maintainers announce removing public
 * client flows after v7.
 */
export async function signInDelegated(settings: AuthSettings, secrets: vscode.SecretStorage, method: 'browser' | 'deviceCode'): Promise<TenantSession> {

  const pca = new PublicClientApplication({
    auth: { clientId: settings.clientId, authority: authority(settings.cloud, settings.tenantId) },
    cache: { cachePlugin: secretStorageCache(secrets) },
  });
  const scopes = delegatedScopes(settings.cloud);
  const [cached] = await pca.getTokenCache().getAllAccounts();
  let result = cached ? await pca.acquireTokenSilent({ account: cached, scopes }).catch(() => null) : null;
  if (!result) {
    result =
      method === 'browser'
        ? await pca.acquireTokenInteractive({
            scopes,
            openBrowser: async (url) => {
              await vscode.env.openExternal(vscode.Uri.parse(url));
            },
            successTemplate: SUCCESS_PAGE,
            errorTemplate: ERROR_PAGE,
          })
        : await pca.acquireTokenByDeviceCode({
            scopes,
            deviceCodeCallback: (r) => {
              void vscode.window.showInformationMessage(vscode.l10n.t('To sign in, open {0} and enter the code {1}.', r.verificationUri, r.userCode), vscode.l10n.t('Copy and open')).then(async (choice) => {
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
    label: account.username,
    tenantId: account.tenantId,
    graphBaseUrl: graphBaseUrl(settings.cloud),
    async getToken() {
      const r = await pca.acquireTokenSilent({ account, scopes });
      return r.accessToken;
    },
    dispose: async () => {},
  };
}

/** App-only sign-in for automation accounts: client secret (kept in SecretStorage) or certificate. */
export async function signInAppOnly(settings: AuthSettings, secrets: vscode.SecretStorage, method: 'appSecret' | 'appCertificate'): Promise<TenantSession> {
  if (!settings.tenantId) throw new Error(vscode.l10n.t('App-only sign-in needs a tenant id: set "licenses.tenantId" in your user settings.'));

  let credentials: { clientSecret: string } | { clientCertificate: { thumbprintSha256: string; privateKey: string } };
  if (method === 'appSecret') {
    let secret = await secrets.get(CLIENT_SECRET_KEY);
    if (!secret) {
      secret = await vscode.window.showInputBox({ prompt: vscode.l10n.t('Client secret of the app registration (kept in your OS keychain, never in settings)'), password: true, ignoreFocusOut: true });
      if (!secret) throw new SignInCancelled();
      await secrets.store(CLIENT_SECRET_KEY, secret);
    }
    credentials = { clientSecret: secret };
  } else {
    if (!settings.certificatePath) throw new Error(vscode.l10n.t('Set "licenses.appCertificatePath" to a PEM file holding the certificate and its private key.'));
    const pem = await readFile(settings.certificatePath, 'utf8');
    const certificate = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)?.[0];
    const privateKey = pem.match(/-----BEGIN (?:RSA )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA )?PRIVATE KEY-----/)?.[0];
    if (!certificate || !privateKey) throw new Error(vscode.l10n.t('{0} must hold a certificate and an unencrypted private key (PEM).', settings.certificatePath));
    credentials = { clientCertificate: { thumbprintSha256: new X509Certificate(certificate).fingerprint256.replace(/:/g, ''), privateKey } };
  }
  const cca = new ConfidentialClientApplication({ auth: { clientId: settings.clientId, authority: authority(settings.cloud, settings.tenantId), ...credentials } });
  const scopes = appOnlyScopes(settings.cloud);
  const first = await cca.acquireTokenByClientCredential({ scopes });
  if (!first) throw new Error(vscode.l10n.t('Microsoft sign-in returned no token.'));
  return {
    kind: 'app',
    label: vscode.l10n.t('App {0} ({1})', settings.clientId, settings.tenantId),
    tenantId: settings.tenantId,
    graphBaseUrl: graphBaseUrl(settings.cloud),
    async getToken() {
      const r = await cca.acquireTokenByClientCredential({ scopes });
      if (!r) throw new Error(vscode.l10n.t('Microsoft sign-in returned no token.'));
      return r.accessToken;
    },
    dispose: async () => {},
  };
}
