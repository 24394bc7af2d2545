/**
 * Documented permissions of the Teams telephone number and user configuration endpoints; merged into
 * ENDPOINT_PERMISSIONS (permissions.ts). Delegated and application are the same on every page:
 * - list/get numberAssignments, get operations: TeamsTelephoneNumber.Read.All least privileged, then
 *   TeamsTelephoneNumber.ReadWrite.All (…-list-numberassignments.md, …-numberassignment-get.md,
 *   …-telephonenumberlongrunningoperation-get.md);
 * - assignNumber, unassignNumber, updateNumber: TeamsTelephoneNumber.ReadWrite.All, "Not available." higher;
 * - userConfigurations list/get: TeamsUserConfiguration.Read.All, "Not available." higher.
 */
const NUMBER_READ = ['TeamsTelephoneNumber.Read.All', 'TeamsTelephoneNumber.ReadWrite.All'];
const NUMBER_WRITE = ['TeamsTelephoneNumber.ReadWrite.All'];
const USER_CONFIGURATION = ['TeamsUserConfiguration.Read.All'];
const both = (list: readonly string[]) => ({ delegated: list, application: list });

const NUMBERS = '/admin/teams/telephoneNumberManagement';
export const TEAMS_PERMISSIONS = {
  [`GET ${NUMBERS}/numberAssignments`]: both(NUMBER_READ),
  [`GET ${NUMBERS}/numberAssignments/{id}`]: both(NUMBER_READ),
  [`GET ${NUMBERS}/operations/{id}`]: both(NUMBER_READ),
  [`POST ${NUMBERS}/numberAssignments/assignNumber`]: both(NUMBER_WRITE),
  [`POST ${NUMBERS}/numberAssignments/unassignNumber`]: both(NUMBER_WRITE),
  [`POST ${NUMBERS}/numberAssignments/updateNumber`]: both(NUMBER_WRITE),
  'GET /admin/teams/userConfigurations': both(USER_CONFIGURATION),
  'GET /admin/teams/userConfigurations/{id}': both(USER_CONFIGURATION),
} as const;

/**
 * Directory roles a delegated call needs on top of its scope. "In delegated scenarios ... the signed-in user
 * must ... be assigned a supported Microsoft Entra role" is the rule of Graph's admin APIs; for Teams voice the
 * least privileged one is Teams Communications Administrator (Entra built-in roles: "Can manage calling and
 * meetings features within the Microsoft Teams service"), beside Teams Administrator and Global Administrator.
 * [INF] Reads also accept the read-only roles: Global Reader and the Teams Communications Support roles.
 */
const WRITE_ROLES = ['Teams Communications Administrator', 'Teams Administrator', 'Global Administrator'];
const READ_ROLES = [
  ...WRITE_ROLES,
  'Global Reader',
  'Teams Communications Support Engineer',
  'Teams Communications Support Specialist',
];

export function teamsRoles(routeKey: string): readonly string[] | undefined {
  if (!routeKey.includes('/admin/teams/')) return undefined;
  return routeKey.startsWith('POST ') ? WRITE_ROLES : READ_ROLES;
}
