// Shared by the suites that run commands against the demo tenant (the in-process Graph emulator):
// the command API's result shapes, fresh tenants, files generated in the workspace copy, journals.
// Only `vscode` and Node, like every host suite.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fixturesRoot } from './helpers';

type Outcome = 'changed' | 'unchanged' | 'failed' | 'skipped';

export interface UserResult {
  user: string;
  outcome: Outcome;
  added: string[];
  removed: string[];
  updated?: string[];
  usageLocation?: string;
  notes?: string[];
  error?: { code: string; message: string; hint?: string };
}

interface RunSummary {
  users: number;
  changed: number;
  unchanged: number;
  failed: number;
  skipped: number;
  cancelled: boolean;
  httpRequests: number;
  writeRequests: number;
  durationMs: number;
}

export interface ApplyResult {
  results: UserResult[];
  summary: RunSummary;
  journal: string;
}

/** `licenses.useDemoTenant(options)`: with options, a FRESH demo tenant (see src/vscode/auth/demo-session.ts). */
export interface DemoOptions {
  users?: number;
  latencyMs?: number;
  clockScale?: number;
  throttle?: false | { appWritesPer150s?: number; tenantWritesPer5min?: number };
  faults?: { serverErrorRate?: number; dropRate?: number; itemServerErrorRate?: number; seed?: number };
  token?: string;
}

/** A fresh demo tenant (the seed data of src/emulator/demo-tenant.ts), fast unless asked otherwise. */
export async function freshDemoTenant(options: DemoOptions = {}): Promise<void> {
  const label = await vscode.commands.executeCommand<string>('licenses.useDemoTenant', { latencyMs: 1, ...options });
  assert.ok(label, 'licenses.useDemoTenant returned no label (it failed: see the Licenses output)');
}

/** What the other suites expect when they run after ours: a fresh demo tenant with default options. */
export async function restoreDefaultDemoTenant(): Promise<void> {
  await vscode.commands.executeCommand('licenses.useDemoTenant', {});
}

/** `licenses.apply(uri, { skipConfirmation: true })`, checked for its shape. */
export async function apply(uri: vscode.Uri): Promise<ApplyResult> {
  const r = await vscode.commands.executeCommand<ApplyResult>('licenses.apply', uri, { skipConfirmation: true });
  assertRunResult(r, `licenses.apply(${path.basename(uri.fsPath)})`);
  return r;
}

export async function retryFailed(): Promise<ApplyResult | undefined> {
  return vscode.commands.executeCommand<ApplyResult | undefined>('licenses.retryFailed', { skipConfirmation: true });
}

export function assertRunResult(r: ApplyResult | undefined, what: string): asserts r is ApplyResult {
  assert.ok(
    r && Array.isArray(r.results),
    `${what} returned ${JSON.stringify(r)?.slice(0, 300)}, expected { results, summary, journal } (did it fail? see the Licenses output)`,
  );
  assert.ok(r.summary && typeof r.summary === 'object', `${what} returned no summary`);
  assert.equal(typeof r.journal, 'string', `${what} returned no journal path`);
}

export async function preview(uri: vscode.Uri): Promise<string> {
  const text = await vscode.commands.executeCommand<string>('licenses.preview', uri);
  assert.equal(
    typeof text,
    'string',
    `licenses.preview(${path.basename(uri.fsPath)}) returned ${JSON.stringify(text)}, expected the preview text`,
  );
  return text;
}

/** The one result for `user` (case-insensitive); fails when there is none or more than one. */
export function resultFor(r: { results: UserResult[] }, user: string): UserResult {
  const found = r.results.filter((x) => x.user.toLowerCase() === user.toLowerCase());
  assert.equal(found.length, 1, `${user}: expected exactly one result, got ${JSON.stringify(found)}`);
  return found[0];
}

/** Users that have more than one result (each user of a run must end exactly once). */
export function duplicates(results: readonly { user?: unknown }[]): string[] {
  const seen = new Map<string, number>();
  for (const r of results) seen.set(String(r.user).toLowerCase(), (seen.get(String(r.user).toLowerCase()) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([u]) => u);
}

export function outcomes(results: readonly UserResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
  return counts;
}

/** user00001@contoso.com … : the bulk users of demoTenant({ users: N }) for N > 300 (US, no licenses). */
export function bulkUsers(first: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `user${String(first + i).padStart(5, '0')}@contoso.com`);
}

/**
 * Writes a `.licenses` file into `generated/` of the workspace copy (never into the repo: large
 * fixtures are generated at test time) and returns its URI.
 */
export function writeWorkspaceFile(name: string, lines: readonly string[]): vscode.Uri {
  const file = generatedPath(name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`, 'utf8');
  return vscode.Uri.file(file);
}

/** A path in `generated/` of the workspace copy (the folder is created). */
export function generatedPath(name: string): string {
  const root = fixturesRoot();
  const repoFixtures = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'workspace');
  assert.notEqual(
    path.resolve(root),
    repoFixtures,
    'the tests must run on a copy of test/fixtures/workspace, not on the repo',
  );
  const dir = path.join(root, 'generated');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

export interface JournalLine {
  journal?: string;
  user?: string;
  outcome?: Outcome | 'pending';
  [key: string]: unknown;
}

export function readJournalLines(file: string): JournalLine[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as JournalLine);
}

/** The tenant's SKUs, as `licenses.refreshTenant` (the tenant state the tree view renders) gives them. */
export interface TenantSku {
  skuId: string;
  partNumber: string;
  seatsUsed: number;
  seatsTotal: number;
  seatsLeft: number;
  plans: { servicePlanName: string; servicePlanId: string }[];
}

export async function tenantSkus(): Promise<TenantSku[]> {
  const skus = await vscode.commands.executeCommand<TenantSku[]>('licenses.refreshTenant');
  assert.ok(
    Array.isArray(skus),
    `licenses.refreshTenant returned ${JSON.stringify(skus)}, expected the subscribed SKUs`,
  );
  return skus;
}

export async function consumed(partNumber: string): Promise<number> {
  const sku = (await tenantSkus()).find((s) => s.partNumber === partNumber);
  assert.ok(sku, `${partNumber} is not among the tenant's SKUs`);
  return sku.seatsUsed;
}

/**
 * The config scripts/run-host-tests.mjs hands to the runner (LICENSES_HOST_TEST_CONFIG), or
 * undefined elsewhere (test-electron).
 */
export function hostTestConfig(): { tokenCanary?: string; [key: string]: unknown } | undefined {
  const file = process.env.LICENSES_HOST_TEST_CONFIG;
  if (!file || !fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
