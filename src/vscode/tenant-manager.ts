import * as vscode from 'vscode';
import { TenantState } from '../core/tenant/tenant-state';
import type { TenantSkus } from '../core/tenant/tenant-skus';
import type { Journal } from '../core/journal/journal';
import { customerTenants, type CustomerTenant } from '../core/partner/relationship-health';
import type { Relationship } from '../core/partner/relationships';
import { isTenantId, reachBeforeSignIn } from '../core/partner/tenant-reach';
import { uiTranslate } from './translator';
import { clearSecrets } from './auth/secret-cache';
import { connectionFor } from './engine-connection';
import { engineBundle } from './engine-bundle-loader';
import { startDemoSession, type DemoOptions } from './auth/demo-session';
import type { TenantSession } from './auth/tenant-session';
import { signInWithVsCodeAccount } from './auth/vscode-account-session';
import { tenantRequiredMessage } from './auth/tenant-required';
import { tenantNeededForSignIn } from '../core/auth/sign-in-errors';
import { tenantGroupsFor } from './tenant-groups';
import { tenantNumbersFor } from './tenant-numbers';
import type { TenantGroupsState } from '../core/tenant/tenant-groups-state';
import type { TenantNumbersState } from '../core/tenant/tenant-numbers';
import type { TenantReach } from '../core/rules/tenant-line-rules';
import { migrateSignInMethod, readAuthSettings, type AuthSettings, type SignInMethod } from './settings';

/**
 * The command that creates (or repairs) the app registration with the least privileges: the way out when the client id
 * is missing.
 */
export const SET_UP_APP_COMMAND = 'licenses.setUpAppRegistration';

/**
 * Test-only, accepted from code calling `licenses.signIn` (never from settings): sign in with the
 * VS Code account method through the authentication provider `accountProvider` (a test's stand-in
 * for Microsoft's), against a fresh demo tenant that accepts only `demoToken`. There is no Graph
 * URL to choose: whatever calls the command, the admin's real token cannot be sent elsewhere.
 */
export interface SignInTestOptions {
  readonly accountProvider: string;
  readonly demoToken: string;
  /** Tokens the demo tenant accepts with only these scopes (the stand-in provider's, for a narrower sign-in). */
  readonly scopedTokens?: readonly { readonly token: string; readonly scopes: readonly string[] }[];
}

export function signInTestOptions(raw: unknown): SignInTestOptions | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const { accountProvider, demoToken, scopedTokens } = raw as Record<string, unknown>;
  if (typeof accountProvider !== 'string' || typeof demoToken !== 'string') return undefined;
  const scoped = Array.isArray(scopedTokens)
    ? scopedTokens.filter(
        (x): x is { token: string; scopes: string[] } =>
          !!x &&
          typeof (x as { token?: unknown }).token === 'string' &&
          Array.isArray((x as { scopes?: unknown }).scopes) &&
          (x as { scopes: unknown[] }).scopes.every((s) => typeof s === 'string'),
      )
    : undefined;
  return scoped ? { accountProvider, demoToken, scopedTokens: scoped } : { accountProvider, demoToken };
}

/** The session a file runs against, its tenant state, and the tenant its `tenant` line names (absent: none). */
export interface FileTenant {
  readonly session: TenantSession;
  readonly skus: TenantState<TenantSession>;
  readonly named: string | undefined;
}

/** A tenant a file names, reached in this session: its groups and telephone numbers beside its SKUs, for the editor. */
interface ReachedTenant extends FileTenant {
  readonly groups: { readonly state: TenantGroupsState<TenantSession> } & vscode.Disposable;
  readonly numbers: { readonly state: TenantNumbersState<TenantSession> } & vscode.Disposable;
}

/**
 * What the editor knows of a tenant a file names (core/rules TenantReach); once reached, what the editor checks the
 * file against: that tenant's SKUs (undefined until read), groups and telephone numbers.
 */
export type EditorReach =
  | Exclude<TenantReach, { readonly kind: 'reaching' | 'reached' }>
  | { readonly kind: 'reaching' }
  | {
      readonly kind: 'reached';
      readonly skus: TenantSkus | undefined;
      readonly groups: TenantGroupsState<TenantSession>;
      readonly numbers: TenantNumbersState<TenantSession>;
    };

