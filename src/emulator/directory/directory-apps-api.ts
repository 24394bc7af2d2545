import { type EmulatorContext } from '../http/context';
import {
  directoryAppsOf,
  GRAPH_APP_ID,
  type DirectoryApplication,
  type DirectoryApps,
  type RequiredResourceAccess,
  type ResourceAccess,
} from './directory-apps';
import { fail, isFailure, Messages, type Failure } from '../http/errors';
import { parseSelect } from '../http/odata';
import { jsonResponse, noContent, type GraphRequest, type GraphResponse } from './exchange';

/**
 * The app-registration endpoints, each as its graph-docs page describes it (see CONTRACT.md,
 * "App registration"). Only what creating and reusing one registration needs.
 */
type Result = GraphResponse | Failure;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A creation date as Graph writes it: the emulator's start (a real date, not 1970) plus Graph time since. */
const now = (ctx: EmulatorContext) => new Date(ctx.epochMs + ctx.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
const object = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const badRequest = (message: string) => fail(400, 'Request_BadRequest', message);
const notFound = (id: string) => fail(404, 'Request_ResourceNotFound', Messages.resourceNotFound(id));

/**
 * `$filter` as these pages support it for the properties setup filters on: `prop eq 'value'` terms
 * joined by `and` (application-list.md: appId, displayName "eq"; serviceprincipal-list.md: appId;
 * oauth2permissiongrant-list.md: clientId, consentType, resourceId "Supports $filter (eq only)").
 */
function filterBy<T>(
  req: GraphRequest,
  items: readonly T[],
  properties: readonly string[],
  type: string,
): T[] | Failure {
  const raw = req.query.get('$filter');
  if (!raw) return [...items];
  const terms: { property: string; value: string }[] = [];
  for (const term of raw.split(/\s+and\s+/i)) {
    const m = /^\s*(\w+)\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(term);
    const property = m && properties.find((p) => p.toLowerCase() === m[1].toLowerCase());
    // [INF] Graph's wording for a filter it does not support.
    if (!m || !property)
      return fail(
        400,
        'Request_UnsupportedQuery',
        `Unsupported or invalid query filter clause specified for property '${term.trim()}' of resource '${type}'.`,
      );
    terms.push({ property, value: m[2].replace(/''/g, "'") });
  }
  return items.filter((item) =>
    terms.every(
      (t) => String((item as Record<string, unknown>)[t.property] ?? '').toLowerCase() === t.value.toLowerCase(),
    ),
  );
}

/**
 * Directory replication of a new application: "the write is accepted first and replicated asynchronously across
 * directory replicas" (Microsoft Entra identity blog, "Designing for Eventual Consistency for Microsoft Entra");
 * for `applicationReplicationSeconds` of Graph time after POST /applications, the app is not found by id
 * (404) and a service principal for its appId is 400 "... does not reference a valid application object."
 * ([OBS] Microsoft Q&A 5883620, a service principal created right after its application). [INF] one delay for
 * every replica; the listing by filter does not show it either.
 */
const visibleAt = new WeakMap<DirectoryApplication, number>();
const replicated = (ctx: EmulatorContext, app: DirectoryApplication | undefined): DirectoryApplication | undefined =>
  app && (visibleAt.get(app) ?? 0) <= ctx.clock.now() ? app : undefined;

const collection = (ctx: EmulatorContext, entitySet: string, value: unknown[]) =>
  jsonResponse(200, { '@odata.context': `${ctx.serviceRoot}/$metadata#${entitySet}`, value });
const store = (ctx: EmulatorContext) => directoryAppsOf(ctx.tenant);

function redirectUrisOf(v: unknown): string[] | Failure {
  const uris = object(v)?.redirectUris;
  if (uris === undefined) return [];
  if (!Array.isArray(uris) || uris.some((u) => typeof u !== 'string'))
    return badRequest("Invalid value specified for property 'publicClient' of resource 'Application'.");
  return uris as string[];
}

function resourceAccessOf(apps: DirectoryApps, v: unknown): RequiredResourceAccess[] | Failure {
  if (v === undefined) return [];
  const invalid = badRequest(
    "Invalid value specified for property 'requiredResourceAccess' of resource 'Application'.",
  );
  if (!Array.isArray(v)) return invalid;
  const out: RequiredResourceAccess[] = [];
  for (const entry of v) {
    const e = object(entry);
    const access = e?.resourceAccess;
    if (typeof e?.resourceAppId !== 'string' || !Array.isArray(access)) return invalid;
    const list: ResourceAccess[] = [];
    for (const a of access) {
      const item = object(a);
      if (typeof item?.id !== 'string' || (item.type !== 'Scope' && item.type !== 'Role')) return invalid;
      // [INF] Entra refuses a permission the resource does not publish (checked for Microsoft Graph here).
      const resource = apps.servicePrincipals.find((s) => s.appId === e.resourceAppId);
      const known =
        item.type === 'Scope'
          ? resource?.oauth2PermissionScopes.some((s) => s.id === item.id)
          : resource?.appRoles.some((r) => r.id === item.id);
      if (resource && !known)
        return badRequest(`Permission (scope or role) ${item.id} cannot be found on resource ${e.resourceAppId}.`);
      list.push({ id: item.id, type: item.type });
    }
    out.push({ resourceAppId: e.resourceAppId, resourceAccess: list });
  }
  return out;
}

/**
 * application.md signInAudience: "AzureADMyOrg, AzureADMultipleOrgs, AzureADandPersonalMicrosoftAccount,
 * PersonalMicrosoftAccount".
 */
const AUDIENCES = [
  'AzureADMyOrg',
  'AzureADMultipleOrgs',
  'AzureADandPersonalMicrosoftAccount',
  'PersonalMicrosoftAccount',
];

/** Applies the writable properties of a POST or PATCH body; a Failure leaves the application untouched. */
function applyApplicationBody(
  apps: DirectoryApps,
  target: DirectoryApplication,
  body: Record<string, unknown>,
): Failure | undefined {
  const next = { ...target };
  if ('displayName' in body) {
    if (typeof body.displayName !== 'string' || !body.displayName.trim())
      return badRequest("Invalid value specified for property 'displayName' of resource 'Application'.");
    next.displayName = body.displayName;
  }
  if ('signInAudience' in body) {
    if (typeof body.signInAudience !== 'string' || !AUDIENCES.includes(body.signInAudience))
      return badRequest("Invalid value specified for property 'signInAudience' of resource 'Application'.");
    next.signInAudience = body.signInAudience;
  }
  if ('isFallbackPublicClient' in body) {
    if (typeof body.isFallbackPublicClient !== 'boolean' && body.isFallbackPublicClient !== null)
      return badRequest("Invalid value specified for property 'isFallbackPublicClient' of resource 'Application'.");
    next.isFallbackPublicClient = body.isFallbackPublicClient;
  }
  if ('publicClient' in body) {
    const uris = redirectUrisOf(body.publicClient);
    if (uris instanceof Array) next.publicClient = { redirectUris: uris };
    else return uris;
  }
  if ('requiredResourceAccess' in body) {
    const access = resourceAccessOf(apps, body.requiredResourceAccess);
    if (access instanceof Array) next.requiredResourceAccess = access;
    else return access;
  }
  if ('tags' in body) {
    if (!Array.isArray(body.tags) || body.tags.some((t) => typeof t !== 'string'))
      return badRequest("Invalid value specified for property 'tags' of resource 'Application'.");
    next.tags = body.tags as string[];
  }
  Object.assign(target, next);
  return undefined;
}

/** GET /applications (application-list.md): $filter on appId / displayName. */
function listApplications(ctx: EmulatorContext, req: GraphRequest): Result {
  const apps = store(ctx).applications.filter((a) => replicated(ctx, a));
  const found = filterBy(req, apps, ['appId', 'displayName'], 'Application');
  return found instanceof Array ? collection(ctx, 'applications', found) : found;
}

/** POST /applications (application-post-applications.md): "201 Created and an application object";
 *  displayName is required; signInAudience defaults to AzureADMyOrg. */
function postApplication(ctx: EmulatorContext, req: GraphRequest): Result {
  const body = object(req.body);
  if (!body || typeof body.displayName !== 'string')
    return badRequest("Property 'displayName' is required on resource 'Application'.");
  const apps = store(ctx);
  const app: DirectoryApplication = {
    id: apps.newId(),
    appId: apps.newId(),
    displayName: '',
    createdDateTime: now(ctx),
    signInAudience: 'AzureADMyOrg',
    isFallbackPublicClient: null,
    publicClient: { redirectUris: [] },
    requiredResourceAccess: [],
    tags: [],
  };
  const refused = applyApplicationBody(apps, app, body);
  if (refused) return refused;
  apps.applications.push(app);
  visibleAt.set(app, ctx.clock.now() + ctx.applicationReplicationSeconds * 1000);
  return jsonResponse(201, { '@odata.context': `${ctx.serviceRoot}/$metadata#applications/$entity`, ...app });
}

function getApplication(ctx: EmulatorContext, _req: GraphRequest, [id]: string[]): Result {
  const app = replicated(ctx, store(ctx).application(id));
  return app
    ? jsonResponse(200, { '@odata.context': `${ctx.serviceRoot}/$metadata#applications/$entity`, ...app })
    : notFound(id);
}

/** PATCH /applications/{id} (application-update.md): "204 No Content". */
function patchApplication(ctx: EmulatorContext, req: GraphRequest, [id]: string[]): Result {
  const apps = store(ctx);
  const app = replicated(ctx, apps.application(id));
  if (!app) return notFound(id);
  const body = object(req.body);
  if (!body) return badRequest(Messages.invalidJson);
  return applyApplicationBody(apps, app, body) ?? noContent();
}

/** GET /applications/{id}/federatedIdentityCredentials (federatedidentitycredential-list.md). */
function listFederatedCredentials(ctx: EmulatorContext, _req: GraphRequest, [id]: string[]): Result {
  const apps = store(ctx);
  if (!replicated(ctx, apps.application(id))) return notFound(id);
  return collection(ctx, `applications('${id}')/federatedIdentityCredentials`, apps.federatedCredentials.get(id) ?? []);
}

/**
 * POST /applications/{id}/federatedIdentityCredentials (federatedidentitycredential-post.md):
 * name, issuer, subject and audiences required, "201 Created". federatedidentitycredential.md:
 * audiences "can contain only a single value", the name is unique per application, and "a maximum
 * of 20 objects can be added to an application"; the issuer and subject pair is unique ([INF] wording).
 */
function postFederatedCredential(ctx: EmulatorContext, req: GraphRequest, [id]: string[]): Result {
  const apps = store(ctx);
  if (!replicated(ctx, apps.application(id))) return notFound(id);
  const body = object(req.body);
  const text = (name: string) =>
    typeof body?.[name] === 'string' && (body[name] as string).trim() ? (body[name] as string) : undefined;
  const [name, issuer, subject] = [text('name'), text('issuer'), text('subject')];
  const audiences = body?.audiences;
  if (!name || !issuer || !subject)
    return badRequest('name, issuer and subject are required on resource federatedIdentityCredential.');
  if (!Array.isArray(audiences) || audiences.length !== 1 || typeof audiences[0] !== 'string')
    return badRequest('audiences must contain exactly one value.');
  const existing = apps.federatedCredentials.get(id) ?? [];
  if (existing.length >= 20) return badRequest('An application can have at most 20 federated identity credentials.');
  if (existing.some((c) => c.name.toLowerCase() === name.toLowerCase()))
    return fail(
      409,
      'Request_MultipleObjectsWithSameKeyValue',
      `A federated identity credential named '${name}' already exists on this application.`,
    );
  if (existing.some((c) => c.issuer === issuer && c.subject === subject))
    return fail(
      409,
      'Request_MultipleObjectsWithSameKeyValue',
      'A federated identity credential with this issuer and subject already exists on this application.',
    );
  const credential = {
    id: apps.newId(),
    name,
    issuer,
    subject,
    audiences: [audiences[0] as string],
    description: typeof body?.description === 'string' ? body.description : null,
  };
  apps.federatedCredentials.set(id, [...existing, credential]);
  return jsonResponse(201, {
    '@odata.context': `${ctx.serviceRoot}/$metadata#applications('${id}')/federatedIdentityCredentials/$entity`,
    ...credential,
  });
}

/** The servicePrincipal properties the emulator keeps (serviceprincipal resource): what `$select` may name. */
const SERVICE_PRINCIPAL_PROPERTIES = new Set([
  'id',
  'appId',
  'displayName',
  'appOwnerOrganizationId',
  'oauth2PermissionScopes',
  'appRoles',
]);

/** GET /servicePrincipals (serviceprincipal-list.md): $filter on appId; "supports the $select ... OData query
 *  parameters" (same page), so only the named properties come back, and an unknown one is a 400. */
function listServicePrincipals(ctx: EmulatorContext, req: GraphRequest): Result {
  const select = parseSelect(req.query, SERVICE_PRINCIPAL_PROPERTIES, 'microsoft.graph.servicePrincipal');
  if (isFailure(select)) return select;
  const found = filterBy(req, store(ctx).servicePrincipals, ['appId', 'displayName'], 'ServicePrincipal');
  if (!(found instanceof Array)) return found;
  const value = select.length
    ? found.map((sp) => Object.fromEntries(select.map((p) => [p, (sp as unknown as Record<string, unknown>)[p]])))
    : found;
  return collection(ctx, 'servicePrincipals', value);
}

/** POST /servicePrincipals (serviceprincipal-post-serviceprincipals.md): body `{appId}`, "201 Created". */
function postServicePrincipal(ctx: EmulatorContext, req: GraphRequest): Result {
  const apps = store(ctx);
  const appId = object(req.body)?.appId;
  if (typeof appId !== 'string') return badRequest("Property 'appId' is required on resource 'ServicePrincipal'.");
  const app = replicated(
    ctx,
    apps.applications.find((a) => a.appId === appId),
  );
  // [OBS] Q&A 5883620 for the first wording; [INF] one service principal per application and tenant.
  if (!app)
    return badRequest(`The appId '${appId}' of the service principal does not reference a valid application object.`);
  if (apps.servicePrincipals.some((s) => s.appId === appId))
    return fail(
      409,
      'Request_MultipleObjectsWithSameKeyValue',
      'The service principal cannot be created, updated, or restored because the service principal name is already in use.',
    );
  const sp = {
    id: apps.newId(),
    appId,
    displayName: app.displayName,
    appOwnerOrganizationId: apps.tenantId,
    oauth2PermissionScopes: [],
    appRoles: [],
  };
  apps.servicePrincipals.push(sp);
  return jsonResponse(201, { '@odata.context': `${ctx.serviceRoot}/$metadata#servicePrincipals/$entity`, ...sp });
}

/**
 * Who may consent for the whole organization (entra-docs grant-admin-consent.md, Prerequisites):
 * Privileged Role Administrator for any permission; Cloud Application Administrator or Application
 * Administrator for any "except Microsoft Graph app roles (application permissions)". Global
 * Administrator holds every permission.
 */
const CONSENT_ANY = ['Global Administrator', 'Privileged Role Administrator'];
const CONSENT_DELEGATED = [...CONSENT_ANY, 'Cloud Application Administrator', 'Application Administrator'];

function mayConsent(req: GraphRequest, roles: readonly string[]): boolean {
  const grant = req.grant;
  if (grant?.kind !== 'delegated') return true; // app-only callers are judged by their permission alone
  return grant.directoryRoles.some((r) => roles.some((w) => w.toLowerCase() === r.toLowerCase()));
}

const denied = () => fail(403, 'Authorization_RequestDenied', Messages.insufficientPrivileges);

/** GET /servicePrincipals/{id}/appRoleAssignments (serviceprincipal-list-approleassignments.md). */
function listAppRoleAssignments(ctx: EmulatorContext, _req: GraphRequest, [id]: string[]): Result {
  const apps = store(ctx);
  if (!apps.servicePrincipal(id)) return notFound(id);
  return collection(
    ctx,
    `servicePrincipals('${id}')/appRoleAssignments`,
    apps.appRoleAssignments.filter((a) => a.principalId === id),
  );
}

/**
 * POST /servicePrincipals/{id}/appRoleAssignments (serviceprincipal-post-approleassignments.md):
 * principalId, resourceId, appRoleId required, "201 Created"; an app role the resource does not
 * define, or one already assigned, is refused ([INF] wordings).
 */
function postAppRoleAssignment(ctx: EmulatorContext, req: GraphRequest, [id]: string[]): Result {
  const apps = store(ctx);
  const principal = apps.servicePrincipal(id);
  if (!principal) return notFound(id);
  const body = object(req.body);
  const [principalId, resourceId, appRoleId] = [body?.principalId, body?.resourceId, body?.appRoleId];
  if (typeof principalId !== 'string' || typeof resourceId !== 'string' || typeof appRoleId !== 'string')
    return badRequest('principalId, resourceId and appRoleId are required on resource appRoleAssignment.');
  if (principalId !== id)
    return badRequest('The principalId must be the service principal the assignment is created on.');
  const resource = apps.servicePrincipal(resourceId);
  if (!resource) return notFound(resourceId);
  if (!resource.appRoles.some((r) => r.id === appRoleId))
    return badRequest('Permission being assigned was not found on application');
  if (resource.appId === GRAPH_APP_ID ? !mayConsent(req, CONSENT_ANY) : !mayConsent(req, CONSENT_DELEGATED))
    return denied();
  if (
    apps.appRoleAssignments.some(
      (a) => a.principalId === id && a.resourceId === resourceId && a.appRoleId === appRoleId,
    )
  )
    return badRequest('Permission being assigned already exists on the object');
  const assignment = {
    id: apps.newId(),
    principalId,
    principalType: 'ServicePrincipal' as const,
    resourceId,
    appRoleId,
    createdDateTime: now(ctx),
    principalDisplayName: principal.displayName,
    resourceDisplayName: resource.displayName,
  };
  apps.appRoleAssignments.push(assignment);
  return jsonResponse(201, {
    '@odata.context': `${ctx.serviceRoot}/$metadata#servicePrincipals('${id}')/appRoleAssignments/$entity`,
    ...assignment,
  });
}

/** GET /oauth2PermissionGrants (oauth2permissiongrant-list.md): $filter on clientId, consentType, resourceId. */
function listPermissionGrants(ctx: EmulatorContext, req: GraphRequest): Result {
  const found = filterBy(
    req,
    store(ctx).grants,
    ['clientId', 'consentType', 'resourceId', 'principalId'],
    'OAuth2PermissionGrant',
  );
  return found instanceof Array ? collection(ctx, 'oauth2PermissionGrants', found) : found;
}

/** scope: "A space-separated list of the claim values for delegated permissions" (oauth2permissiongrant.md). */
function unknownScopes(apps: DirectoryApps, resourceId: string, scope: string): string[] {
  const published = apps.servicePrincipal(resourceId)?.oauth2PermissionScopes.map((s) => s.value.toLowerCase()) ?? [];
  return scope
    .split(' ')
    .filter(Boolean)
    .filter((s) => !published.includes(s.toLowerCase()));
}

/**
 * POST /oauth2PermissionGrants (oauth2permissiongrant-post.md): clientId, consentType, resourceId,
 * scope; principalId only for consentType Principal; "201 Created". Consent for all principals needs
 * an administrator who may consent (grant-admin-consent.md), else 403.
 */
function postPermissionGrant(ctx: EmulatorContext, req: GraphRequest): Result {
  const apps = store(ctx);
  const body = object(req.body);
  const { clientId, consentType, resourceId, scope } = body ?? {};
  if (
    typeof clientId !== 'string' ||
    typeof resourceId !== 'string' ||
    typeof scope !== 'string' ||
    (consentType !== 'AllPrincipals' && consentType !== 'Principal')
  ) {
    return badRequest(
      'clientId, consentType (AllPrincipals or Principal), resourceId and scope are required on resource oAuth2PermissionGrant.',
    );
  }
  const principalId = typeof body?.principalId === 'string' ? body.principalId : null;
  if ((consentType === 'Principal') !== (principalId !== null))
    return badRequest('principalId is required for consentType Principal and not allowed for AllPrincipals.');
  if (!GUID.test(clientId) || !apps.servicePrincipal(clientId)) return notFound(clientId);
  if (!apps.servicePrincipal(resourceId)) return notFound(resourceId);
  const unknown = unknownScopes(apps, resourceId, scope);
  if (unknown.length) return badRequest(`Invalid scope: ${unknown.join(' ')}.`);
  if (consentType === 'AllPrincipals' && !mayConsent(req, CONSENT_DELEGATED)) return denied();
  if (
    apps.grants.some(
      (g) =>
        g.clientId === clientId &&
        g.resourceId === resourceId &&
        g.consentType === consentType &&
        g.principalId === principalId,
    )
  ) {
    return fail(409, 'Request_MultipleObjectsWithSameKeyValue', 'Permission entry already exists.');
  }
  const grant = { id: apps.newId(), clientId, consentType, principalId, resourceId, scope } as const;
  apps.grants.push({ ...grant });
  return jsonResponse(201, {
    '@odata.context': `${ctx.serviceRoot}/$metadata#oauth2PermissionGrants/$entity`,
    ...grant,
  });
}

/** PATCH /oauth2PermissionGrants/{id} (oauth2permissiongrant-update.md): only `scope`, "204 No Content". */
function patchPermissionGrant(ctx: EmulatorContext, req: GraphRequest, [id]: string[]): Result {
  const apps = store(ctx);
  const grant = apps.grants.find((g) => g.id === id);
  if (!grant) return notFound(id);
  const scope = object(req.body)?.scope;
  if (typeof scope !== 'string') return badRequest("Property 'scope' is required.");
  const unknown = unknownScopes(apps, grant.resourceId, scope);
  if (unknown.length) return badRequest(`Invalid scope: ${unknown.join(' ')}.`);
  if (grant.consentType === 'AllPrincipals' && !mayConsent(req, CONSENT_DELEGATED)) return denied();
  grant.scope = scope;
  return noContent();
}

/**
 * Routes for router.ts. Resource units (throttling-limits.md): GET applications 2, GET oauth2PermissionGrants 2,
 * GET servicePrincipals/{id}/appRoleAssignments 2; "any path not listed" 1.
 */
export const DIRECTORY_APP_ROUTES = [
  { method: 'GET', segments: ['applications'], kind: 'read', resourceUnits: 2, handle: listApplications },
  { method: 'POST', segments: ['applications'], kind: 'write', resourceUnits: 1, handle: postApplication },
  { method: 'GET', segments: ['applications', '{id}'], kind: 'read', resourceUnits: 1, handle: getApplication },
  { method: 'PATCH', segments: ['applications', '{id}'], kind: 'write', resourceUnits: 1, handle: patchApplication },
  {
    method: 'GET',
    segments: ['applications', '{id}', 'federatedIdentityCredentials'],
    kind: 'read',
    resourceUnits: 1,
    handle: listFederatedCredentials,
  },
  {
    method: 'POST',
    segments: ['applications', '{id}', 'federatedIdentityCredentials'],
    kind: 'write',
    resourceUnits: 1,
    handle: postFederatedCredential,
  },
  { method: 'GET', segments: ['servicePrincipals'], kind: 'read', resourceUnits: 1, handle: listServicePrincipals },
  { method: 'POST', segments: ['servicePrincipals'], kind: 'write', resourceUnits: 1, handle: postServicePrincipal },
  {
    method: 'GET',
    segments: ['servicePrincipals', '{id}', 'appRoleAssignments'],
    kind: 'read',
    resourceUnits: 2,
    handle: listAppRoleAssignments,
  },
  {
    method: 'POST',
    segments: ['servicePrincipals', '{id}', 'appRoleAssignments'],
    kind: 'write',
    resourceUnits: 1,
    handle: postAppRoleAssignment,
  },
  { method: 'GET', segments: ['oauth2PermissionGrants'], kind: 'read', resourceUnits: 2, handle: listPermissionGrants },
  {
    method: 'POST',
    segments: ['oauth2PermissionGrants'],
    kind: 'write',
    resourceUnits: 1,
    handle: postPermissionGrant,
  },
  {
    method: 'PATCH',
    segments: ['oauth2PermissionGrants', '{id}'],
    kind: 'write',
    resourceUnits: 1,
    handle: patchPermissionGrant,
  },
] as const;
