import * as vscode from 'vscode';
import type { Catalog } from '../core/catalog/catalog';
import type { Finding } from '../core/rules';
import type { TenantSkus } from '../core/tenant/tenant-skus';
import { tenantRules } from '../core/rules/tenant-rules';
import type { TenantSkusReader } from '../core/tenant/tenant-state';
import type { Analysis } from './analysis-cache';
import { uiTranslate } from './translator';
import { groupTenantRules } from '../core/rules/group-tenant-rules';
import type { TenantGroups } from '../core/tenant/tenant-groups';
import type { TenantGroupsReader } from '../core/tenant/tenant-groups-state';
import { numberTenantRules } from '../core/rules/number-rules';
import type { TenantNumbersReader } from '../core/tenant/tenant-numbers';
import type { ParsedFile } from '../core/format/types';
import { numberKey } from '../core/tenant/tenant-numbers';
import type { TenantNameOf } from '../core/editor/hover';
import { tenantUnreachableFinding } from '../core/rules/tenant-line-rules';

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
    private readonly groups?: TenantGroupsReader,
    private readonly numbers?: TenantNumbersReader & {
      need(): Promise<unknown>;
      needUsers(references: readonly string[]): Promise<void>;
    },
    private readonly tenantOf?: {
      /** Is the tenant a file's `tenant` line names the signed-in one? Its findings are for that tenant only. */
      isSignedInTenant(name: string): boolean;
      /** Why the tenant a file names cannot be reached, once known: the tenant line's one finding. */
      refusalFor(name: string): string | undefined;
      /** The SKUs of a tenant a file names, once reached and read; undefined until then. */
      fileTenantSkus(name: string): TenantSkus | undefined;
      readonly onDidChangeReach: vscode.Event<void>;
      /** The `tenant` line's hover: the tenant's display name, when known. */
      readonly tenantNameOf: TenantNameOf;
    },
  ) {
    this.subscription = state.onDidChange(() => {
      this.memo = new WeakMap();
      this.changed.fire();
    });
    this.groupSubscription = groups?.onDidChange(() => {
      this.memo = new WeakMap();
      this.changed.fire();
    });
    this.reachSubscription = tenantOf?.onDidChangeReach(() => {
      this.memo = new WeakMap();
      this.changed.fire();
    });
    this.numberSubscription = numbers?.onDidChange(() => {
      this.memo = new WeakMap();
      this.changed.fire();
    });
  }

  private readonly numberSubscription?: { dispose(): void };
  private readonly reachSubscription?: { dispose(): void };

  /** The telephone numbers hovers and completions show; undefined without a tenant. */
  get tenantNumbers(): TenantNumbersReader | undefined {
    return this.numbers;
  }

  private readonly groupSubscription?: { dispose(): void };

  /** The groups `group ` completions and hovers show; undefined when signed out or unread. */
  get tenantGroups(): TenantGroups | undefined {
    return this.groups?.current();
  }

  /** The SKUs completions and hovers show seats for; undefined when signed out or unread. */
  get tenantSkus(): TenantSkus | undefined {
    return this.state.current();
  }

  /** The display name of a tenant a `tenant` line names, when the session knows it. */
  get tenantNameOf(): TenantNameOf | undefined {
    return this.tenantOf?.tenantNameOf;
  }

  /**
   * What completions and hovers of a file read: for a file naming another tenant, that tenant's SKUs once a Preview
   * or Apply reached it, and nothing of the signed-in tenant's (its seats, groups and numbers are not the file's);
   * otherwise the signed-in tenant's.
   */
  forFile(parsed: ParsedFile): {
    readonly skus: TenantSkus | undefined;
    readonly groups: TenantGroups | undefined;
    readonly numbers: TenantNumbersReader | undefined;
  } {
    const named = parsed.tenant?.words[0]?.text;
    if (named && this.tenantOf && !this.tenantOf.isSignedInTenant(named))
      return { skus: this.tenantOf.fileTenantSkus(named), groups: undefined, numbers: undefined };
    return { skus: this.tenantSkus, groups: this.tenantGroups, numbers: this.tenantNumbers };
  }

  findingsFor(analysis: Analysis): Finding[] {
    const skus = this.state.current();
    if (!skus) return [];
    // A file for another tenant is not checked against the signed-in tenant's SKUs, groups and numbers: they are not
    // its tenant's, and would be wrong about it.
    const named = analysis.parsed.tenant?.words[0]?.text;
    if (named && this.tenantOf && !this.tenantOf.isSignedInTenant(named)) {
      const why = this.tenantOf.refusalFor(named);
      const unreachable = why ? tenantUnreachableFinding(analysis.parsed, why, uiTranslate()) : undefined;
      if (unreachable) return [unreachable];
      // Reached already (a Preview or Apply of a file for it): its own SKUs and seats.
      const theirs = this.tenantOf.fileTenantSkus(named);
      return theirs ? tenantRules(analysis.parsed, this.catalog(), theirs, uiTranslate()) : [];
    }
    let hit = this.memo.get(analysis);
    const groups = this.groups?.current();
    if (!hit)
      this.memo.set(
        analysis,
        (hit = [
          ...tenantRules(analysis.parsed, this.catalog(), skus, uiTranslate()),
          ...(groups ? groupTenantRules(analysis.parsed, groups, uiTranslate()) : []),
          ...this.numberFindings(analysis.parsed),
        ]),
      );
    return hit;
  }

  /**
   * The number checks of a file that has numbers: the first such file has the inventory read, and each the users
   * it numbers and the holders of its numbers (once per session); the findings follow as the reads come in.
   */
  private numberFindings(parsed: ParsedFile): Finding[] {
    const numbers = this.numbers;
    if (!numbers) return [];
    const numbered = parsed.blocks.flatMap((b) => b.users.filter((u) => u.number?.kind === 'number'));
    if (numbered.length === 0) return [];
    void numbers.need();
    const state = numbers.state;
    if (state.kind === 'loaded') {
      const holders = numbered.flatMap((u) => {
        const held = state.numbers.find(numberKey(u.number?.token.text ?? ''))?.assignmentTargetId;
        return held ? [held] : [];
      });
      void numbers.needUsers([...numbered.map((u) => u.token.text), ...holders]);
    }
    return numberTenantRules(parsed, this.catalog(), numbers, uiTranslate());
  }

  dispose(): void {
    this.subscription.dispose();
    this.groupSubscription?.dispose();
    this.numberSubscription?.dispose();
    this.reachSubscription?.dispose();
    this.changed.dispose();
  }
}