/**
 * Who is signed in to which tenant; the one place sessions are created and disposed. `skus` is the
 * tenant's subscriptions with seats, read again on every sign-in (and, by the extension, on demand
 * and after runs): the view, the tenant-aware rules, completions and the commands read it.
 */
export class TenantManager implements vscode.Disposable {
  private current: TenantSession | undefined;
  private readonly changed = new vscode.EventEmitter<TenantSession | undefined>();
  readonly onDidChange = this.changed.event;
  readonly skus = new TenantState<TenantSession>(
    () => this.current,
    async (session) => engineBundle().loadTenantSkus(await connectionFor(session)),
  );

  private customerList:
    | { readonly session: TenantSession; readonly tenants: readonly CustomerTenant[]; readonly unread?: boolean }
    | undefined;
  private readonly customersChanged = new vscode.EventEmitter<void>();
  /** The partner's customer tenants changed (read again, or the session changed). */
  readonly onDidChangeCustomers = this.customersChanged.event;

  /**
   * The signed-in tenant's customer tenants from its GDAP relationships (core/partner), when it is a partner whose
   * token may read them (DelegatedAdminRelationship.Read.All); empty otherwise: most tenants are no partner, and a
   * refused read is not an error to show.
   */
  customers(): readonly CustomerTenant[] {
    return this.customerList && this.customerList.session === this.current ? this.customerList.tenants : [];
  }

  /**
   * Whether the Licenses view offers "Show customer tenants…": the signed-in session's relationships could not be
   * read (its token may not: the sign-in asks no partner permission) and it can ask for them (askForPartner).
   */
  mayAskForCustomers(): boolean {
    const list = this.customerList;
    return !!this.current?.askForPartner && list?.session === this.current && list.unread === true;
  }

  /**
   * "Show customer tenants…": asks for the partner's permissions (VS Code's consent prompt), then reads the
   * relationships again. Undefined: no session; else the customers, or why they still cannot be read.
   */
  async askForCustomers(): Promise<{ readonly tenants: readonly CustomerTenant[]; readonly why?: string } | undefined> {
    const session = await this.require();
    if (!session) return undefined;
    await session.askForPartner?.();
    const tenants = await this.refreshCustomers();
    const list = this.customerList;
    return { tenants, why: list?.session === session && list.unread ? this.lastReadError : undefined };
  }

  /** Why the last relationships read failed (its message and hint), for "Show customer tenants…" to say. */
  private lastReadError: string | undefined;

  /**
   * The signed-in session's GDAP relationships, as last read for it: undefined when its token may not read them
   * (no DelegatedAdminRelationship.Read.All: no partner, or a sign-in without that permission).
   */
  private partnerRead:
    | { readonly session: TenantSession; readonly relationships: Promise<readonly Relationship[] | undefined> }
    | undefined;

  /** Reads the relationships again; `nowMs`: the clock the end dates are judged by. */
  async refreshCustomers(nowMs = Date.now()): Promise<readonly CustomerTenant[]> {
    const session = this.current;
    if (!session) {
      this.customerList = undefined;
      this.partnerRead = undefined;
      this.customersChanged.fire();
      return [];
    }
    const relationships = (async () => {
      const read = await engineBundle()
        .readRelationships(await connectionFor(session))
        .catch((e: unknown) => ({ ok: false as const, error: { message: String((e as Error)?.message ?? e) } }));
      if (!read.ok && this.current === session)
        this.lastReadError = [read.error.message, 'hint' in read.error ? read.error.hint : undefined]
          .filter(Boolean)
          .join(' ');
      return read.ok ? read.value : undefined;
    })();
    this.partnerRead = { session, relationships };
    const read = await relationships;
    if (this.current !== session) return this.customers();
    this.customerList = { session, tenants: read ? customerTenants(read, nowMs) : [], unread: !read };
    this.customersChanged.fire();
    return this.customerList.tenants;
  }

