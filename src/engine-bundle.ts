/**
 * Entry of dist/engine.js, the extension's second bundle: the Graph engine, the demo tenant's
 * emulator and MSAL. The extension requires it on the first command that needs a tenant, so
 * activation loads only the language features (see src/vscode/engine-bundle-loader.ts).
 */
export * from './core/run';
export { prepareUndo, undoFileName, type UndoOutcome } from './core/undo/prepare-undo';
export { demoTenant, startEmulator, DEMO_APP_ID } from './emulator';
export { clientCredentialsToken } from './core/partner/customer-token';
export { signInAppOnly, signInDelegated } from './vscode/auth/msal-session';
export { describeStep, setUpApp } from './core/setup/set-up-app';
export * from './core/inventory';
export {
  formatResultLine,
  formatPlanLine,
  formatBlocker,
  formatSummary,
  formatRunTotals,
  resultJson,
  planJson,
} from './core/report/format-results';
export { retryableCount } from './core/results/retry-advice';
export { readRelationships } from './core/partner/relationship-reads';
export { readTenantByDomain } from './core/partner/tenant-by-domain';
export { readNumberInventory } from './core/numbers/teams-reads';
export { formatNumberResultLine, formatNumberTotals, numbersToResume } from './core/report/number-words';
