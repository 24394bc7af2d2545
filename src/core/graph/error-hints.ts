import { deferred, english, type Translate } from '../text/translate';
import type { AccessClaims } from '../auth/access-claims';

/**
 * Plain-words advice for the failures admins meet. Almost every licensing failure is a 400
 * `Request_BadRequest` told apart only by its message (user-assignlicense.md, errors.md), so the match is on text,
 * using the wording Graph returns today; an unknown text simply gets no hint.
 * These hints are constant messages, kept in English in results and journals and translated
 * where shown (`t(error.hint)`); a 403's hint is made from what the token holds, so it is made in
 * the connection's language instead (forbiddenHint).
 */
const BY_MESSAGE: readonly (readonly [RegExp, string])[] = [
  [
    /does not have any available licenses/i,
    deferred('No seats left in this subscription: buy or free seats, then retry the failed users.'),
  ],
  [
    /invalid usage location|without a usage location/i,
    deferred(
      "Set the user's usage location first: add `usage-location XX` (two-letter country) to the block and retry.",
    ),
  ],
  [
    /are mutually exclusive/i,
    deferred(
      'The user holds a plan that cannot be combined with this one (two Calling Plans, E1 and E3, ...): remove the other license in the same block or disable the conflicting plan.',
    ),
  ],
  [
    /depends on the service plan/i,
    deferred(
      'A plan needs another one first (a Calling Plan needs Teams Phone Standard, MCOEV): assign the base license in the same block, or keep it when removing.',
    ),
  ],
  [
    /inherited from a group membership/i,
    deferred("The license comes from a group: change the group's licenses or the user's membership."),
  ],
  [
    /does not have a corresponding license/i,
    deferred('The user no longer holds this license (it changed since it was read): run the plan again.'),
  ],
  [
    /does not correspond to a valid company license/i,
    deferred('The tenant has no subscription with this skuId: check the SKU against the tenant.'),
  ],
  [
    /cannot be assigned to a user/i,
    deferred('This SKU applies to the company, not to users: take it out of the file.'),
  ],
  [/property 'usageLocation'/i, deferred('Use a two-letter ISO 3166 country code, such as US, GB or FR.')],
];

const BY_STATUS: Readonly<Record<number, string>> = {
  401: deferred('Sign in again: the access token is missing or expired.'),
  404: deferred('No such user: check the spelling of the UPN or id; the user may have been renamed or deleted.'),
  429: deferred('Graph kept throttling this request: retry the failed users later.'),
};

/** Codes Graph writes in `licenseAssignmentStates[].error` (licenseassignmentstate.md). */
const BY_STATE_ERROR: Readonly<Record<string, string>> = {
  CountViolation: deferred('No seats left in this subscription: buy or free seats.'),
  MutuallyExclusiveViolation: deferred(
    'The user holds a plan that cannot be combined with this license: remove the conflicting license or disable the plan.',
  ),
  DependencyViolation: deferred(
    'A plan of this license needs another plan the user does not have (a Calling Plan needs Teams Phone Standard).',
  ),
  ProhibitedInUsageLocationViolation: deferred(
    "This license is not allowed in the user's usage location: check the usage location.",
  ),
  UniquenessViolation: deferred("The user's proxy address clashes with another object's: fix the address in Exchange."),
  Other: deferred("Graph did not say why: check the group's other licenses and the audit log."),
};

/** Engine codes (user-error.ts, and the names of the errors graph/ raises) with their advice. */
const BY_CODE: Readonly<Record<string, string>> = {
  Request_ResourceNotFound: BY_STATUS[404],
  ConnectionDropped: deferred(
    'The connection to Graph failed: retry the failed users (safe: the run re-reads each user first).',
  ),
  RequestTimeout: deferred(
    'The connection to Graph failed: retry the failed users (safe: the run re-reads each user first).',
  ),
  GraphDeadline: deferred(
    'Graph kept failing or did not answer until the deadline: retry the failed users later (safe: the run re-reads each user first).',
  ),
  UnexpectedContentType: deferred(
    'Something between you and Graph (a proxy, a captive portal, a wrong LICENSES_GRAPH_URL) answered instead of Graph: check the network and the Graph URL.',
  ),
  MalformedAnswer: deferred(
    'Graph, or a proxy in front of it, answered something that is not a Graph answer: check the Graph URL and the network, then retry.',
  ),
  AnswerLost: deferred('Run the plan again: it re-reads the user and sends only what is still missing.'),
  RefusedEndpoint: deferred(
    'Use the https Graph root of your cloud (e.g. https://graph.microsoft.com/v1.0); plain http is for the local emulator only.',
  ),
};

export function hintFor(status: number | undefined, code: string, message: string): string | undefined {
  for (const [pattern, hint] of BY_MESSAGE) if (pattern.test(message)) return hint;
  if (Object.hasOwn(BY_CODE, code)) return BY_CODE[code];
  if (status !== undefined && status >= 500) {
    return deferred('Graph had a temporary problem: retry the failed users (safe: the run re-reads each user first).');
  }
  if (status === 403) return forbiddenHint('write');
  return status === undefined ? undefined : BY_STATUS[status];
}

