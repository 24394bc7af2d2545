import type { GraphConnection } from '../graph/connection';
import { failureFromThrown, toUserError } from '../graph/graph-failure';
import type { UserError } from '../graph/user-error';
import { FEDERATION_AUDIENCE, federatedSubjects, GITHUB_ISSUER, type GitHubTarget } from './github-subject';
import {
  adminConsentUrl,
  applicationBody,
  resolvePermissions,
  type GraphServicePrincipal,
  type ResolvedPermission,
} from './registration';
import { english, noted, type Translate } from '../text/translate';
import {
  APP_APPLICATION_PERMISSIONS,
  APP_DELEGATED_PERMISSIONS,
  APP_DISPLAY_NAME,
  APP_TAG,
  GRAPH_APP_ID,
} from './setup-permissions';

export interface SetUpAppOptions {
  /** Also ask for application permissions, with admin consent: for app-only runs (CI). */
  readonly appOnly?: boolean;
  /** A repository whose GitHub Actions jobs may sign in as the app (implies app-only). */
  readonly github?: GitHubTarget;
  /** Default https://login.microsoftonline.com: where the admin-consent URL points. */
  readonly authorityHost?: string;
  /** The language of the steps, failures and consent advice; English when absent. */
  readonly t?: Translate;
  /** The tenant, when the caller knows it (the token's `tid`); else Graph's answer tells it. */
  readonly tenantId?: string;
  readonly displayName?: string;
  /**
   * Right after `POST /applications` the directory has not yet replicated the app everywhere: Graph answers 404,
   * or 400 "... does not reference a valid application object", for some seconds. Each step that meets that on
   * an app this run created is tried again after these waits (default 1, 2, 4, 8 and 15 s: half a minute), on
   * `sleep` (injected in tests).
   */
  readonly replicationWaitsMs?: readonly number[];
  readonly sleep?: (ms: number) => Promise<void>;
}

const REPLICATION_WAITS_MS = [1000, 2000, 4000, 8000, 15000];
const notYetReplicated = (e: UserError) =>
  e.status === 404 || /does not reference a valid application object/i.test(e.message);

/** One thing setup did, in the order it did it: what the admin reads back. */
export interface SetupStep {
  readonly what: string;
  readonly outcome: 'created' | 'updated' | 'unchanged' | 'refused';
  readonly detail?: string;
}

/** When Graph refused consent: who can grant it, where, and what they will be asked. */
interface ConsentNeeded {
  readonly url: string;
  readonly who: string;
  readonly permissions: readonly string[];
}

export type SetupResult =
  | {
      readonly kind: 'done';
      readonly tenantId: string;
      readonly clientId: string;
      readonly applicationObjectId: string;
      readonly steps: readonly SetupStep[];
      /** Unset: everything the app asks for is consented to. */
      readonly consentNeeded?: ConsentNeeded;
    }
  | { readonly kind: 'failed'; readonly step: string; readonly error: UserError; readonly steps: readonly SetupStep[] };

class StepFailed extends Error {
  constructor(
    readonly step: string,
    readonly error: UserError,
  ) {
    super(error.message);
  }
}

interface Listed<T> {
  readonly value?: readonly T[];
}

interface Application {
  readonly id: string;
  readonly appId: string;
  readonly tags?: readonly string[];
  readonly publicClient?: { readonly redirectUris?: readonly string[] };
  readonly requiredResourceAccess?: readonly {
    readonly resourceAppId: string;
    readonly resourceAccess: readonly { readonly id: string; readonly type: string }[];
  }[];
  readonly isFallbackPublicClient?: boolean | null;
  readonly signInAudience?: string;
}

interface ServicePrincipal {
  readonly id: string;
  readonly appOwnerOrganizationId?: string | null;
}

const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Creates the product's app registration, or finds the one a previous run created and brings it to
 * what it should be: single tenant, public client with the loopback, vscode.dev and broker redirect
 * URIs, exactly the Graph permissions the product needs (ids read from the tenant's Graph service
 * principal), its service principal, tenant-wide consent when the signed-in admin may give it, and,
 * for CI, application permissions and a GitHub federated credential. Every step is idempotent, so
 * running it again repairs a half-finished run.
 */
