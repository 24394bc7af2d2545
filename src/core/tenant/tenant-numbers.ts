import { parsePhoneNumber } from '../format/e164';
import type { GraphUser } from '../graph/resources';
import type { UserError } from '../graph/user-error';
import type { TeamsNumber } from '../numbers/teams-reads';
import type { Loaded } from '../reads/paging';
import type { Unsubscribe } from './tenant-state';

/** One number of the inventory, as Graph's numberAssignment gives it (numbers/teams-reads.ts). */
export type TenantNumber = TeamsNumber;

/** What Teams must be able to do with a number for a user to hold it (numberAssignment.capabilities). */
export const USER_ASSIGNMENT = 'userAssignment';

/** How a number is looked up: its canonical E.164 form (with `;ext=`), whatever spacing Teams or the file used. */
export const numberKey = (text: string): string => {
  const parsed = parsePhoneNumber(text);
  return parsed.ok ? parsed.number.canonical : text.trim();
};

/** Whether a user could be given `n` today: free, and made for users. */
const isFreeForUsers = (n: TeamsNumber): boolean =>
  n.assignmentStatus === 'unassigned' && n.capabilities.includes(USER_ASSIGNMENT);

/** The tenant's telephone number inventory (`numberAssignments`), looked up by number. */
export class TenantNumbers {
  private readonly byKey = new Map<string, TeamsNumber>();

  constructor(readonly all: readonly TeamsNumber[]) {
    for (const n of all) this.byKey.set(numberKey(n.telephoneNumber), n);
  }

  /** The inventory's number with this canonical form (`+14255550101`, `+33170000001;ext=201`). */
  find(canonical: string): TeamsNumber | undefined {
    return this.byKey.get(canonical);
  }

  /**
   * Free numbers a user can take whose digits start with `digits` (without the `+`), in number order, at most
   * `limit`: what completions offer as the admin types `+1 425`.
   */
  free(digits: string, limit: number): TeamsNumber[] {
    const out: TeamsNumber[] = [];
    for (const n of this.all) {
      if (!isFreeForUsers(n)) continue;
      if (numberKey(n.telephoneNumber).slice(1).startsWith(digits)) out.push(n);
    }
    return out.sort((a, b) => a.telephoneNumber.localeCompare(b.telephoneNumber)).slice(0, limit);
  }
}

/** What the number checks need of a user: the id (who holds a number), usage location and direct licenses. */
export interface NumberedUser {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly usageLocation?: string;
  readonly licenses: readonly { readonly skuId: string; readonly disabledPlans: readonly string[] }[];
}

function numberedUser(u: GraphUser): NumberedUser {
  return {
    id: u.id.toLowerCase(),
    userPrincipalName: u.userPrincipalName,
    ...(u.usageLocation ? { usageLocation: u.usageLocation.toUpperCase() } : {}),
    licenses: (u.assignedLicenses ?? []).map((l) => ({
      skuId: l.skuId.toLowerCase(),
      disabledPlans: (l.disabledPlans ?? []).map((p) => p.toLowerCase()),
    })),
  };
}

/** What is known of the tenant's numbers, for the editor. */
export type NumbersState =
  /** Signed out, or no open file has numbers yet: nothing read. */
  | { readonly kind: 'unread' }
  | { readonly kind: 'loaded'; readonly numbers: TenantNumbers }
  /** The read failed: without `TeamsTelephoneNumber.Read.All` (403), or offline. The checks stay silent. */
  | { readonly kind: 'unreadable'; readonly error: UserError };

/** What the rules, hovers and completions read. */
export interface TenantNumbersReader {
  readonly state: NumbersState;
  /** Users read because a file gives them a number, or holds a number a file names; keyed by lower-case UPN and id. */
  readonly users: ReadonlyMap<string, NumberedUser>;
  onDidChange(listener: () => void): Unsubscribe;
}

/**
 * The signed-in tenant's telephone numbers for the editor, read only once a file has numbers (`need`), again
 * when the tenant's SKUs are (sign-in, refresh, after a run), and the users those files number (`needUsers`),
 * each read once per session. An answer for a session since replaced, or overtaken by a later refresh, is dropped.
 */
export class TenantNumbersState<Session> implements TenantNumbersReader {
  private value: NumbersState = { kind: 'unread' };
  private readonly known = new Map<string, NumberedUser>();
  /** References asked for (read, being read or not found), so each is read once per session. */
  private readonly asked = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private generation = 0;
  private wanted = false;

  constructor(
    private readonly session: () => Session | undefined,
    private readonly loadNumbers: (session: Session) => Promise<Loaded<readonly TeamsNumber[]>>,
    private readonly loadUsers: (session: Session, references: readonly string[]) => Promise<readonly GraphUser[]>,
  ) {}

  get state(): NumbersState {
    return this.value;
  }

  get users(): ReadonlyMap<string, NumberedUser> {
    return this.known;
  }

  onDidChange(listener: () => void): Unsubscribe {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** A file has numbers: read the inventory if it is not read yet (the promise of that first read). */
  need(): Promise<NumbersState> {
    if (this.wanted) return Promise.resolve(this.value);
    this.wanted = true;
    return this.refresh();
  }

  /** Reads the inventory again (once a file needed it), forgetting the users read for another state of the tenant. */
  async refresh(): Promise<NumbersState> {
    const ticket = ++this.generation;
    const session = this.session();
    this.known.clear();
    this.asked.clear();
    if (session === undefined || !this.wanted) {
      this.set({ kind: 'unread' });
      return this.value;
    }
    let next: NumbersState;
    try {
      const read = await this.loadNumbers(session);
      next = read.ok
        ? { kind: 'loaded', numbers: new TenantNumbers(read.value) }
        : { kind: 'unreadable', error: read.error };
    } catch (e) {
      next = { kind: 'unreadable', error: { code: 'ConnectionFailed', message: (e as Error)?.message ?? String(e) } };
    }
    if (ticket !== this.generation || this.session() !== session) return this.value;
    this.set(next);
    return next;
  }

  /** Reads the users (UPNs or ids) not read yet this session; listeners hear once they are in. */
  async needUsers(references: readonly string[]): Promise<void> {
    const session = this.session();
    const missing = [...new Set(references.map((r) => r.toLowerCase()))].filter((r) => !this.asked.has(r));
    if (session === undefined || missing.length === 0) return;
    for (const r of missing) this.asked.add(r);
    const ticket = this.generation;
    let read: readonly GraphUser[];
    try {
      read = await this.loadUsers(session, missing);
    } catch {
      return;
    }
    if (ticket !== this.generation || this.session() !== session || read.length === 0) return;
    for (const u of read) {
      const user = numberedUser(u);
      this.known.set(user.id, user);
      this.known.set(u.userPrincipalName.toLowerCase(), user);
    }
    this.fire();
  }

  private set(state: NumbersState): void {
    this.value = state;
    this.fire();
  }

  private fire(): void {
    for (const l of [...this.listeners]) l();
  }
}
