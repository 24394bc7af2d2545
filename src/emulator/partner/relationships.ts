import { type RelationshipFixture, type RelationshipStatus, ROLE_NAMES } from './gdap-fixture';

const DAY_MS = 86_400_000;

/** A relationship as Graph shows it at `nowMs` (epoch ms). */
export interface RelationshipView {
  readonly fixture: RelationshipFixture;
  readonly status: RelationshipStatus;
  readonly endDateTime: string | null;
}

/**
 * The relationship at `nowMs`: an active one past its endDateTime is extended by 180 days at a time when its
 * autoExtendDuration is P180D, else it is `expired` (delegatedadminrelationship.md: "PT0S indicates that the
 * relationship expires when the endDateTime is reached and it isn't automatically extended"; `expiring`: [INF] the
 * emulator never shows it unless the fixture says so).
 */
export function relationshipAt(fixture: RelationshipFixture, nowMs: number): RelationshipView {
  const active = fixture.status === 'active' || fixture.status === 'expiring';
  if (!active || fixture.endDateTime === null)
    return { fixture, status: fixture.status, endDateTime: fixture.endDateTime };
  let end = Date.parse(fixture.endDateTime);
  if (end > nowMs) return { fixture, status: fixture.status, endDateTime: fixture.endDateTime };
  if (fixture.autoExtendDuration !== 'P180D') return { fixture, status: 'expired', endDateTime: fixture.endDateTime };
  while (end <= nowMs) end += 180 * DAY_MS;
  return { fixture, status: 'active', endDateTime: new Date(end).toISOString() };
}

/**
 * The directory roles a partner admin holds in `customerTenantId` through the partner's relationships active at
 * `nowMs`: the union of their unifiedRoles (the relationship's roles are what the partner admin is "requesting in the
 * customer tenant", delegatedadminrelationship.md). [INF] every partner admin is taken to be in the access
 * assignments of every role (Partner Center maps security groups to roles); undefined = no active relationship.
 */
export function gdapRoles(
  relationships: readonly RelationshipFixture[],
  customerTenantId: string,
  nowMs: number,
): string[] | undefined {
  const active = relationships
    .filter((r) => r.customer.tenantId.toLowerCase() === customerTenantId.toLowerCase())
    .map((r) => relationshipAt(r, nowMs))
    .filter((v) => v.status === 'active' || v.status === 'expiring');
  if (!active.length) return undefined;
  return [
    ...new Set(
      active.flatMap((v) => v.fixture.roleDefinitionIds.map((id) => ROLE_NAMES[id.toLowerCase()] ?? id.toLowerCase())),
    ),
  ];
}

/** The v1.0 JSON of one relationship (tenantrelationship-list-delegatedadminrelationships.md example). */
export function relationshipJson(view: RelationshipView): Record<string, unknown> {
  const f = view.fixture;
  return {
    '@odata.type': '#microsoft.graph.delegatedAdminRelationship',
    id: f.id,
    displayName: f.displayName,
    duration: f.duration,
    customer: { tenantId: f.customer.tenantId, displayName: f.customer.displayName },
    accessDetails: { unifiedRoles: f.roleDefinitionIds.map((roleDefinitionId) => ({ roleDefinitionId })) },
    status: view.status,
    autoExtendDuration: f.autoExtendDuration ?? 'PT0S',
    createdDateTime: f.createdDateTime ?? null,
    lastModifiedDateTime: f.createdDateTime ?? null,
    activatedDateTime: f.activatedDateTime ?? null,
    endDateTime: view.endDateTime,
  };
}
