/**
 * The Teams side of a tenant fixture: its telephone number inventory and how long Teams takes to see a
 * new voice license. Plain data, in the shapes of graph-docs resources/teamsadministration-numberassignment.md
 * (numberType: directRouting, callingPlan, operatorConnect; capabilities: userAssignment, conferenceAssignment,
 * voiceApplicationAssignment). Kept apart from the live state so that directory/tenant.ts can name it.
 */

export type NumberType = 'directRouting' | 'callingPlan' | 'operatorConnect';
export type NumberCapability = 'userAssignment' | 'conferenceAssignment' | 'voiceApplicationAssignment';
export type AssignmentCategory = 'primary' | 'private' | 'alternate';

export interface NumberFixture {
  /** E.164 with its `+` ("telephoneNumber ... always +-prefixed" in every example of the list page). */
  readonly telephoneNumber: string;
  readonly numberType: NumberType;
  /** Default ['userAssignment']. */
  readonly capabilities?: readonly NumberCapability[];
  readonly isoCountryCode?: string | null;
  readonly city?: string | null;
  /** Object id of the user holding the number; unset = unassigned. */
  readonly assignedTo?: string;
  readonly assignmentCategory?: AssignmentCategory;
  readonly locationId?: string | null;
  /** Default: an id of the operator per type (the list page's examples show a GUID for every type). */
  readonly operatorId?: string;
}

export interface TeamsFixture {
  readonly numbers: readonly NumberFixture[];
  /**
   * Graph seconds between a user receiving Phone System or a Calling Plan and Teams seeing it: until then
   * assignNumber refuses the user as unlicensed. Microsoft: a Calling Plan "can take up to 24 hours" to be
   * usable after the license is assigned. Default 0 (Teams sees licenses at once); the demo tenant's is short.
   */
  readonly licenseLagSeconds?: number;
  /** Graph seconds an assignNumber or unassignNumber operation runs before it ends. Default 2. */
  readonly operationSeconds?: number;
}