  /** Sessions of the tenants files name on their `tenant` line, by name, for the signed-in session that made them. */
  private fileTenants = new Map<string, Promise<FileTenant | { readonly refused: string }>>();

  /** Why tenants named on files cannot be reached, as the last try to reach each said (this session's). */
  private refusals = new Map<string, string>();
  private readonly reachChanged = new vscode.EventEmitter<void>();
  /**
   * A tenant a file names was reached or found unreachable, its SKUs, groups or numbers were read (or the session
   * changed): the findings of the files naming it change.
   */
  readonly onDidChangeReach = this.reachChanged.event;

  /** The file tenants reached in this session: the editor checks their files against their own state. */
  private madeTenants = new Map<string, ReachedTenant>();
  /** Tenants a file names that the editor tried to reach without a prompt (this session's), and those it could not. */
  private silentTries = new Set<string>();
  private needSignIn = new Set<string>();

  /**
   * What the editor knows of the tenant `name` a file names (not the signed-in one). The first ask tries to reach it
   * without a prompt (a sign-in VS Code holds already; the demo's customers always): never a sign-in from merely
   * opening a file. `needs-sign-in`: only a Preview or Apply reaches it.
   */
  fileTenant(name: string): EditorReach {
    const key = name.trim().toLowerCase();
    const why = this.refusals.get(key);
    if (why) return { kind: 'refused', why };
    const made = this.madeTenants.get(key);
    if (made)
      return { kind: 'reached', skus: made.skus.current(), groups: made.groups.state, numbers: made.numbers.state };
    if (this.needSignIn.has(key)) return { kind: 'needs-sign-in' };
    const session = this.current;
    if (session && !this.silentTries.has(key)) {
      this.silentTries.add(key);
      void this.reachSilently(session, key);
    }
    return { kind: 'reaching' };
  }

  /**
   * The session a journal's runs were made against, as the CLI's retry, reprocess, undo and status connect: the tenant
   * its files named (the header's `fileTenant`), else the signed-in one. A tenant that cannot be reached is said here.
   */
  async forJournal(journal: Pick<Journal, 'headers'>): Promise<FileTenant | undefined> {
    const target = await this.forFile(journal.headers.find((h) => h.fileTenant)?.fileTenant);
    if (target && 'refused' in target) {
      void vscode.window.showErrorMessage(target.refused);
      return undefined;
    }
    return target;
  }

  /**
   * The session a file runs against: the signed-in one when the file names no tenant (or the signed-in one), else a
   * session for the tenant it names (TenantSession.customer, made once, silent after), with its own tenant state.
   * `refused`: that tenant cannot be reached, and why; said before anything is read.
   */
  async forFile(tenant: string | undefined): Promise<FileTenant | { readonly refused: string } | undefined> {
    const session = await this.require();
    if (!session) return undefined;
    const name = tenant?.trim().toLowerCase();
    if (!name || name === session.tenantId.toLowerCase()) return { session, skus: this.skus, named: undefined };
    if (!session.customer) return this.adopt(session, name, { refused: this.noCustomers(session, name) });
    let made = this.fileTenants.get(name);
    if (!made) {
      made = this.partnerRefusal(session, name)
        .then((refused) => (refused ? { refused } : session.customer?.(name)))
        .then((answer) =>
          // Asked with a prompt, the session answers a session or a refusal (undefined is the silent ask's alone).
          this.adopt(session, name, answer ?? { refused: this.noCustomers(session, name) }),
        );
      this.fileTenants.set(name, made);
      // A failure is not kept (a cancelled sign-in): the next command asks again. A refusal is kept for the session.
      made.catch(() => this.fileTenants.delete(name));
    }
    return made;
  }

  /** The refusal of a session that reaches no other tenant (device code, app-only in VS Code). */
  private noCustomers(session: TenantSession, name: string): string {
    return vscode.l10n.t(
      'Cannot reach tenant {0} with the session of {1}: sign in with your Microsoft account in VS Code or the demo tenant to run files of other tenants.',
      name,
      session.label,
    );
  }