export function hintForStateError(error: string): string | undefined {
  return BY_STATE_ERROR[error];
}

/**
 * Documented permissions (graph-docs user-assignlicense.md, user-update.md, subscribedsku-list.md,
 * user-get.md), lower-cased as the claims are compared. Each entry: any one of these will do.
 */
const WRITE_SCOPES = ['User.ReadWrite.All', 'Directory.ReadWrite.All'];
const LICENSE_SCOPES = ['LicenseAssignment.ReadWrite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'];
const SKU_READ_SCOPES = [
  'LicenseAssignment.Read.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
  'Organization.Read.All',
  'Organization.ReadWrite.All',
];
const USER_READ_SCOPES = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];

/**
 * Roles a delegated caller of assignLicense needs at least one of (user-assignlicense.md), by
 * template id (Entra built-in roles reference), and Global Administrator, which includes them.
 */
const LICENSE_ROLES: Readonly<Record<string, string>> = {
  '4d6ac14f-3453-41d0-bef9-a3e0c569773a': 'License Administrator',
  'fe930be7-5e62-47db-91af-98c3a49a38b1': 'User Administrator',
  '9360feb5-f418-4baa-8175-e2a00bac4301': 'Directory Writers',
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
};
const ROLE_NAMES = 'License Administrator, User Administrator or Directory Writers';
/**
 * Least privileged roles for reading subscribedSkus "where the signed-in user is acting on another user"
 * (subscribedsku-list.md, rbac-company-subscriptions-subscribedskus-apis.md): Global Reader, Directory Readers.
 */
const READ_ROLE_NAMES = 'Directory Readers or Global Reader';

/**
 * A 403, in words that name what is missing when the token tells (access-claims.ts): a scope or
 * application permission, or — for delegated writes, which need both — an active Entra role.
 * `t`: the connection's language (connection.ts), since these hints are made, not looked up.
 */
export function forbiddenHint(need: 'read' | 'write', access?: AccessClaims, t: Translate = english): string {
  const hint = permissionHint(need, access, t);
  if (need === 'write' || access?.kind === 'app') return hint;
  // A signed-in admin most often lacks the role rather than the scope: say both.
  return `${hint} ${t(
    'A delegated sign-in also needs an active Entra role: {0} to read the tenant, {1} to change licenses; {2}.',
    READ_ROLE_NAMES,
    ROLE_NAMES,
    t('a role that is only eligible in Privileged Identity Management (PIM) must be activated first'),
  )}`;
}

function permissionHint(need: 'read' | 'write', access: AccessClaims | undefined, t: Translate): string {
  const groups = need === 'write' ? [LICENSE_SCOPES, WRITE_SCOPES] : [SKU_READ_SCOPES, USER_READ_SCOPES];
  const and = t(' and ');
  const first = groups.map((g) => g[0]).join(and);
  const pim = t('a role that is only eligible in Privileged Identity Management (PIM) must be activated first');
  if (!access) {
    return need === 'write'
      ? t(
          'Graph refused the change. Delegated sign-in needs the {0} permissions (consented) and an active Entra role: {1}; {2}. App-only needs the {0} application permissions with admin consent.',
          first,
          ROLE_NAMES,
          pim,
        )
      : t(
          'Graph refused the read: the account or app needs {0} (or broader, such as Directory.Read.All), consented.',
          first,
        );
  }
  const missing = groups.filter((g) => !g.some((p) => access.permissions.has(p.toLowerCase()))).map((g) => g[0]);
  const app = access.kind === 'app';
  if (missing.length) {
    const names = missing.join(and);
    if (app) {
      return missing.length > 1
        ? t(
            'The token lacks the {0} application permissions: add it to the app registration as an application permission and grant admin consent.',
            names,
          )
        : t(
            'The token lacks the {0} application permission: add it to the app registration as an application permission and grant admin consent.',
            names,
          );
    }
    return missing.length > 1
      ? t(
          'The token lacks the {0} permissions: add it to the app registration, grant consent, then sign in again.',
          names,
        )
      : t(
          'The token lacks the {0} permission: add it to the app registration, grant consent, then sign in again.',
          names,
        );
  }
  if (app)
    return t(
      'The token has the application permissions this needs, yet Graph refused: check that admin consent was granted for this tenant.',
    );
  if (need === 'read')
    return t(
      'The token has the permissions this needs, yet Graph refused: check that admin consent was granted for this tenant.',
    );
  if (access.roleTemplateIds) {
    const held = Object.keys(LICENSE_ROLES).filter((id) => access.roleTemplateIds!.has(id));
    if (!held.length)
      return t(
        'The token has the permissions, but the signed-in account holds none of the roles license changes need ({0}); {1}, then sign in again.',
        ROLE_NAMES,
        pim,
      );
    return t(
      'The token has the permissions and the account is {0}, yet Graph refused: the role may be scoped to an administrative unit that does not hold this user.',
      LICENSE_ROLES[held[0]],
    );
  }
  return t(
    'The token has the permissions; delegated writes also need an active Entra role ({0}); {1}.',
    ROLE_NAMES,
    pim,
  );
}
