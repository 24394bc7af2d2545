import type { AssignedLicense, LicenseAssignmentState } from '../graph/resources';

/**
 * The Graph v1.0 group shape the engine reads (graph-docs resources/group.md). `securityEnabled`
 * and `groupTypes` tell a security group (licensable) from a Microsoft 365 group without security
 * or a distribution list; `licenseProcessingState` is "Returned only on $select".
 */
export interface GraphGroup {
  readonly id: string;
  readonly displayName: string;
  readonly securityEnabled?: boolean | null;
  readonly mailEnabled?: boolean | null;
  /** `Unified` for a Microsoft 365 group; `DynamicMembership` for a dynamic one. */
  readonly groupTypes?: readonly string[];
  readonly assignedLicenses?: readonly AssignedLicense[];
  /**
   * licenseprocessingstate.md: `QueuedForProcessing`, `ProcessingInProgress`, `ProcessingComplete` (and
   * `ProcessingFailed`, met by Microsoft's own scripts).
   */
  readonly licenseProcessingState?: { readonly state?: string | null } | null;
}

export const GROUP_SELECT =
  'id,displayName,securityEnabled,mailEnabled,groupTypes,assignedLicenses,licenseProcessingState';

/** A member as `GET /groups/{id}/members` lists it: users, and nested groups (`@odata.type`). */
export interface GraphGroupMember {
  readonly '@odata.type'?: string;
  readonly id: string;
  readonly userPrincipalName?: string;
  readonly displayName?: string;
  readonly assignedLicenses?: readonly AssignedLicense[];
  readonly licenseAssignmentStates?: readonly LicenseAssignmentState[];
}

export const MEMBER_SELECT = 'id,userPrincipalName,displayName,assignedLicenses,licenseAssignmentStates';

/** `POST /groups/{id}/assignLicense` (group-assignlicense.md): the same body as a user's. */
