/**
 * What a `.licenses` file wants for one user, merged over every block the user appears in.
 * This is the hand-off between the file format (src/core/format) and the Graph engine
 * (src/core/graph, src/core/run): the engine resolves SKU and plan references against the
 * tenant's /subscribedSkus, which is authoritative (MCOPSTN5 names two SKUs in the catalog).
 */
export interface DesiredLicense {
  /** As written, with any MSOnline `tenant:` prefix removed: a part number (any case) or a skuId GUID. */
  readonly sku: string;
  /**
   * Service plans to turn off, by name or id, from `disable SKU: ...`.
   * `undefined` means the file says nothing: a user who already holds the SKU keeps the disabled
   * plans they have (Graph replaces the set when a license is sent again, so never send `[]` blindly).
   */
  readonly disabledPlans?: readonly string[];
}

/**
 * The Teams telephone number a file wants a user to hold: one number (E.164, with the extension a
 * Direct Routing number may carry, and the block's emergency location), or none at all (`no-number`).
 * Absent from a DesiredUser: the file leaves the user's numbers alone.
 */
export type DesiredNumber =
  | {
      readonly kind: 'number';
      /** "+14255550101" */
      readonly e164: string;
      readonly extension?: string;
      /** What Teams is sent and compared with: `e164`, plus `;ext=…` when there is an extension. */
      readonly canonical: string;
      /** From the block's `number-location ID`. */
      readonly locationId?: string;
      /** 1-based line of the number. */
      readonly line: number;
    }
  | { readonly kind: 'none'; readonly line: number };

export interface DesiredUser {
  /** UPN or object id, as written (trimmed). Compared case-insensitively. */
  readonly user: string;
  /** 1-based line of the user's first appearance, for messages. */
  readonly line: number;
  readonly assign: readonly DesiredLicense[];
  /** SKU references to take away, as written (prefix removed). */
  readonly remove: readonly string[];
  /** ISO 3166-1 alpha-2, upper case: set only on users that have none. */
  readonly usageLocation?: string;
  /** The user is on on-premises PSTN / Direct Routing: never give a Calling Plan. */
  readonly onPremisesPstn: boolean;
  /**
   * From `exact`: `assign` is the whole set of direct licenses. Any other direct license is
   * removed, and a license assigned without `disable` has every plan on. Absent when false.
   */
  readonly exact?: boolean;
  /** From the user line's number or `no-number`; the last line that gives one wins. */
  readonly number?: DesiredNumber;
}
