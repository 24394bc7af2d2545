import { stableGuid } from '../directory/ids';
import { type EmulatorTenant, type EmulatorUser } from '../directory/tenant';
import { type AssignmentCategory, type NumberCapability, type NumberType, type TeamsFixture } from './teams-fixture';
import { voiceCapabilities, type VoiceCapability } from './voice-licenses';

/** numberAssignment.activationState (graph-docs resources/teamsadministration-numberassignment.md). */
type ActivationState = 'activated' | 'assignmentPending' | 'assignmentFailed' | 'updatePending' | 'updateFailed';

export interface LiveNumber {
  /** Opaque; built like the list page's examples: base64url of "{operatorId}|{telephoneNumber}". */
  readonly id: string;
  readonly telephoneNumber: string;
  readonly numberType: NumberType;
  readonly capabilities: NumberCapability[];
  readonly isoCountryCode: string | null;
  readonly city: string | null;
  readonly operatorId: string;
  assignmentTargetId: string | null;
  assignmentCategory: AssignmentCategory | null;
  locationId: string | null;
  networkSiteId: string | null;
  reverseNumberLookupOptions: string[];
  activationState: ActivationState;
  /** The operation that holds the number while it runs (a second assign or unassign waits for it). */
  pendingOperation?: string;
}

/**
 * longRunningOperationStatus: notStarted, running, succeeded, failed, skipped
 * (…-telephonenumberlongrunningoperation.md).
 */
export type OperationStatus = 'notStarted' | 'running' | 'succeeded' | 'failed' | 'skipped';

export interface NumberOperation {
  readonly id: string;
  readonly kind: 'assign' | 'unassign';
  readonly createdAt: number;
  readonly endsAt: number;
  readonly number: LiveNumber;
  readonly targetId?: string;
  readonly category?: AssignmentCategory;
  readonly locationId?: string;
  status: OperationStatus;
  statusDetail?: string;
}

