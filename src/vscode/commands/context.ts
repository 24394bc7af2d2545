import type * as vscode from 'vscode';
import type { Catalog } from '../../core/catalog/catalog';
import type { TenantManager } from '../tenant-manager';

/** What every command needs, passed explicitly (no module-level state). */
export interface CommandContext {
  readonly tenants: TenantManager;
  readonly catalog: () => Catalog;
  /** Where journals go: the extension's global storage, outside any workspace. */
  readonly storageUri: vscode.Uri;
  readonly state: vscode.Memento;
}

export const LAST_JOURNAL_KEY = 'licenses.lastJournal';
