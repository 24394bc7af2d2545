import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { catalog } from '../helpers';

/**
 * The service plans' friendly names the Licenses view, hovers and previews show. Microsoft's table
 * spells a plan once per SKU that holds it, and some rows are broken (cells run together, cut
 * short, in capitals or the technical name again): the catalog must carry a good spelling.
 */
const ROOT = resolve(__dirname, '..', '..', '..', '..');

/** RFC 4180: a few friendly names hold commas inside quotes. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** Every spelling Microsoft's table gives each plan id. */
function spellingsByPlan(): Map<string, Set<string>> {
  const [header, ...records] = csvRows(
    readFileSync(resolve(ROOT, 'data', 'licensing-catalog.csv'), 'utf8').replace(/^\uFEFF/, ''),
  );
  const id = header.indexOf('service_plan_id');
  const friendly = header.indexOf('service_plan_friendly_name');
  const byPlan = new Map<string, Set<string>>();
  for (const r of records) {
    if (r.length <= friendly) continue;
    const key = r[id].trim().toLowerCase();
    if (!byPlan.has(key)) byPlan.set(key, new Set());
    byPlan.get(key)!.add(r[friendly].trim());
  }
  return byPlan;
}

describe('service plan friendly names', () => {
  const spellings = spellingsByPlan();
  const plans = [...new Map(catalog.skus.flatMap((s) => s.plans.map((p) => [p.id, p] as const))).values()];

  it('names the plans the Licenses view showed broken with their real names', () => {
    const named = (name: string) => catalog.plansNamed(name)[0]?.friendlyName;
    assert.equal(named('SHAREPOINTENTERPRISE'), 'SharePoint (Plan 2)');
    assert.equal(named('POWERAPPS_O365_P2'), 'Power Apps for Office 365');
    assert.equal(named('ONEDRIVESTANDARD'), 'OneDrive for Business (Plan 1)');
    assert.equal(named('EXCHANGE_S_ENTERPRISE'), 'Exchange Online (Plan 2)');
    assert.equal(named('MCOEV'), 'Microsoft 365 Phone System');
  });

  it('never runs two names together, cuts one short, or repeats the technical name when the table has better', () => {
    const bad: string[] = [];
    for (const plan of plans) {
      const others = [...(spellings.get(plan.id) ?? [])].filter((s) => s !== plan.friendlyName);
      const name = plan.friendlyName;
      const low = name.toLowerCase();
      const ranTogether = others.some((o) => low.startsWith(o.toLowerCase()) && /\p{Lu}/u.test(name[o.length] ?? ''));
      const cutShort = others.some(
        (o) =>
          o.toLowerCase().startsWith(low) &&
          /[\p{L}\d]/u.test(o[name.length] ?? '') &&
          /[\p{L}\d]/u.test(name.at(-1) ?? ''),
      );
      const technical = name.toUpperCase() === plan.name.toUpperCase() && others.some((o) => /\s/.test(o));
      const shouting =
        name === name.toUpperCase() && others.some((o) => o.toLowerCase() === low && o !== o.toUpperCase());
      if (ranTogether || cutShort || technical || shouting)
        bad.push(`${plan.name}: "${name}" (the table also has ${others.map((o) => `"${o}"`).join(', ')})`);
    }
    assert.deepEqual(bad, []);
  });
});
