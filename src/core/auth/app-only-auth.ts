import { X509Certificate } from 'node:crypto';
import type { INetworkModule } from '@azure/msal-node';
import type { AccessTokenProvider } from './access-token';
import type { AssertionProvider } from './federated-assertion';
import { loopbackAuthorityNetwork } from './loopback-authority';

export interface AppOnlyCredentials {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  /** PEM holding the certificate and its unencrypted private key (the AZURE_CLIENT_CERTIFICATE_PATH convention). */
  readonly certificatePem?: string;
  /**
   * Workload identity federation: a token from the platform (a file, GitHub's OIDC endpoint), sent as
   * MSAL's client assertion instead of a secret (federated-assertion.ts). Asked for on each sign-in.
   */
  readonly clientAssertion?: AssertionProvider;
  /** Default https://login.microsoftonline.com; national clouds have their own (login.microsoftonline.us, ...). */
  readonly authorityHost?: string;
  /** Default https://graph.microsoft.com/.default: client credentials only take `/.default` scopes. */
  readonly scope?: string;
  /** msal-node ≥ 5 dropped `proxyUrl`: a proxy (or a test double) goes through a custom network client. */
  readonly networkClient?: INetworkModule;
}

/** Refresh this long before the token expires, so no request leaves with a token about to lapse. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

function certificateCredential(pem: string): { thumbprintSha256: string; privateKey: string; x5c: string } {
  const cert = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)?.[0];
  const key = pem.match(/-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/)?.[0];
  if (!cert || !key)
    throw new Error('The certificate file must hold a PEM certificate and its unencrypted private key.');
  // msal-node deprecated SHA-1 thumbprints (v2.11): send the SHA-256 one, and the chain for SNI.
  return { thumbprintSha256: new X509Certificate(cert).fingerprint256.replace(/:/g, ''), privateKey: key, x5c: cert };
}

/**
 * App-only sign-in (client credentials) with @azure/msal-node's ConfidentialClientApplication.
 * MSAL is imported here, on first use, so `check` and the editor never load it. The token is kept
 * until shortly before it expires; MSAL's own cache would answer too, but not for free per request.
 */
export async function appOnlyTokenProvider(credentials: AppOnlyCredentials): Promise<AccessTokenProvider> {
  const { ConfidentialClientApplication } = await import('@azure/msal-node');
  if (!credentials.clientSecret && !credentials.certificatePem && !credentials.clientAssertion)
    throw new Error('App-only sign-in needs a client secret, a certificate or a federated token.');
  const host = (credentials.authorityHost ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  // The built-in emulator's token endpoint is plain http on loopback, which MSAL refuses as an authority.
  const loopback = loopbackAuthorityNetwork(host, credentials.tenantId);
  const assertion = credentials.clientAssertion;
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: credentials.clientId,
      authority: `${loopback?.authorityHost ?? host}/${credentials.tenantId}`,
      ...(credentials.clientSecret
        ? { clientSecret: credentials.clientSecret }
        : credentials.certificatePem
          ? { clientCertificate: certificateCredential(credentials.certificatePem) }
          : { clientAssertion: () => assertion!() }),
    },
    ...((credentials.networkClient ?? loopback?.networkClient)
      ? { system: { networkClient: credentials.networkClient ?? loopback!.networkClient } }
      : {}),
  });
  const scopes = [credentials.scope ?? 'https://graph.microsoft.com/.default'];
  let cached: { token: string; expiresAt: number } | undefined;
  // The first batches of a run start together: one sign-in serves them all.
  let signingIn: Promise<string> | undefined;
  const signIn = async () => {
    const result = await app.acquireTokenByClientCredential({ scopes });
    if (!result?.accessToken) throw new Error('Microsoft sign-in returned no access token.');
    cached = { token: result.accessToken, expiresAt: result.expiresOn?.getTime() ?? Date.now() + EXPIRY_MARGIN_MS * 2 };
    return cached.token;
  };
  return () => {
    if (cached && cached.expiresAt - EXPIRY_MARGIN_MS > Date.now()) return Promise.resolve(cached.token);
    signingIn ??= signIn().finally(() => (signingIn = undefined));
    return signingIn;
  };
}