export async function setUpApp(connection: GraphConnection, options: SetUpAppOptions = {}): Promise<SetupResult> {
  const steps: SetupStep[] = [];
  const t = options.t ?? english;
  const appOnly = Boolean(options.appOnly || options.github);
  const waits = options.replicationWaitsMs ?? REPLICATION_WAITS_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let appCreated = false;
  const call = async <T>(step: string, request: () => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      try {
        const answer = await request();
        if (step === t('create the app registration')) appCreated = true;
        return answer;
      } catch (thrown) {
        const error = toUserError(failureFromThrown(thrown, connection.redact));
        // Only an app this run created can be "not there yet"; anything else is a real refusal.
        if (!appCreated || !notYetReplicated(error) || attempt >= waits.length) throw new StepFailed(step, error);
        await sleep(waits[attempt]);
      }
    }
  };
  try {
    const graphList = await call<Listed<GraphServicePrincipal>>(t("read Microsoft Graph's permissions"), () =>
      connection.client
        .api('/servicePrincipals')
        .filter(`appId eq ${quoted(GRAPH_APP_ID)}`)
        .select('id,appId,oauth2PermissionScopes,appRoles')
        .get(),
    );
    const graph = graphList.value?.[0];
    if (!graph)
      throw new StepFailed(t("read Microsoft Graph's permissions"), {
        code: 'GraphServicePrincipalMissing',
        message: t('The tenant has no Microsoft Graph service principal.'),
      });
    const resolved = resolvePermissions(graph, APP_DELEGATED_PERMISSIONS, appOnly ? APP_APPLICATION_PERMISSIONS : []);
    if (!resolved.ok)
      throw new StepFailed(t("read Microsoft Graph's permissions"), {
        code: 'PermissionNotPublished',
        message: t('Microsoft Graph in this tenant does not publish {0}.', resolved.missing.join(', ')),
      });
    const permissions = resolved.permissions;

    const app = await findOrCreateApplication(
      connection,
      call,
      steps,
      t,
      options.displayName ?? APP_DISPLAY_NAME,
      permissions,
      appOnly,
    );
    const sp = await findOrCreateServicePrincipal(connection, call, steps, t, app.appId);
    const tenantId = options.tenantId || sp.appOwnerOrganizationId || '';

    const refused: ResolvedPermission[] = [];
    const delegated = permissions.filter((p) => p.type === 'Scope');
    if (!(await grantDelegated(connection, call, steps, t, sp.id, graph.id, delegated))) refused.push(...delegated);
    const roles = permissions.filter((p) => p.type === 'Role');
    if (roles.length) refused.push(...(await grantRoles(connection, call, steps, t, sp.id, graph.id, roles)));
    if (options.github) await addFederatedCredentials(connection, call, steps, t, app.id, options.github);

    const consentNeeded = refused.length
      ? {
          url: adminConsentUrl(options.authorityHost ?? 'https://login.microsoftonline.com', tenantId, app.appId),
          who: refused.some((p) => p.type === 'Role')
            ? t('a Global Administrator or Privileged Role Administrator')
            : t(
                'a Global Administrator, Privileged Role Administrator, Cloud Application Administrator or Application Administrator',
              ),
          permissions: refused.map((p) =>
            p.type === 'Scope' ? t('{0} (delegated)', p.value) : t('{0} (application)', p.value),
          ),
        }
      : undefined;
    return {
      kind: 'done',
      tenantId,
      clientId: app.appId,
      applicationObjectId: app.id,
      steps,
      ...(consentNeeded ? { consentNeeded } : {}),
    };
  } catch (e) {
    if (e instanceof StepFailed) return { kind: 'failed', step: e.step, error: e.error, steps };
    throw e;
  }
}

type Call = <T>(step: string, request: () => Promise<T>) => Promise<T>;

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Does the application already have what it should? Compared property by property, so that a
 *  registration edited by hand (a permission added in the portal) is put back. */
function isUpToDate(app: Application, wanted: ReturnType<typeof applicationBody>): boolean {
  const graphAccess =
    (app.requiredResourceAccess ?? []).find((r) => r.resourceAppId === GRAPH_APP_ID)?.resourceAccess ?? [];
  return (
    app.signInAudience === wanted.signInAudience &&
    app.isFallbackPublicClient === true &&
    sameSet(app.publicClient?.redirectUris ?? [], wanted.publicClient.redirectUris) &&
    (app.requiredResourceAccess ?? []).length === 1 &&
    sameSet(
      graphAccess.map((a) => `${a.type}:${a.id}`),
      wanted.requiredResourceAccess[0].resourceAccess.map((a) => `${a.type}:${a.id}`),
    )
  );
}