  /**
   * Before a partner admin signs in to a customer's tenant (delegated): refused in our words when the partner's
   * relationships, read with the signed-in session, say it cannot reach it (core/partner reachBeforeSignIn). A tenant
   * named by a domain is first found by it (its id), with the same session, only when the relationships were read: a
   * session that may not find it leaves the domain to the sign-in.
   */
  private async partnerRefusal(session: TenantSession, name: string): Promise<string | undefined> {
    if (session.kind !== 'delegated' || this.partnerRead?.session !== session) return undefined;
    const relationships = await this.partnerRead.relationships;
    const domain =
      relationships && !isTenantId(name)
        ? await engineBundle()
            .readTenantByDomain(await connectionFor(session), name)
            .then((read) => (read.ok ? read.value : undefined))
            .catch(() => undefined)
        : undefined;
    return reachBeforeSignIn(name, relationships, Date.now(), uiTranslate(), undefined, domain)?.message;
  }

  /** The editor's ask, as a file naming `name` opens: a session without a prompt, or none (`needs-sign-in`). */
  private async reachSilently(session: TenantSession, name: string): Promise<void> {
    if (!session.customer) {
      this.adopt(session, name, { refused: this.noCustomers(session, name) });
      return;
    }
    const refused = await this.partnerRefusal(session, name);
    const answer = refused ? { refused } : await session.customer(name, { silent: true }).catch(() => undefined);
    if (this.current !== session || this.fileTenants.has(name)) return;
    if (!answer) {
      this.needSignIn.add(name);
      this.reachChanged.fire();
      return;
    }
    this.fileTenants.set(name, Promise.resolve(this.adopt(session, name, answer)));
  }

  /**
   * A tenant's answer, kept for the session that asked: a refusal the editor shows on the files naming it; a session
   * whose SKUs, groups and numbers the editor reads from now on (each file's checks follow as they are read).
   */
  private adopt(
    session: TenantSession,
    name: string,
    answer: TenantSession | { readonly refused: string },
  ): FileTenant | { readonly refused: string } {
    const current = this.current === session;
    if ('refused' in answer) {
      if (current) {
        this.refusals.set(name, answer.refused);
        this.reachChanged.fire();
      }
      return answer;
    }
    const skus = new TenantState<TenantSession>(
      () => answer,
      async (s) => engineBundle().loadTenantSkus(await connectionFor(s)),
    );
    const made: FileTenant = { session: answer, named: name, skus };
    if (!current) return made;
    const editor = { session: answer, skus };
    const reached: ReachedTenant = { ...made, groups: tenantGroupsFor(editor), numbers: tenantNumbersFor(editor) };
    this.madeTenants.set(name, reached);
    this.needSignIn.delete(name);
    this.reachedSubscriptions.push(
      reached.groups,
      reached.numbers,
      skus.onDidChange(() => this.reachChanged.fire()),
      reached.groups.state.onDidChange(() => this.reachChanged.fire()),
      reached.numbers.state.onDidChange(() => this.reachChanged.fire()),
    );
    this.reachChanged.fire();
    void skus.refresh();
    return made;
  }

  /** What the reached file tenants' states are subscribed to: disposed when the session changes. */
  private reachedSubscriptions: { dispose(): void }[] = [];

  /** Whether `name` (a `tenant` line's id or domain) is the signed-in tenant: its findings then apply to the file. */
  isSignedInTenant(name: string): boolean {
    return this.current !== undefined && name.trim().toLowerCase() === this.current.tenantId.toLowerCase();
  }

  /**
   * A tenant's display name for the `tenant` line's hover (core/editor TenantNameOf): a customer of the signed-in
   * partner, by id, from its GDAP relationships; the signed-in tenant by its label. Undefined: not known.
   */
  readonly tenantNameOf = (idOrDomain: string): string | undefined => {
    const name = idOrDomain.trim().toLowerCase();
    if (this.isSignedInTenant(name)) return this.current?.label;
    return this.customers().find((c) => c.tenantId.toLowerCase() === name)?.displayName;
  };

