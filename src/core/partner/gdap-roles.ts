import { deferred, type Translate } from '../text/translate';

/**
 * Microsoft Entra built-in roles a partner's GDAP relationship may grant, by template id: GDAP's
 * `accessDetails.unifiedRoles` name roles only by these ids (graph-docs resources/delegatedadminrelationship.md).
 * Ids from "Microsoft Entra built-in roles", All roles table
 * (learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference).
 */
export const LICENSE_ADMINISTRATOR = '4d6ac14f-3453-41d0-bef9-a3e0c569773a';
export const USER_ADMINISTRATOR = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';
const DIRECTORY_WRITERS = '9360feb5-f418-4baa-8175-e2a00bac4301';

const ROLE_NAMES: Readonly<Record<string, string>> = {
  [LICENSE_ADMINISTRATOR]: deferred('License Administrator'),
  [USER_ADMINISTRATOR]: deferred('User Administrator'),
  [GLOBAL_ADMINISTRATOR]: deferred('Global Administrator'),
  [DIRECTORY_WRITERS]: deferred('Directory Writers'),
  'fdd7a751-b60b-444a-984c-02652fe8fa1c': deferred('Groups Administrator'),
  'f2ef992c-3afb-46b9-b7cf-a126ee74c451': deferred('Global Reader'),
  '69091246-20e8-4a56-aa4d-066075b2a7a8': deferred('Teams Administrator'),
  'baf37b3a-610e-45da-9e62-d9d1e5e8914b': deferred('Teams Communications Administrator'),
};

/** A role's name in `t`'s language, or its template id when it is not one licensing cares about. */
export const roleName = (id: string, t: Translate): string => {
  const name = ROLE_NAMES[id.toLowerCase()];
  return name ? t(name) : id;
};

/**
 * Roles that let a partner admin assign licenses in the customer: "Directory Writers, License Administrator, User
 * Administrator" for delegated assignLicense (graph-docs api/user-assignlicense.md), and Global Administrator, which
 * holds every permission of the built-in roles reference.
 */
export const LICENSING_ROLES: readonly string[] = [
  LICENSE_ADMINISTRATOR,
  USER_ADMINISTRATOR,
  DIRECTORY_WRITERS,
  GLOBAL_ADMINISTRATOR,
];
