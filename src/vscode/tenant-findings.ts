import * as vscode from 'vscode';
import type { Catalog } from '../core/catalog/catalog';
import type { Finding } from '../core/rules';
import { tenantRules, type TenantSkuSeats } from '../core/rules/tenant-rules';
import type { Analysis } from './analysis-cache';

/**
 * Tenant-aware validation: active only while signed in and the tenant's SKUs are cached.
 * Offline or signed out it adds nothing, and the catalog-only validation still works.
 */
export class TenantFindings implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private skus: readonly TenantSkuSeats[] | undefined;
  private memo = new WeakMap<Analysis, Finding[]>();

  constructor(private readonly catalog: () => Catalog) {}

  setTenantSkus(skus: readonly TenantSkuSeats[] | undefined): void {
    this.skus = skus;
    this.memo = new WeakMap();
    this.changed.fire();
  }

  get tenantSkus(): readonly TenantSkuSeats[] | undefined {
    return this.skus;
  }

  findingsFor(analysis: Analysis): Finding[] {
    if (!this.skus) return [];
    let hit = this.memo.get(analysis);
    if (!hit) this.memo.set(analysis, (hit = tenantRules(analysis.parsed, this.catalog(), this.skus)));
    return hit;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
