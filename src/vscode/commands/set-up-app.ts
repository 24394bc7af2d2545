import * as vscode from 'vscode';
import { cloudOf, graphBaseUrl } from '../../core/auth/clouds';
import type { SetupResult } from '../../core/setup/set-up-app';
import { BOOTSTRAP_CLIENT_ID, BOOTSTRAP_PERMISSIONS } from '../../core/setup/setup-permissions';
import { engineBundle } from '../engine-bundle-loader';
import { output } from '../output';
import { uiTranslate } from '../translator';

/**
 * "Licenses: Set Up App Registration". The admin signs in once through VS Code's Microsoft account
 * provider with the bootstrap client (setup-permissions.ts says which and why), the core creates or
 * repairs the registration, the ids go to the user settings, then sign-in runs with the new app.
 * The bootstrap token stays inside the provider's session: it is never stored by this extension.
 */
export async function setUpAppCommand(): Promise<SetupResult | undefined> {
  const cloud = cloudOf(vscode.workspace.getConfiguration('licenses').get<string>('cloud'));
  if (cloud.name !== 'Global') {
    throw new Error(
      vscode.l10n.t(
        'Set Up App Registration supports the Global cloud only; for {0}, register the app by hand (README, "Registering an app").',
        cloud.label,
      ),
    );
  }
  const scopes = [
    `VSCODE_CLIENT_ID:${BOOTSTRAP_CLIENT_ID}`,
    'VSCODE_TENANT:organizations',
    ...BOOTSTRAP_PERMISSIONS.map((p) => `${cloud.graphHost}/${p}`),
  ];
  const session = await vscode.authentication.getSession('microsoft', scopes, { createIfNone: true });
  const token = session.accessToken;
  // The Graph client lives in the engine bundle, loaded on first use (engine-bundle-loader.ts).
  const { connectToGraph, describeStep, setUpApp } = engineBundle();
  const connection = connectToGraph({
    baseUrl: graphBaseUrl(cloud),
    getAccessToken: async () => token,
    label: session.account.label,
    t: uiTranslate(),
  });

  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Setting up the app registration…') },
    () => setUpApp(connection, { authorityHost: cloud.authorityHost, t: uiTranslate() }),
  );
  for (const step of result.steps) output().info(`setup: ${describeStep(step, uiTranslate())}`);
  if (result.kind === 'failed') {
    output().error(`setup: stopped at "${result.step}": [${result.error.code}] ${result.error.message}`);
    throw new Error(
      vscode.l10n.t(
        'Setting up the app registration stopped at "{0}": {1}',
        result.step,
        result.error.hint ?? result.error.message,
      ),
    );
  }

  const settings = vscode.workspace.getConfiguration('licenses');
  await settings.update('clientId', result.clientId, vscode.ConfigurationTarget.Global);
  if (result.tenantId) await settings.update('tenantId', result.tenantId, vscode.ConfigurationTarget.Global);
  output().info(`setup: licenses.clientId = ${result.clientId}, licenses.tenantId = ${result.tenantId}`);

  if (result.consentNeeded) {
    const copy = vscode.l10n.t('Copy Consent Link');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        'The app registration is ready, but your roles may not grant consent for the organization. Ask {0} to open the consent link; they will be asked to grant: {1}.',
        result.consentNeeded.who,
        result.consentNeeded.permissions.join(', '),
      ),
      copy,
    );
    output().warn(`setup: admin consent needed: ${result.consentNeeded.url}`);
    if (choice === copy) await vscode.env.clipboard.writeText(result.consentNeeded.url);
    return result;
  }
  void vscode.window.showInformationMessage(
    vscode.l10n.t('The app registration is ready and saved in your user settings. Signing in with it…'),
  );
  await vscode.commands.executeCommand('licenses.signIn');
  return result;
}
