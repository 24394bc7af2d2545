/**
 * Granular delegated admin privileges (GDAP) and per-tenant consent, as fixture data.
 *
 * A relationship follows the v1.0 delegatedAdminRelationship resource (graph-docs
 * api-reference/v1.0/resources/delegatedadminrelationship.md, learn.microsoft.com/graph/api/resources/
 * delegatedadminrelationship): `customer {tenantId, displayName}`, `accessDetails.unifiedRoles [{roleDefinitionId}]`,
 * `duration` (ISO 8601, "between P1D and P2Y"), `autoExtendDuration` ("Supported values are: P0D, PT0S, P180D. The
 * default value is PT0S. PT0S indicates that the relationship expires when the endDateTime is reached and it isn't
 * automatically extended"), `endDateTime` ("endDateTime = activatedDateTime + duration") and `status` ("activating,
 * active, approvalPending, approved, created, expired, expiring, terminated, terminating, terminationRequested").
 */
export type RelationshipStatus =
  | 'activating'
  | 'active'
  | 'approvalPending'
  | 'approved'
  | 'created'
  | 'expired'
  | 'expiring'
  | 'terminated'
  | 'terminating'
  | 'terminationRequested';

export interface RelationshipFixture {
  readonly id: string;
  readonly displayName: string;
  readonly customer: { readonly tenantId: string; readonly displayName: string };
  /** Template ids of Microsoft Entra built-in roles (ROLE_NAMES below). */
  readonly roleDefinitionIds: readonly string[];
  readonly status: RelationshipStatus;
  /** ISO 8601 duration, e.g. P730D. */
  readonly duration: string;
  /** 'PT0S' (default), 'P0D' or 'P180D'. */
  readonly autoExtendDuration?: 'PT0S' | 'P0D' | 'P180D';
  /** ISO 8601 UTC; null while the relationship is not active yet. */
  readonly endDateTime: string | null;
  readonly activatedDateTime?: string | null;
  readonly createdDateTime?: string;
}

/**
 * A multi-tenant application consented in a tenant: its service principal exists there with these application
 * permissions granted (entra-docs v2-admin-consent.md: admin consent "grants the permissions ... for the whole
 * tenant"). `roles` unset: every permission (an unrestricted token, as the emulator's default token).
 */
export interface AppConsentFixture {
  readonly appId: string;
  readonly roles?: readonly string[];
}

/**
 * Microsoft Entra built-in roles by template id, from the "Microsoft Entra built-in roles" page (entra-docs
 * identity/role-based-access-control/permissions-reference.md, learn.microsoft.com/entra/identity/
 * role-based-access-control/permissions-reference), "All roles" table. GDAP's unifiedRoles name roles by these ids.
 */
export const ROLE_NAMES: Readonly<Record<string, string>> = {
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
  '4d6ac14f-3453-41d0-bef9-a3e0c569773a': 'License Administrator',
  'fe930be7-5e62-47db-91af-98c3a49a38b1': 'User Administrator',
  '9360feb5-f418-4baa-8175-e2a00bac4301': 'Directory Writers',
  'fdd7a751-b60b-444a-984c-02652fe8fa1c': 'Groups Administrator',
  'f2ef992c-3afb-46b9-b7cf-a126ee74c451': 'Global Reader',
  '69091246-20e8-4a56-aa4d-066075b2a7a8': 'Teams Administrator',
  'baf37b3a-610e-45da-9e62-d9d1e5e8914b': 'Teams Communications Administrator',
};
