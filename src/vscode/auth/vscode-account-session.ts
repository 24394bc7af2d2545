import * as vscode from 'vscode';
import { graphBaseUrl } from '../../core/auth/clouds';
import { explainSignInError, tenantNeededForSignIn } from '../../core/auth/sign-in-errors';
import {
  accountProviderFor,
  sovereignSettingNeeded,
  SOVEREIGN_ENVIRONMENT_SETTING,
  vscodeAccountScopes,
} from '../../core/auth/vscode-account';
import { sovereignEnvironment, type AuthSettings } from '../settings';
import { SignInCancelled } from './sign-in-cancelled';
import type { TenantSession } from './tenant-session';
import { tenantRequiredMessage } from './tenant-required';
import { uiTranslate } from '../translator';
import { reachFromSignInError } from '../../core/partner/tenant-reach';

/**
 * Where a delegated session's token comes from and goes to. `providerId` and `graph` are set only
 * by a test (its own provider standing in for Microsoft's, and a demo tenant): never from
 * settings, and never a Graph URL of the caller's choosing, so nothing can send the admin's token
 * elsewhere.
 */
export interface AccountTarget {
  readonly providerId?: string;
  readonly graph?: { readonly baseUrl: string; dispose(): Promise<void> };
}

/**
 * Signs in as the admin through VS Code's Microsoft account (`vscode.authentication`). VS Code
 * shows its consent prompt, runs the flow the host supports, stores and refreshes the tokens: this
 * extension keeps none of them. The account then appears in VS Code's Accounts menu.
 */
export async function signInWithVsCodeAccount(
  settings: AuthSettings,
  target: AccountTarget = {},
  switchAccount = false,
): Promise<TenantSession> {
  if (tenantNeededForSignIn(settings.tenantId)) throw new Error(tenantRequiredMessage());
  const providerId = target.providerId ?? (await providerForCloud(settings));
  // What the session's tokens are asked with: the sign-in's scopes, plus what incremental consent added since.
  const wanted = { numbers: false, partner: false };
  const scopesFor = (w: typeof wanted) =>
    vscodeAccountScopes(settings.cloud, settings.clientId, settings.tenantId, w.numbers, w.partner);
  let scopes = scopesFor(wanted);
  let session: vscode.AuthenticationSession;
  try {
    // Switching accounts: VS Code lets the admin pick (or add) another account.
    session = switchAccount
      ? await vscode.authentication.getSession(providerId, scopes, { forceNewSession: true })
      : await vscode.authentication.getSession(providerId, scopes, { createIfNone: true });
  } catch (e) {
    throw signInFailure(e, providerId);
  }
  const account = session.account;
  const graph = target.graph;
  // Asked anew for each token: VS Code refreshes an expiring one. Silent: a run never prompts.
  const current = () => vscode.authentication.getSession(providerId, scopes, { silent: true, account });
  return {
    kind: 'delegated',
    // Who, in which tenant: the status bar and the Apply confirmation show it.
    label: `${account.label} (${settings.tenantId})`,
    tenantId: settings.tenantId,
    graphBaseUrl: graph?.baseUrl ?? graphBaseUrl(settings.cloud),
    accountProvider: providerId,
    isSignedIn: async () => (await current()) !== undefined,
    async askForNumbers(options = {}) {
      if (wanted.numbers) return;
      const wider = scopesFor({ ...wanted, numbers: true });
      if (!(await askForWider(providerId, wider, account, options))) return;
      wanted.numbers = true;
      scopes = wider;
    },
    async askForPartner() {
      if (wanted.partner) return;
      // VS Code's consent prompt for the partner's reads, for this account (never silent: the admin asked).
      const wider = scopesFor({ ...wanted, partner: true });
      await askForWider(providerId, wider, account, {});
      wanted.partner = true;
      scopes = wider;
    },
    async getToken() {
      const session = await current();
      if (!session)
        throw new Error(
          vscode.l10n.t(
            'The sign-in of {0} has ended (signed out in the Accounts menu?): run "Licenses: Sign In" again.',
            account.label,
          ),
        );
      return session.accessToken;
    },
    async customer(tenant, options = {}) {
      // The same account in the customer's tenant (GDAP): VS Code keeps one session per VSCODE_TENANT, and asks
      // only the first time. Silent (a file opening): the session VS Code holds already, or none, never a prompt.
      let theirs = vscodeAccountScopes(settings.cloud, settings.clientId, tenant);
      let found: vscode.AuthenticationSession | undefined;
      try {
        found = options.silent
          ? await vscode.authentication.getSession(providerId, theirs, { silent: true, account })
          : await vscode.authentication.getSession(providerId, theirs, { createIfNone: true, account });
      } catch (e) {
        const refused = reachFromSignInError({ name: tenant }, (e as Error).message ?? String(e), uiTranslate());
        if (refused) return { refused: refused.message };
        if (options.silent) return undefined;
        throw signInFailure(e, providerId);
      }
      if (!found) return undefined;
      let held = found;
      const again = () => vscode.authentication.getSession(providerId, theirs, { silent: true, account });
      return {
        kind: 'delegated',
        label: `${held.account.label} (${tenant})`,
        tenantId: tenant,
        graphBaseUrl: graph?.baseUrl ?? graphBaseUrl(settings.cloud),
        accountProvider: providerId,
        getToken: async () => (await again())?.accessToken ?? held.accessToken,
        async askForNumbers(numbersOptions = {}) {
          // The customer's own incremental consent, as the signed-in tenant's: the same account in that tenant.
          const wider = vscodeAccountScopes(settings.cloud, settings.clientId, tenant, true);
          if (theirs.length === wider.length) return;
          const widened = await askForWider(providerId, wider, account, numbersOptions);
          if (!widened) return;
          theirs = wider;
          held = widened;
        },
        dispose: async () => undefined,
      };
    },
    dispose: async () => {
      await graph?.dispose();
    },
  };
}

