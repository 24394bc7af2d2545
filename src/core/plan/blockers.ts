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

/** How many seats a SKU lacks for this run. */
export interface SeatShortfall {
  readonly skuId: string;
  readonly partNumber: string;
  readonly needed: number;
  readonly freed: number;
  readonly available: number;
  readonly missing: number;
}
