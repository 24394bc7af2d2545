import type { Loaded } from '../reads/tenant-reads';
import type { TenantGroups } from './tenant-groups';
import type { Unsubscribe } from './tenant-state';

/** What the editor reads: the groups, and when they change. */
export interface TenantGroupsReader {
  current(): TenantGroups | undefined;
  onDidChange(listener: () => void): Unsubscribe;
}

/**
 * The signed-in tenant's groups for the editor: `group ` completions, hovers and the group checks
 * (no such group, several of that name, not security-enabled). Read on sign-in and whenever the
 * tenant's SKUs are read again. Without the permission to read groups, or offline, it holds
 * nothing and those features stay quiet: the plan still reads each group the file names.
 * An answer for a session since replaced, or overtaken by a later refresh, is dropped.
 */
export class TenantGroupsState<Session> implements TenantGroupsReader {
  private value: TenantGroups | undefined;
  private readonly listeners = new Set<() => void>();
  private generation = 0;

  constructor(
    private readonly session: () => Session | undefined,
    private readonly load: (session: Session) => Promise<Loaded<TenantGroups>>,
  ) {}

  current(): TenantGroups | undefined {
    return this.value;
  }

  onDidChange(listener: () => void): Unsubscribe {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  async refresh(): Promise<TenantGroups | undefined> {
    const ticket = ++this.generation;
    const session = this.session();
    if (session === undefined) {
      this.set(undefined);
      return undefined;
    }
    let next: TenantGroups | undefined;
    try {
      const read = await this.load(session);
      next = read.ok ? read.value : undefined;
    } catch {
      next = undefined;
    }
    if (ticket !== this.generation || this.session() !== session) return this.value;
    this.set(next);
    return next;
  }

  private set(value: TenantGroups | undefined): void {
    if (value === this.value) return;
    this.value = value;
    for (const l of [...this.listeners]) l();
  }
}