/** Graph time (ms since the emulator started) as a date, on the same origin as group-processing.ts. */
export const graphTimeDate = (ms: number): string =>
  new Date(Date.UTC(2025, 0, 6, 9) + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The operator ids of the emulated numbers, one per type (the list page gives each number an operatorId). */
const OPERATOR: Readonly<Record<NumberType, string>> = {
  callingPlan: '0019adbc-b82a-47b4-a799-4e993a9982f1',
  directRouting: '7a205197-8e59-487d-b9fa-3fc1b108f1e5',
  operatorConnect: stableGuid('emulator', 'operator-connect'),
};

/**
 * Teams' view of a tenant: the number inventory, the asynchronous operations, and when Teams saw each
 * user's voice licenses. Teams learns of a license some time after Entra ID assigns it (the "licensing to
 * Teams" lag, TeamsFixture.licenseLagSeconds): a capability counts for Teams `lag` after it was first seen.
 */
export class TeamsState {
  readonly numbers: LiveNumber[];
  readonly operations = new Map<string, NumberOperation>();
  /** userId → capability → Graph ms when Entra ID was first seen granting it. */
  private readonly voiceSince = new Map<string, Map<VoiceCapability, number>>();
  /** Users whose voice Teams turned on with a number (Set-CsPhoneNumberAssignment: "When you assign a phone
   *  number the EnterpriseVoiceEnabled flag is automatically set to True"). */
  readonly voiceEnabled = new Set<string>();
  readonly lagMs: number;
  readonly operationMs: number;
  private sequence = 0;

  constructor(
    private readonly tenant: EmulatorTenant,
    fixture: TeamsFixture,
  ) {
    this.lagMs = Math.max(0, fixture.licenseLagSeconds ?? 0) * 1000;
    this.operationMs = Math.max(0, fixture.operationSeconds ?? 2) * 1000;
    this.numbers = fixture.numbers.map((n) => {
      const operatorId = n.operatorId ?? OPERATOR[n.numberType];
      const target = n.assignedTo ? (tenant.findUser(n.assignedTo)?.id ?? n.assignedTo.toLowerCase()) : null;
      return {
        id: Buffer.from(`${operatorId}|${n.telephoneNumber}`).toString('base64url'),
        telephoneNumber: n.telephoneNumber,
        numberType: n.numberType,
        capabilities: [...(n.capabilities ?? ['userAssignment'])],
        isoCountryCode: n.isoCountryCode ?? null,
        city: n.city ?? null,
        operatorId,
        assignmentTargetId: target,
        assignmentCategory: target ? (n.assignmentCategory ?? 'primary') : null,
        locationId: n.locationId ?? null,
        networkSiteId: null,
        reverseNumberLookupOptions: [],
        activationState: 'activated',
      };
    });
    // What the fixture's users already hold, Teams has long seen.
    for (const u of tenant.users) this.observe(u, Number.NEGATIVE_INFINITY);
    for (const n of this.numbers) if (n.assignmentTargetId) this.voiceEnabled.add(n.assignmentTargetId);
  }

  /** Records the voice capabilities Entra ID gives the user now; one lost and regained starts the lag again. */
  observe(user: EmulatorUser, now: number): void {
    const held = voiceCapabilities(this.tenant, user);
    const seen = this.voiceSince.get(user.id);
    // Most users never hold a voice plan: no record until one does.
    if (!seen && held.size === 0) return;
    const since = seen ?? new Map<VoiceCapability, number>();
    for (const c of [...since.keys()]) if (!held.has(c)) since.delete(c);
    for (const c of held) if (!since.has(c)) since.set(c, now);
    this.voiceSince.set(user.id, since);
  }

  /** The capabilities Teams sees for the user at `now`: held, and held for at least the lag. */
  visibleCapabilities(user: EmulatorUser, now: number): Set<VoiceCapability> {
    this.observe(user, now);
    const out = new Set<VoiceCapability>();
    for (const [c, at] of this.voiceSince.get(user.id) ?? []) if (now - at >= this.lagMs) out.add(c);
    return out;
  }

  findNumber(telephoneNumber: string): LiveNumber | undefined {
    const wanted = canonicalNumber(telephoneNumber);
    return this.numbers.find((n) => canonicalNumber(n.telephoneNumber) === wanted);
  }

  numbersOf(userId: string): LiveNumber[] {
    return this.numbers.filter((n) => n.assignmentTargetId === userId);
  }

  startOperation(
    kind: NumberOperation['kind'],
    number: LiveNumber,
    now: number,
    extra: Pick<NumberOperation, 'targetId' | 'category' | 'locationId'> & { status?: OperationStatus } = {},
  ): NumberOperation {
    const { status, ...rest } = extra;
    const id = Buffer.from(
      `${kind === 'assign' ? 'Assignment' : 'Unassignment'}|${stableGuid('op', String(++this.sequence), number.id)}`,
    ).toString('base64url');
    const op: NumberOperation = {
      id,
      kind,
      createdAt: now,
      endsAt: now + this.operationMs,
      number,
      status: status ?? 'running',
      ...rest,
    };
    this.operations.set(id, op);
    if (op.status === 'running') {
      number.pendingOperation = id;
      if (kind === 'assign') number.activationState = 'assignmentPending';
    }
    return op;
  }

  /** Ends the operations whose time has come, applying what they do. */
  settle(now: number): void {
    for (const op of this.operations.values()) {
      if (op.status !== 'running' || now < op.endsAt) continue;
      const n = op.number;
      n.pendingOperation = undefined;
      if (op.kind === 'assign') {
        n.assignmentTargetId = op.targetId ?? null;
        n.assignmentCategory = op.category ?? 'primary';
        if (op.locationId !== undefined) n.locationId = op.locationId;
        n.activationState = 'activated';
        if (op.targetId) this.voiceEnabled.add(op.targetId);
      } else {
        n.assignmentTargetId = null;
        n.assignmentCategory = null;
      }
      op.status = 'succeeded';
    }
  }
}

/** Numbers compare without their formatting: "+1 425-555-0100" is "+14255550100"; the extension stays. */
export function canonicalNumber(n: string): string {
  return n
    .replace(/[\s().-]/g, '')
    .replace(/^(?!\+)/, '+')
    .toLowerCase();
}

const STATES = new WeakMap<EmulatorTenant, TeamsState>();

/** Gives the tenant its Teams side (startEmulator does, from the fixture). */
export function attachTeams(tenant: EmulatorTenant, fixture: TeamsFixture | undefined): TeamsState {
  const state = new TeamsState(tenant, fixture ?? { numbers: [] });
  STATES.set(tenant, state);
  return state;
}

/** The tenant's Teams side; a tenant built without one has no numbers and no lag. */
export function teamsOf(tenant: EmulatorTenant): TeamsState {
  return STATES.get(tenant) ?? attachTeams(tenant, undefined);
}
