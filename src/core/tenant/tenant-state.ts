import type { Loaded } from '../reads/tenant-reads';
import type { UserError } from '../graph/user-error';
import type { TenantSkus } from './tenant-skus';

/** What is known of the signed-in tenant's subscriptions. */
export type TenantSkusState =
  | { readonly kind: 'signed-out' }
  /** Signed in, first read not answered yet. */
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly skus: TenantSkus }
  /** The read failed (offline, no permission): the catalog-only checks keep working. */
  | { readonly kind: 'unreadable'; readonly error: UserError };

export interface Unsubscribe {
  dispose(): void;
}

/** What readers of the tenant state need (no refresh): rules, completions, the view. */
export interface TenantSkusReader {
  current(): TenantSkus | undefined;
  readonly state: TenantSkusState;
  onDidChange(listener: (state: TenantSkusState) => void): Unsubscribe;
}

/**
 * The one reader of the tenant's `/subscribedSkus` for an interactive session: the Licenses view,
 * the tenant-aware rules, completions and the commands all read `current()`, so they agree on the
 * seats. Refreshed on sign-in, on demand and after runs. An answer for a session since replaced, or
 * overtaken by a later refresh, is dropped: it would show the previous tenant's SKUs.
 *
 * `load` is injected so the caller decides how the Graph engine is loaded (the extension loads it
 * lazily, never at activation); it is `loadTenantSkus(connection)` in practice.
 */
export class TenantState<Session> implements TenantSkusReader {
  private value: TenantSkusState = { kind: 'signed-out' };
  private readonly listeners = new Set<(state: TenantSkusState) => void>();
  private generation = 0;
  /** The session the loaded SKUs belong to. */
  private loadedFor: Session | undefined;

  constructor(
    private readonly session: () => Session | undefined,
    private readonly load: (session: Session) => Promise<Loaded<TenantSkus>>,
  ) {}

  /** The SKUs last read, or undefined when signed out, loading or unreadable. */
  current(): TenantSkus | undefined {
    return this.value.kind === 'loaded' ? this.value.skus : undefined;
  }

  get state(): TenantSkusState {
    return this.value;
  }

  onDidChange(listener: (state: TenantSkusState) => void): Unsubscribe {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * A fresh read for a command (Preview, Apply): the plan uses the very SKUs the view, the rules and
   * the completions then show, so they agree on the seats.
   */
  async fresh(): Promise<Loaded<TenantSkus>> {
    const state = await this.refresh();
    if (state.kind === 'loaded') return { ok: true, value: state.skus };
    if (state.kind === 'unreadable') return { ok: false, error: state.error };
    return {
      ok: false,
      error: {
        code: 'SessionChanged',
        message: 'The sign-in changed while the tenant was read; run the command again.',
      },
    };
  }

  /** Reads the SKUs again for the current session; resolves to the state then in force. */
  async refresh(): Promise<TenantSkusState> {
    const ticket = ++this.generation;
    const session = this.session();
    if (session === undefined) {
      this.loadedFor = undefined;
      this.set({ kind: 'signed-out' });
      return this.value;
    }
    // Keep showing the last SKUs while re-reading the same tenant; a new tenant starts empty.
    if (this.value.kind !== 'loaded' || this.loadedFor !== session) this.set({ kind: 'loading' });
    let next: TenantSkusState;
    try {
      const read = await this.load(session);
      next = read.ok ? { kind: 'loaded', skus: read.value } : { kind: 'unreadable', error: read.error };
    } catch (e) {
      next = { kind: 'unreadable', error: { code: 'ConnectionFailed', message: (e as Error)?.message ?? String(e) } };
    }
    if (ticket !== this.generation || this.session() !== session) return this.value;
    this.loadedFor = session;
    this.set(next);
    return next;
  }

  private set(state: TenantSkusState): void {
    this.value = state;
    for (const listener of [...this.listeners]) listener(state);
  }
}
