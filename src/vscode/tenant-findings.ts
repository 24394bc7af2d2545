import * as vscode from 'vscode';
import type { Catalog } from '../core/catalog/catalog';
import type { Finding } from '../core/rules';
import type { TenantSkus } from '../core/tenant/tenant-skus';
import { tenantRules } from '../core/rules/tenant-rules';
import type { TenantSkusReader } from '../core/tenant/tenant-state';
import type { Analysis } from './analysis-cache';
import { uiTranslate } from './translator';

/**
 * Tenant-aware validation: active only while signed in and the tenant's SKUs are read.
 * Offline or signed out it adds nothing, and the catalog-only validation still works.
 */
export class TenantFindings implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private memo = new WeakMap<Analysis, Finding[]>();
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly catalog: () => Catalog,
    private readonly state: TenantSkusReader,
  ) {
    this.subscription = state.onDidChange(() => {
      this.memo = new WeakMap();
      this.changed.fire();
    });
  }

  /** The SKUs completions and hovers show seats for; undefined when signed out or unread. */
  get tenantSkus(): TenantSkus | undefined {
    return this.state.current();
  }

  findingsFor(analysis: Analysis): Finding[] {
    const skus = this.state.current();
    if (!skus) return [];
    let hit = this.memo.get(analysis);
    if (!hit) this.memo.set(analysis, (hit = tenantRules(analysis.parsed, this.catalog(), skus, uiTranslate())));
    return hit;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
