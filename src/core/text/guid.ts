/**
 * An object id, skuId or servicePlanId as Graph writes it: 8-4-4-4-12 hex digits, any case
 * (Edm.Guid). The one copy of the pattern: the file format, the catalog, the planner and the
 * emulator must agree on what counts as an id.
 */
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isGuid = (text: string): boolean => GUID_PATTERN.test(text);