async function findOrCreateApplication(
  connection: GraphConnection,
  call: Call,
  steps: SetupStep[],
  t: Translate,
  displayName: string,
  permissions: readonly ResolvedPermission[],
  appOnly: boolean,
): Promise<Application> {
  const found = await call<Listed<Application>>(t('look for the app registration'), () =>
    connection.client
      .api('/applications')
      .filter(`displayName eq ${quoted(displayName)}`)
      .get(),
  );
  // Only an application this command tagged is reused: another one of the same name is someone else's.
  let app = found.value?.find((a) => a.tags?.includes(APP_TAG));
  let created = false;
  // A second run without --app-only keeps the application permissions an earlier --app-only run added.
  const keep = app && !appOnly ? keptRoles(app) : [];
  const wantedPermissions = [...permissions, ...keep.filter((k) => !permissions.some((p) => p.id === k.id))];
  if (!app) {
    app = await call<Application>(t('create the app registration'), () =>
      connection.client.api('/applications').post(applicationBody(displayName, APP_TAG, undefined, wantedPermissions)),
    );
    steps.push({ what: t('app registration "{0}"', displayName), outcome: 'created', detail: app.appId });
    created = true;
  }
  const wanted = applicationBody(displayName, APP_TAG, app.appId, wantedPermissions);
  if (!isUpToDate(app, wanted)) {
    const { id } = app;
    await call(t('update the app registration'), () =>
      connection.client.api(`/applications/${id}`).patch({ ...wanted, displayName: undefined }),
    );
    if (!created) steps.push({ what: t('app registration "{0}"', displayName), outcome: 'updated', detail: app.appId });
    app = { ...app, ...wanted };
  } else if (!created) {
    steps.push({ what: t('app registration "{0}"', displayName), outcome: 'unchanged', detail: app.appId });
  }
  return app;
}

function keptRoles(app: Application): ResolvedPermission[] {
  const access = (app.requiredResourceAccess ?? []).find((r) => r.resourceAppId === GRAPH_APP_ID)?.resourceAccess ?? [];
  return access.filter((a) => a.type === 'Role').map((a) => ({ id: a.id, type: 'Role' as const, value: a.id }));
}

async function findOrCreateServicePrincipal(
  connection: GraphConnection,
  call: Call,
  steps: SetupStep[],
  t: Translate,
  appId: string,
): Promise<ServicePrincipal> {
  const found = await call<Listed<ServicePrincipal>>(t("look for the app's service principal"), () =>
    connection.client
      .api('/servicePrincipals')
      .filter(`appId eq ${quoted(appId)}`)
      .get(),
  );
  const existing = found.value?.[0];
  if (existing) {
    steps.push({ what: t('service principal (enterprise application)'), outcome: 'unchanged', detail: existing.id });
    return existing;
  }
  const sp = await call<ServicePrincipal>(t("create the app's service principal"), () =>
    connection.client.api('/servicePrincipals').post({ appId }),
  );
  steps.push({ what: t('service principal (enterprise application)'), outcome: 'created', detail: sp.id });
  return sp;
}

const isForbidden = (e: unknown) => e instanceof StepFailed && e.error.status === 403;

/** Tenant-wide consent to the delegated permissions; false when Graph says the admin may not give it. */
async function grantDelegated(
  connection: GraphConnection,
  call: Call,
  steps: SetupStep[],
  t: Translate,
  clientId: string,
  resourceId: string,
  scopes: readonly ResolvedPermission[],
): Promise<boolean> {
  const what = t('consent for the organization to the delegated permissions');
  const scope = scopes.map((s) => s.value).join(' ');
  try {
    const found = await call<Listed<{ id: string; scope?: string }>>(t('read the existing consent'), () =>
      connection.client
        .api('/oauth2PermissionGrants')
        .filter(
          `clientId eq ${quoted(clientId)} and consentType eq 'AllPrincipals' and resourceId eq ${quoted(resourceId)}`,
        )
        .get(),
    );
    const grant = found.value?.[0];
    if (!grant) {
      await call(t('grant consent'), () =>
        connection.client
          .api('/oauth2PermissionGrants')
          .post({ clientId, consentType: 'AllPrincipals', resourceId, scope }),
      );
      steps.push({ what, outcome: 'created', detail: scope });
    } else if (sameSet((grant.scope ?? '').split(' ').filter(Boolean), scope.split(' '))) {
      steps.push({ what, outcome: 'unchanged', detail: scope });
    } else {
      await call(t('update consent'), () =>
        connection.client.api(`/oauth2PermissionGrants/${grant.id}`).patch({ scope }),
      );
      steps.push({ what, outcome: 'updated', detail: scope });
    }
    return true;
  } catch (e) {
    if (!isForbidden(e)) throw e;
    steps.push({ what, outcome: 'refused', detail: scope });
    return false;
  }
}

