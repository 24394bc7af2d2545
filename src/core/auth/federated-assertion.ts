import { readFile } from 'node:fs/promises';

/**
 * Where a workload identity federation assertion comes from (entra-docs workload-identity-federation.md):
 * a token the platform writes to a file (AZURE_FEDERATED_TOKEN_FILE, as Azure's tools and AKS
 * workload identity use), or GitHub Actions' OIDC endpoint (ACTIONS_ID_TOKEN_REQUEST_URL and
 * ACTIONS_ID_TOKEN_REQUEST_TOKEN, set when the job has `permissions: id-token: write`). Either way the
 * assertion is fetched afresh on each sign-in, because both rotate, and it never reaches a message.
 */
export type FederatedSource =
  | { readonly kind: 'token-file'; readonly path: string }
  | { readonly kind: 'github-actions'; readonly requestUrl: string; readonly requestToken: string };

/** The audience Entra expects in the assertion (workload-identity-federation-create-trust.md). */
const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

export type AssertionProvider = () => Promise<string>;

export function assertionProvider(source: FederatedSource, fetchImpl: typeof fetch = fetch): AssertionProvider {
  return source.kind === 'token-file'
    ? () => fromTokenFile(source.path)
    : () => fromGitHubActions(source.requestUrl, source.requestToken, fetchImpl);
}

async function fromTokenFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new Error(
      `Cannot read the federated token file named by AZURE_FEDERATED_TOKEN_FILE (${(e as NodeJS.ErrnoException).code ?? 'unreadable'}).`,
    );
  }
  const token = text.trim();
  if (!token) throw new Error('The federated token file named by AZURE_FEDERATED_TOKEN_FILE is empty.');
  return token;
}

/**
 * GitHub's documented request: GET ACTIONS_ID_TOKEN_REQUEST_URL with `&audience=…` added and
 * `Authorization: bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN`; the answer is `{"value": "<jwt>"}`
 * (GitHub docs, "Configuring OpenID Connect in cloud providers", custom actions).
 */
async function fromGitHubActions(requestUrl: string, requestToken: string, fetchImpl: typeof fetch): Promise<string> {
  const url = new URL(requestUrl);
  url.searchParams.set('audience', TOKEN_EXCHANGE_AUDIENCE);
  let response: Response;
  try {
    response = await fetchImpl(url, {
      headers: { Authorization: `bearer ${requestToken}`, Accept: 'application/json' },
    });
  } catch (e) {
    throw new Error(`Cannot reach GitHub Actions' OIDC token endpoint: ${(e as Error).message}`);
  }
  if (!response.ok) {
    throw new Error(
      `GitHub Actions' OIDC token endpoint answered ${response.status}: does the workflow job have \`permissions: id-token: write\`?`,
    );
  }
  const body = (await response.json().catch(() => undefined)) as { value?: unknown } | undefined;
  if (typeof body?.value !== 'string' || !body.value)
    throw new Error("GitHub Actions' OIDC token endpoint answered without a token.");
  return body.value;
}
