import type { Catalog } from '../catalog/catalog';
import type { DesiredLicense, DesiredUser } from '../plan/desired';
import { buildBlockModel, SkuResolver } from '../rules/block-model';
import type { ParsedFile } from './types';

interface Accumulator {
  user: string;
  line: number;
  assign: Map<string, { sku: string; disabledPlans?: string[] }>;
  remove: Map<string, string>;
  usageLocation?: string;
  onPremisesPstn: boolean;
}

/** What the file wants, per user, merged over every block the user appears in (first appearance order). */
export function desiredUsers(parsed: ParsedFile, catalog: Catalog): DesiredUser[] {
  const resolver = new SkuResolver(catalog);
  const byUser = new Map<string, Accumulator>();
  for (const block of parsed.blocks) {
    const model = buildBlockModel(block, resolver, catalog, []);
    const disabledByKey = new Map<string, string[]>();
    for (const { directive, use } of model.disables) {
      disabledByKey.set(use.key, [...(disabledByKey.get(use.key) ?? []), ...directive.plans.map((p) => p.text)]);
    }
    for (const entry of block.users) {
      let acc = byUser.get(entry.key);
      if (!acc) {
        acc = { user: entry.token.text, line: entry.line + 1, assign: new Map(), remove: new Map(), onPremisesPstn: false };
        byUser.set(entry.key, acc);
      }
      for (const use of model.assigned) {
        const disabled = disabledByKey.get(use.key);
        acc.assign.set(use.key, { sku: use.written, ...(disabled ? { disabledPlans: disabled } : {}) });
      }
      for (const use of model.removed) acc.remove.set(use.key, use.written);
      if (model.usageLocation) acc.usageLocation = model.usageLocation;
      if (model.onPremisesPstn) acc.onPremisesPstn = true;
    }
  }
  return [...byUser.values()].map((a) => ({
    user: a.user,
    line: a.line,
    assign: [...a.assign.values()] as DesiredLicense[],
    remove: [...a.remove.values()],
    ...(a.usageLocation ? { usageLocation: a.usageLocation } : {}),
    onPremisesPstn: a.onPremisesPstn,
  }));
}
