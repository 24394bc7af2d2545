/**
 * The Graph v1.0 resource shapes the engine reads, as Microsoft documents them
 * (graph-docs api-reference/v1.0/resources/{subscribedsku,serviceplaninfo,assignedlicense,
 * licenseassignmentstate,user}.md). Only the properties we `$select` or rely on are typed.
 */

export interface ServicePlanInfo {
  readonly servicePlanId: string;
  readonly servicePlanName: string;
  readonly provisioningStatus?: string;
  readonly appliesTo?: string;
}

export interface SubscribedSku {
  readonly skuId: string;
  readonly skuPartNumber: string;
  /** Only `User` SKUs are assignable. */
  readonly appliesTo?: string;
  readonly capabilityStatus?: string;
  readonly consumedUnits: number;
  readonly prepaidUnits: {
    readonly enabled: number;
    readonly warning?: number;
    readonly suspended?: number;
    readonly lockedOut?: number;
  };
  readonly servicePlans: readonly ServicePlanInfo[];
}

export interface AssignedLicense {
  readonly skuId: string;
  readonly disabledPlans: readonly string[];
}

export interface LicenseAssignmentState {
  readonly skuId: string;
  readonly disabledPlans?: readonly string[];
  /** `null` for a direct assignment; otherwise the id of the group the license is inherited from. */
  readonly assignedByGroup?: string | null;
  /** `Active`, `ActiveWithError`, `Disabled`, `Error`. */
  readonly state?: string;
  /** `None` (or null) on success; `CountViolation`, `MutuallyExclusiveViolation`, `DependencyViolation`, ... */
  readonly error?: string | null;
}

/** `GET /users/{id|upn}?$select=id,userPrincipalName,usageLocation,assignedLicenses,licenseAssignmentStates` */
export interface GraphUser {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly usageLocation?: string | null;
  readonly assignedLicenses?: readonly AssignedLicense[];
  readonly licenseAssignmentStates?: readonly LicenseAssignmentState[];
}

export const USER_LICENSE_SELECT = 'id,userPrincipalName,usageLocation,assignedLicenses,licenseAssignmentStates';

/** `POST /users/{id}/assignLicense`: both keys are mandatory, even when empty (user-assignlicense.md). */
export interface AssignLicenseBody {
  readonly addLicenses: readonly AssignedLicense[];
  readonly removeLicenses: readonly string[];
}
