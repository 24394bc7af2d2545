import { deferred, english, type Translate } from '../text/translate';

/**
 * Microsoft Entra sign-in refusals in plain words. MSAL passes on the service's message, which
 * starts with an `AADSTS<number>` code (Entra reference-error-codes.md; the codes are stable, the
 * wording is not, so the match is on the number).
 */
const BY_CODE: Readonly<Record<string, string>> = {
  '50194': deferred(
    'The app registration is single-tenant, so Microsoft cannot sign in through the shared "organizations" endpoint: set "licenses.tenantId" to your tenant id or domain.',
  ),
  '65001': deferred(
    "Nobody has consented to the app's permissions in this tenant yet: an administrator grants consent for the app registration (Entra admin center → App registrations → API permissions → Grant admin consent), then sign in again.",
  ),
  '90094': deferred(
    "The app's permissions need an administrator's consent: an administrator grants consent for the app registration, then sign in again.",
  ),
  '65004': deferred(
    'Consent to the app was declined: sign in again and accept, or ask an administrator to grant consent.',
  ),
  '53003': deferred(
    'A Conditional Access policy blocked this sign-in (device code sign-in is often blocked by policy): use the browser sign-in, or ask the administrator which policy applies.',
  ),
  '50020': deferred(
    'This account is not in the tenant named by "licenses.tenantId": sign in with an account of that tenant, or correct the setting.',
  ),
  '700016': deferred(
    'No app with "licenses.clientId" exists in this tenant: check the client id and "licenses.tenantId" (and "licenses.cloud").',
  ),
  '90002': deferred(
    'No tenant with the id or domain in "licenses.tenantId" exists (in this cloud): correct the setting or "licenses.cloud".',
  ),
  '50076': deferred('The tenant requires multi-factor authentication: sign in again and complete it.'),
  '50079': deferred('The tenant requires you to register for multi-factor authentication: do so, then sign in again.'),
  '50105': deferred(
    'The app requires assignment and this account is not assigned to it: an administrator adds you in Enterprise applications → Users and groups.',
  ),
  '7000215': deferred('The client secret is wrong: create a new one for the app registration and sign in again.'),
  '7000222': deferred('The client secret has expired: create a new one for the app registration and sign in again.'),
  '700027': deferred(
    'The certificate was not accepted: upload its public part to the app registration, or check that "licenses.appCertificatePath" points to the right PEM.',
  ),
  '500011': deferred(
    'Microsoft Graph is not known at this sign-in endpoint: check "licenses.cloud" matches your tenant\'s cloud.',
  ),
  '7000218': deferred(
    'The app registration does not allow public client flows, which device code sign-in needs: enable "Allow public client flows" in its Authentication settings.',
  ),
};

/** Plain advice for a sign-in failure message; `undefined` when its code is not one we explain. */
export function explainSignInError(message: string, t: Translate = english): string | undefined {
  const code = /\bAADSTS(\d+)\b/.exec(message)?.[1];
  return code && Object.hasOwn(BY_CODE, code) ? t(BY_CODE[code]) : undefined;
}

/**
 * Delegated sign-in without a tenant goes to the shared `organizations` endpoint, which only
 * multi-tenant apps may use (AADSTS50194 otherwise). App registrations are single-tenant unless
 * made otherwise, so ask for the tenant before sending the admin to a sign-in that will fail.
 */
export function tenantNeededForSignIn(tenantId: string): boolean {
  const t = tenantId.trim().toLowerCase();
  return t === '' || t === 'organizations' || t === 'common';
}
