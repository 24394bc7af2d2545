/**
 * Problems that stop a whole run before any write: the file names something the tenant does not
 * have, or the tenant lacks seats. Running anyway would fail user after user (the old script did).
 */
export interface PlanBlocker {
  readonly code: 'SkuNotInTenant' | 'SkuAmbiguous' | 'SkuNotAssignable' | 'PlanNotInSku' | 'NotEnoughSeats';
  readonly message: string;
  readonly hint: string;
  /** 1-based line of the first user concerned, when the problem comes from the file. */
  readonly line?: number;
}

/** How many seats a SKU lacks for this run, with the tenant's numbers the message quotes. */
export interface SeatShortfall {
  readonly skuId: string;
  readonly partNumber: string;
  /** New assignments the run makes. */
  readonly needed: number;
  /** Licenses of this SKU the run takes away first. */
  readonly freed: number;
  /** Seats left before the run (`prepaidUnits.enabled - consumedUnits`): negative when over-assigned. */
  readonly available: number;
  readonly missing: number;
  /** `prepaidUnits.enabled`. */
  readonly total: number;
  /** `consumedUnits`. */
  readonly used: number;
  readonly warning: number;
  readonly suspended: number;
  readonly lockedOut: number;
  /** Anything but `Enabled`: the subscription takes no new assignment at all. */
  readonly capabilityStatus: string;
}