  /** Signed out of the account in VS Code's Accounts menu: this extension's session ends with it. */
  private readonly accounts = vscode.authentication.onDidChangeSessions(async (e) => {
    const session = this.current;
    if (!session?.isSignedIn || session.accountProvider !== e.provider.id) return;
    // A sign-in to a customer's tenant made elsewhere: the files naming a tenant that needed one try again, silently.
    if (this.needSignIn.size > 0) {
      for (const name of this.needSignIn) this.silentTries.delete(name);
      this.needSignIn = new Set();
      this.reachChanged.fire();
    }
    if (!(await session.isSignedIn().catch(() => false)) && this.current === session) await this.replace(undefined);
  });

  constructor(private readonly secrets: vscode.SecretStorage) {
    void migrateSignInMethod();
  }

  get session(): TenantSession | undefined {
    return this.current;
  }

  /** A fresh demo tenant when options are given (tests), else the running one. */
  async useDemo(options?: DemoOptions): Promise<TenantSession> {
    if (this.current?.kind === 'demo' && !options) return this.current;
    const session = await startDemoSession(options);
    await this.replace(session);
    return session;
  }

  /**
   * Prerequisites first (the app's client id, the tenant), so the admin is never asked how to sign
   * in only to be told afterwards that it cannot work; then the method; then the sign-in.
   */
  async signIn(method?: SignInMethod, test?: SignInTestOptions): Promise<TenantSession | undefined> {
    const settings = readAuthSettings();
    if (!(await this.prerequisitesMet(settings))) return undefined;
    const chosen = method ?? (await this.pickMethod(settings.signInMethod));
    if (!chosen) return undefined;
    // Signing in again with the same method is switching accounts: the admin is let to pick another.
    const viaAccount = this.current?.accountProvider !== undefined;
    if (chosen === 'vscode') {
      const graph = test
        ? await startDemoSession({ token: test.demoToken, delegatedTokens: test.scopedTokens })
        : undefined;
      const target =
        test && graph
          ? { providerId: test.accountProvider, graph: { baseUrl: graph.graphBaseUrl, dispose: () => graph.dispose() } }
          : {};
      try {
        return await this.replace(await signInWithVsCodeAccount(settings, target, viaAccount));
      } catch (e) {
        await graph?.dispose();
        throw e;
      }
    }
    const { signInAppOnly, signInDelegated } = engineBundle();
    const session =
      chosen === 'deviceCode'
        ? await signInDelegated(settings, this.secrets, this.current?.kind === 'delegated' && !viaAccount)
        : await signInAppOnly(settings, this.secrets, chosen);
    return this.replace(session);
  }

  /**
   * The client id and (every method needs it: single-tenant apps, app-only) the tenant, or a message with the way to
   * set them.
   */
  private async prerequisitesMet(settings: AuthSettings): Promise<boolean> {
    // A fresh install: the first thing offered is the way to start, not an error.
    if (!settings.clientId) {
      await this.firstRun();
      return false;
    }
    const missing = tenantNeededForSignIn(settings.tenantId) ? tenantRequiredMessage() : undefined;
    if (!missing) return true;
    const setUp = vscode.l10n.t('Set Up App Registration');
    const open = vscode.l10n.t('Open Settings');
    const demo = vscode.l10n.t('Use Demo Tenant');
    const choice = await vscode.window.showErrorMessage(missing, setUp, open, demo);
    if (choice === setUp) await vscode.commands.executeCommand(SET_UP_APP_COMMAND);
    if (choice === open)
      await vscode.commands.executeCommand(
        'workbench.action.openSettings',
        settings.clientId ? 'licenses.tenantId' : 'licenses.',
      );
    if (choice === demo) await this.useDemo();
    return false;
  }

