import type * as vscode from 'vscode';
import * as vscodeApi from 'vscode';
import type { Catalog } from '../../core/catalog/catalog';
import type { TenantManager } from '../tenant-manager';

/** What every command needs, passed explicitly (no module-level state). */
export interface CommandContext {
  readonly tenants: TenantManager;
  readonly catalog: () => Catalog;
  /** The extension's global storage: journals of files with no folder on disk go there. */
  readonly storageUri: vscode.Uri;
  readonly state: vscode.Memento;
  /** Per-workspace memory: the SKUs picked for a plain list, by file. */
  readonly workspaceState: vscode.Memento;
  /** The run in progress, so "Cancel Run" works even after its notification was dismissed. */
  readonly runs: RunningRuns;
}

/** Runs in progress; the `licenses.running` context key shows "Cancel Run" only while one is. */
export class RunningRuns {
  private readonly sources = new Set<vscode.CancellationTokenSource>();

  constructor(private readonly setContext: (running: boolean) => void) {}

  start(): vscode.CancellationTokenSource {
    const source = new vscodeApi.CancellationTokenSource();
    this.sources.add(source);
    this.setContext(true);
    return source;
  }

  finish(source: vscode.CancellationTokenSource): void {
    this.sources.delete(source);
    source.dispose();
    this.setContext(this.sources.size > 0);
  }

  /** Nothing new starts; what is in flight finishes and is recorded; the rest ends `skipped`. */
  cancelAll(): number {
    for (const s of this.sources) s.cancel();
    return this.sources.size;
  }
}

export const LAST_JOURNAL_KEY = 'licenses.lastJournal';