/**
 * The session with permissions added (incremental consent), for `account`: VS Code shows its consent prompt for them;
 * `silent`, only when VS Code holds them already (undefined otherwise: never a prompt).
 */
async function askForWider(
  providerId: string,
  wider: string[],
  account: vscode.AuthenticationSessionAccountInformation,
  options: { readonly silent?: boolean },
): Promise<vscode.AuthenticationSession | undefined> {
  try {
    return options.silent
      ? await vscode.authentication.getSession(providerId, wider, { silent: true, account })
      : await vscode.authentication.getSession(providerId, wider, { createIfNone: true, account });
  } catch (e) {
    if (options.silent) return undefined;
    throw signInFailure(e, providerId);
  }
}

/**
 * National clouds sign in through VS Code's sovereign provider, which follows its own setting: a
 * mismatch would send a GCC High admin to the worldwide login, so say which value to set, with a
 * link to it, rather than fail at Microsoft.
 */
async function providerForCloud(settings: AuthSettings): Promise<string> {
  const { providerId } = accountProviderFor(settings.cloud);
  const needed = sovereignSettingNeeded(settings.cloud, sovereignEnvironment());
  if (!needed) return providerId;
  const open = vscode.l10n.t('Open Settings');
  const choice = await vscode.window.showErrorMessage(
    vscode.l10n.t(
      '"licenses.cloud" is {0}, so VS Code must sign in to its {1} cloud: set "{2}" to "{1}" in your user settings, then sign in again.',
      settings.cloud.name,
      needed,
      SOVEREIGN_ENVIRONMENT_SETTING,
    ),
    open,
  );
  if (choice === open)
    await vscode.commands.executeCommand('workbench.action.openSettings', SOVEREIGN_ENVIRONMENT_SETTING);
  throw new SignInCancelled();
}

/** VS Code's refusal in words the admin can act on. */
function signInFailure(e: unknown, providerId: string): unknown {
  const message = (e as Error)?.message ?? String(e);
  // VS Code's consent prompt dismissed ("User did not consent to login."), or the flow cancelled.
  if (/did not consent|cancel/i.test(message)) return new SignInCancelled();
  // Editors that ship without Microsoft's account extension.
  if (/no authentication provider/i.test(message)) {
    return new Error(
      vscode.l10n.t(
        'This editor has no "{0}" account provider (VS Code\'s Microsoft Account extension): set "licenses.signInMethod" to "deviceCode", or sign in with an app registration.',
        providerId,
      ),
      { cause: e },
    );
  }
  const advice = explainSignInError(message, uiTranslate());
  if (!advice) return e;
  const code = /AADSTS\d+/.exec(message)?.[0] ?? '';
  return new Error(vscode.l10n.t('Microsoft sign-in failed ({0}): {1}', code, advice), { cause: e });
}