/** Admin consent to the application permissions (app role assignments); the ones refused. */
async function grantRoles(
  connection: GraphConnection,
  call: Call,
  steps: SetupStep[],
  t: Translate,
  spId: string,
  resourceId: string,
  roles: readonly ResolvedPermission[],
): Promise<ResolvedPermission[]> {
  const found = await call<Listed<{ appRoleId: string; resourceId: string }>>(
    t('read the application permissions granted'),
    () => connection.client.api(`/servicePrincipals/${spId}/appRoleAssignments`).get(),
  );
  const refused: ResolvedPermission[] = [];
  for (const role of roles) {
    const what = t('application permission {0}', role.value);
    if (found.value?.some((a) => a.appRoleId === role.id && a.resourceId === resourceId)) {
      steps.push({ what, outcome: 'unchanged' });
      continue;
    }
    try {
      await call(t('grant {0}', role.value), () =>
        connection.client
          .api(`/servicePrincipals/${spId}/appRoleAssignments`)
          .post({ principalId: spId, resourceId, appRoleId: role.id }),
      );
      steps.push({ what, outcome: 'created' });
    } catch (e) {
      if (!isForbidden(e)) throw e;
      steps.push({ what, outcome: 'refused' });
      refused.push(role);
    }
  }
  return refused;
}

async function addFederatedCredentials(
  connection: GraphConnection,
  call: Call,
  steps: SetupStep[],
  t: Translate,
  appObjectId: string,
  target: GitHubTarget,
): Promise<void> {
  const found = await call<Listed<{ issuer: string; subject: string }>>(t('read the federated credentials'), () =>
    connection.client.api(`/applications/${appObjectId}/federatedIdentityCredentials`).get(),
  );
  for (const wanted of federatedSubjects(target)) {
    const what = t('federated credential {0}', wanted.subject);
    if (found.value?.some((c) => c.issuer === GITHUB_ISSUER && c.subject === wanted.subject)) {
      steps.push({ what, outcome: 'unchanged' });
      continue;
    }
    try {
      await connection.client.api(`/applications/${appObjectId}/federatedIdentityCredentials`).post({
        name: wanted.name,
        issuer: GITHUB_ISSUER,
        subject: wanted.subject,
        audiences: [FEDERATION_AUDIENCE],
        description: wanted.description,
      });
    } catch (thrown) {
      // 409: one exists already (an earlier run that stopped before saying so, another naming).
      // The one with the same issuer and subject is what is wanted: reused. Any other conflict stands.
      const failure = failureFromThrown(thrown, connection.redact);
      if (failure.status !== 409) throw new StepFailed(t('add the federated credential'), toUserError(failure));
      const again = await call<Listed<{ issuer: string; subject: string }>>(t('read the federated credentials'), () =>
        connection.client.api(`/applications/${appObjectId}/federatedIdentityCredentials`).get(),
      );
      if (!again.value?.some((c) => c.issuer === GITHUB_ISSUER && c.subject === wanted.subject))
        throw new StepFailed(t('add the federated credential'), toUserError(failure));
      steps.push({ what, outcome: 'unchanged' });
      continue;
    }
    steps.push({ what, outcome: 'created' });
  }
}

/** "app registration "X" created (id)": one step as the admin reads it back, in `t`'s language. */
export function describeStep(step: SetupStep, t: Translate = english): string {
  const line =
    step.outcome === 'created'
      ? noted(t, '{0} created//setup-step', step.what)
      : step.outcome === 'updated'
        ? noted(t, '{0} updated//setup-step', step.what)
        : step.outcome === 'unchanged'
          ? noted(t, '{0} unchanged//setup-step', step.what)
          : noted(t, '{0} refused//setup-step', step.what);
  return step.detail ? `${line} (${step.detail})` : line;
}
