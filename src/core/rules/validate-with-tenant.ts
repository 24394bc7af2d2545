import type { Catalog } from '../catalog/catalog';
import type { ParsedFile } from '../format/types';
import type { TenantGroups } from '../tenant/tenant-groups';
import type { TenantSkus } from '../tenant/tenant-skus';
import { english, type Translate } from '../text/translate';
import type { Finding } from './finding';
import { groupTenantRules } from './group-tenant-rules';
import { numberTenantRules } from './number-rules';
import type { TenantNumbersReader } from '../tenant/tenant-numbers';
import { tenantRules } from './tenant-rules';
import { validate } from './validate';

/**
 * Every finding the editor shows with the tenant signed in: the file's own rules, then the
 * rules that need the tenant's subscriptions, groups and telephone numbers (absent: not read yet). The files
 * the product writes (export, undo, reclaim) are held to none here.
 */
export function validateWithTenant(
  parsed: ParsedFile,
  catalog: Catalog,
  skus: TenantSkus,
  groups?: TenantGroups,
  t: Translate = english,
  numbers?: TenantNumbersReader,
): Finding[] {
  return [
    ...validate(parsed, catalog, t),
    ...tenantRules(parsed, catalog, skus, t),
    ...(groups ? groupTenantRules(parsed, groups, t) : []),
    ...(numbers ? numberTenantRules(parsed, catalog, numbers, t) : []),
  ];
}
