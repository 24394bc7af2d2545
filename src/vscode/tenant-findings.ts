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
import { tenantReachFinding } from '../core/rules/tenant-line-rules';
import type { EditorReach } from './tenant-manager';

/** A tenant's telephone numbers, read once a file has numbers (`need`), with the users files number. */
type NumbersSource = TenantNumbersReader & {
  need(): Promise<unknown>;
  needUsers(references: readonly string[]): Promise<void>;
};

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
    private readonly numbers?: NumbersSource,
    private readonly tenantOf?: {
      /** Is the tenant a file's `tenant` line names the signed-in one? Its findings are for that tenant only. */
      isSignedInTenant(name: string): boolean;
      /**
       * Another tenant a file names: being reached (without a prompt), refused, needing a sign-in, or reached with
       * its own SKUs, groups and numbers.
       */
      fileTenant(name: string): EditorReach;
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
   * What completions and hovers of a file read: for a file naming another tenant, that tenant's SKUs, groups and
   * numbers once reached, and nothing of the signed-in tenant's (its seats, groups and numbers are not the file's);
   * otherwise the signed-in tenant's.
   */
  forFile(parsed: ParsedFile): {
    readonly skus: TenantSkus | undefined;
    readonly groups: TenantGroups | undefined;
    readonly numbers: TenantNumbersReader | undefined;
  } {
    const named = parsed.tenant?.words[0]?.text;
    if (named && this.tenantOf && !this.tenantOf.isSignedInTenant(named)) {
      const reach = this.tenantOf.fileTenant(named);
      return reach.kind === 'reached'
        ? { skus: reach.skus, groups: reach.groups.current(), numbers: reach.numbers }
        : { skus: undefined, groups: undefined, numbers: undefined };
    }
    return { skus: this.tenantSkus, groups: this.tenantGroups, numbers: this.tenantNumbers };
  }

  findingsFor(analysis: Analysis): Finding[] {
    const skus = this.state.current();
    if (!skus) return [];
    let hit = this.memo.get(analysis);
    if (hit) return hit;
    // A file for another tenant is checked against that tenant's SKUs, groups and numbers, never the signed-in
    // tenant's: they are not its tenant's, and would be wrong about it.
    const named = analysis.parsed.tenant?.words[0]?.text;
    if (named && this.tenantOf && !this.tenantOf.isSignedInTenant(named)) {
      const reach = this.tenantOf.fileTenant(named);
      const line = tenantReachFinding(analysis.parsed, reach, uiTranslate());
      hit = line
        ? [line]
        : reach.kind === 'reached'
          ? this.checks(analysis.parsed, reach.skus, reach.groups.current(), reach.numbers)
          : [];
    } else hit = this.checks(analysis.parsed, skus, this.groups?.current(), this.numbers);
    this.memo.set(analysis, hit);
    return hit;
  }

  /** The checks against one tenant: its SKUs (none until read), groups and numbers, each once read. */
  private checks(
    parsed: ParsedFile,
    skus: TenantSkus | undefined,
    groups: TenantGroups | undefined,
    numbers: NumbersSource | undefined,
  ): Finding[] {
    if (!skus) return [];
    return [
      ...tenantRules(parsed, this.catalog(), skus, uiTranslate()),
      ...(groups ? groupTenantRules(parsed, groups, uiTranslate()) : []),
      ...this.numberFindings(parsed, numbers),
    ];
  }

  /**
   * The number checks of a file that has numbers: the first such file has the inventory read, and each the users
   * it numbers and the holders of its numbers (once per session); the findings follow as the reads come in.
   */
  private numberFindings(parsed: ParsedFile, numbers: NumbersSource | undefined): Finding[] {
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
