#!/usr/bin/env node
// Builds src/core/catalog/catalog-data.generated.ts from Microsoft's official licensing table
// ("Product names and service plan identifiers for licensing", CSV download) kept in data/ (see data/SOURCE.md).
// The extension never reads data/ at run time, so the result is committed.
// Usage: node scripts/generate-catalog.mjs [path/to/licensing-catalog.csv]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const csvPath = process.argv[2] ?? join(root, 'data', 'licensing-catalog.csv');
const frPath = join(root, 'scripts', 'data', 'product-names.fr.json');
const outPath = join(root, 'src', 'core', 'catalog', 'catalog-data.generated.ts');

/** RFC 4180 fields: quoted fields may hold commas and doubled quotes. */
function parseCsv(text) {
  const rows = [];
  let row = [],
    field = '',
    quoted = false;
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
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// The table's names carry stray spaces (a trap the old PowerShell script fell into too): trim everywhere.
const clean = (s) => s.replace(/^\uFEFF/, '').trim();

const [header, ...records] = parseCsv(readFileSync(csvPath, 'utf8'));
const col = Object.fromEntries(header.map((h, i) => [clean(h), i]));
for (const need of [
  'product_display_name',
  'string_id',
  'guid',
  'service_plan_name',
  'service_plan_id',
  'service_plan_friendly_name',
]) {
  if (!(need in col)) throw new Error(`${csvPath}: missing column ${need}`);
}

const plans = new Map(); // servicePlanId -> { names: Map<name, count>, friendly }
const skus = new Map(); // skuId -> { partNumber, productName, planIds: Set }
for (const r of records) {
  const skuId = clean(r[col.guid]).toLowerCase();
  const planId = clean(r[col.service_plan_id]).toLowerCase();
  const planName = clean(r[col.service_plan_name]);
  if (!skus.has(skuId))
    skus.set(skuId, {
      partNumber: clean(r[col.string_id]),
      productName: clean(r[col.product_display_name]),
      planIds: new Set(),
    });
  skus.get(skuId).planIds.add(planId);
  if (!plans.has(planId)) plans.set(planId, { names: new Map(), friendlies: new Map() });
  const { names, friendlies } = plans.get(planId);
  names.set(planName, (names.get(planName) ?? 0) + 1);
  const friendly = clean(r[col.service_plan_friendly_name]);
  friendlies.set(friendly, (friendlies.get(friendly) ?? 0) + 1);
}
const technicalNames = new Set([...plans.values()].flatMap((p) => [...p.names.keys()].map((n) => n.toUpperCase())));

/**
 * One friendly name per plan. Microsoft's table repeats a plan under every SKU that holds it, and
 * the rows disagree: the first row of SHAREPOINTENTERPRISE reads "SharePoint (Plan 2)Dynamics 365
 * for Sales Pro Attach" (two cells run together), POWERAPPS_O365_P2's "POWERAPPS FOR OFFICE 36" is
 * cut short, others are in capitals or repeat the technical name. So the spellings are weighed:
 * the one most rows agree on (case-insensitively) wins; a technical name, a truncation of another
 * spelling or a run-together of two lose; among equals, mixed case beats capitals.
 */
function pickFriendly(friendlies) {
  const spellings = [...friendlies.keys()];
  const votes = new Map(); // lower-cased spelling -> rows
  for (const [s, n] of friendlies) votes.set(s.toLowerCase(), (votes.get(s.toLowerCase()) ?? 0) + n);
  const lower = (s) => s.toLowerCase();
  const technical = (s) => technicalNames.has(s.toUpperCase()) || /^[A-Z0-9_]+$/.test(s);
  // "SharePoint (Plan 2)Dynamics 365 …": another spelling, then a capital with no space between.
  const runTogether = (s) =>
    spellings.some(
      (o) =>
        o.length < s.length &&
        lower(s).startsWith(lower(o)) &&
        /[)\p{Ll}\d]/u.test(o.at(-1)) &&
        /\p{Lu}/u.test(s[o.length]),
    );
  // "POWERAPPS FOR OFFICE 36" of "… 365": another spelling goes on within the same word.
  const truncated = (s) =>
    spellings.some(
      (o) =>
        o.length > s.length &&
        !runTogether(o) &&
        lower(o).startsWith(lower(s)) &&
        /[\p{L}\d]/u.test(s.at(-1)) &&
        /[\p{L}\d]/u.test(o[s.length]),
    );
  const capitals = (s) => s === s.toUpperCase() && s !== s.toLowerCase();
  const flaws = (s) => Number(technical(s)) + Number(truncated(s)) + Number(runTogether(s));
  // A stable sort: with nothing to choose between two spellings, the table's first row stays.
  return spellings.sort(
    (a, b) =>
      flaws(a) - flaws(b) ||
      votes.get(lower(b)) - votes.get(lower(a)) ||
      Number(capitals(a)) - Number(capitals(b)) ||
      friendlies.get(b) - friendlies.get(a),
  )[0];
}

// A few plan ids carry two spellings in the table ("RMS_S_ENTERPRISE)"); keep the most frequent one.
const planIds = [...plans.keys()].sort();
const planIndex = new Map(planIds.map((id, i) => [id, i]));
const planRows = planIds.map((id) => {
  const p = plans.get(id);
  const name = [...p.names.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
  return [id, name, pickFriendly(p.friendlies)];
});

const fr = JSON.parse(readFileSync(frPath, 'utf8'));
for (const id of Object.keys(fr)) {
  if (id !== '//' && !skus.has(id)) throw new Error(`${frPath}: ${id} is not a skuId of the catalog`);
}
const skuRows = [...skus.entries()]
  .sort((a, b) => a[1].partNumber.localeCompare(b[1].partNumber) || a[0].localeCompare(b[0]))
  .map(([skuId, s]) => {
    const row = [s.partNumber, skuId, s.productName, [...s.planIds].map((p) => planIndex.get(p)).sort((a, b) => a - b)];
    if (fr[skuId]) row.push(fr[skuId]);
    return row;
  });

const lines = [
  `// Generated by scripts/generate-catalog.mjs from ${relative(root, csvPath).replace(/\\/g, '/')}; do not edit by hand.`,
  `// Source: Microsoft, "Product names and service plan identifiers for licensing" (official CSV). ${skuRows.length} SKUs, ${planRows.length} service plans.`,
  `/** [servicePlanId, servicePlanName, friendly name] */`,
  `export type PlanRow = readonly [string, string, string];`,
  `/** [skuPartNumber, skuId, product name, indexes into PLAN_ROWS, French product name?] */`,
  `export type SkuRow = readonly [string, string, string, readonly number[], string?];`,
  `export const PLAN_ROWS: readonly PlanRow[] = [`,
  ...planRows.map((r) => `  ${JSON.stringify(r)},`),
  `];`,
  `export const SKU_ROWS: readonly SkuRow[] = [`,
  ...skuRows.map((r) => `  ${JSON.stringify(r)},`),
  `];`,
  ``,
];
writeFileSync(outPath, lines.join('\n'));
console.log(`wrote ${relative(root, outPath)}: ${skuRows.length} SKUs, ${planRows.length} service plans`);