  /**
   * Sign In with no app registration configured: a choice between creating one (Set Up App
   * Registration), trying the demo tenant, and entering the client id of an existing app.
   */
  private async firstRun(): Promise<void> {
    const items: (vscode.QuickPickItem & { readonly run: () => Thenable<unknown> })[] = [
      {
        label: `$(tools) ${vscode.l10n.t('Set Up App Registration')}`,
        detail: vscode.l10n.t(
          'Creates the app Licenses signs in with, with the least privileges (an administrator consents once).',
        ),
        run: () => vscode.commands.executeCommand(SET_UP_APP_COMMAND),
      },
      {
        label: `$(beaker) ${vscode.l10n.t('Use Demo Tenant')}`,
        detail: vscode.l10n.t('Try everything on the built-in demo tenant: nothing real is read or written.'),
        run: () => this.useDemo(),
      },
      {
        label: `$(gear) ${vscode.l10n.t('Open Settings')}`,
        detail: vscode.l10n.t('You already have an app registration: enter its client id in "licenses.clientId".'),
        run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'licenses.clientId'),
      },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Sign in to Microsoft 365'),
      placeHolder: vscode.l10n.t(
        'Licenses signs in through an app registration of your tenant: how do you want to start?',
      ),
      ignoreFocusOut: false,
    });
    await picked?.run();
  }

  /**
   * Forgets this extension's session and every secret it keeps. VS Code's API cannot remove an
   * account of another extension's provider (Microsoft's own extensions leave it too): the
   * account stays in VS Code's Accounts menu, where the admin signs out of it, so say so.
   */
  async signOut(): Promise<void> {
    const previous = this.current;
    await clearSecrets(this.secrets);
    await this.replace(undefined);
    if (previous?.kind !== 'delegated' || readAuthSettings().signInMethod === 'deviceCode') return;
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Signed out of Licenses. Your Microsoft account stays signed in to VS Code for other extensions: sign out of it in the Accounts menu (bottom left) if you want.',
      ),
    );
  }

  /** The session to run against, asking the admin to sign in (or use the demo tenant) when there is none. */
  async require(): Promise<TenantSession | undefined> {
    if (this.current) return this.current;
    const signIn = vscode.l10n.t('Sign In');
    const demo = vscode.l10n.t('Use Demo Tenant');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Not signed in to a Microsoft 365 tenant.'),
      signIn,
      demo,
    );
    if (choice === signIn) return this.signIn();
    if (choice === demo) return this.useDemo();
    return undefined;
  }

  private async pickMethod(preferred: SignInMethod): Promise<SignInMethod | undefined> {
    const items: (vscode.QuickPickItem & { method: SignInMethod })[] = [
      {
        method: 'vscode',
        label: vscode.l10n.t('$(account) Sign in with your Microsoft account in VS Code'),
        detail: vscode.l10n.t(
          'Delegated, as you (License Administrator or User Administrator role); works in desktop, remote and web windows; the account shows in the Accounts menu',
        ),
      },
      {
        method: 'deviceCode',
        label: vscode.l10n.t('$(device-mobile) Sign in with a device code'),
        detail: vscode.l10n.t(
          "Delegated, for editors without VS Code's Microsoft account; often blocked by Conditional Access",
        ),
      },
      {
        method: 'appSecret',
        label: vscode.l10n.t('$(key) App registration with a client secret'),
        detail: vscode.l10n.t('App-only, for automation accounts'),
      },
      {
        method: 'appCertificate',
        label: vscode.l10n.t('$(file-certificate) App registration with a certificate'),
        detail: vscode.l10n.t('App-only, certificate from "licenses.appCertificatePath"'),
      },
    ];
    items.sort((a, b) => Number(b.method === preferred) - Number(a.method === preferred));
    return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Sign in to Microsoft 365') }))?.method;
  }

  private async replace(next: TenantSession | undefined): Promise<TenantSession | undefined> {
    const previous = this.current;
    this.current = next;
    if (previous !== next) {
      this.fileTenants = new Map();
      this.refusals = new Map();
      this.madeTenants = new Map();
      this.silentTries = new Set();
      this.needSignIn = new Set();
      for (const s of this.reachedSubscriptions.splice(0)) s.dispose();
      this.reachChanged.fire();
    }
    if (previous && previous !== next) await previous.dispose().catch(() => undefined);
    this.changed.fire(next);
    void this.skus.refresh();
    void this.refreshCustomers();
    return next;
  }

  dispose(): void {
    void this.current?.dispose();
    this.accounts.dispose();
    this.changed.dispose();
    this.customersChanged.dispose();
    for (const s of this.reachedSubscriptions.splice(0)) s.dispose();
    this.reachChanged.dispose();
  }
}
