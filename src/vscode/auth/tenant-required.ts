import * as vscode from 'vscode';

/** Said before any delegated sign-in without `licenses.tenantId` (see tenantNeededForSignIn). */
export function tenantRequiredMessage(): string {
  return vscode.l10n.t(
    'Set "licenses.tenantId" in your user settings to your tenant id or domain (e.g. contoso.onmicrosoft.com) before signing in: an app registration is single-tenant unless made otherwise, and Microsoft refuses a single-tenant app without its tenant (AADSTS50194).',
  );
}
