/**
 * Export and inventory: the tenant as a `.licenses` file, and the license report with its removal
 * files. Reads only; nothing here writes to Graph. No `vscode` import.
 */
export { exportTenant, type ExportSource, type ExportOutcome, type ExportTenantOptions } from './export-tenant';
export { exportLicensesFile, type ExportedFile, type ExportOptions } from './export-file';
export {
  readTenantReport,
  buildReport,
  DEFAULT_INACTIVE_DAYS,
  type TenantReport,
  type SkuSeats,
  type RedundantDirect,
  type ReclaimHolder,
  type InactiveFinding,
  type ReportOutcome,
} from './tenant-report';
export { reclaimFile, RECLAIM_KINDS, type ReclaimKind } from './reclaim-file';
export { reportCsv, reportJson, reportMarkdown } from './report-format';
export { listLicensedUsers, type ListedUser, type UserListingOptions } from '../reads/user-listing';
