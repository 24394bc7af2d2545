import type { GraphConnection } from '../graph/connection';
import type { UserError } from '../graph/user-error';
import { english, type Translate } from '../text/translate';
import { parsePhoneNumber } from '../format/e164';
import { NUMBERS_ROOT, readUserVoiceState } from './teams-reads';
import { systemClock, TEAMS_PERMISSION, teamsError, teamsRequest, type NumbersClock } from './teams-transport';

export type NumberType = 'callingPlan' | 'operatorConnect' | 'directRouting';

/**
 * How long the number stage waits for Teams to see a new license. Microsoft: after a Calling Plan is
 * assigned, it "can take up to 24 hours" before a number can be assigned; meanwhile Teams answers "User '…'
 * lacks appropriate licenses to assign a 'CallingPlan' number". The stage retries that answer after
 * `firstDelayMs`, doubling up to `maxDelayMs`, until `boundMs` has passed since the first try; then the
 * user is left pending with the command that resumes. Defaults (docs/numbers.md): 15 s, 2 min, 15 min.
 */
interface LicenseWait {
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  readonly boundMs: number;
}
const DEFAULT_LICENSE_WAIT: LicenseWait = { firstDelayMs: 15_000, maxDelayMs: 120_000, boundMs: 15 * 60_000 };

/** Polling of the operation a 202 names, and of the read-back (eventual consistency) once it has ended. */
interface NumberPolling {
  readonly intervalMs: number;
  /** An operation still running after this is reported as such, not waited on forever. */
  readonly operationBoundMs: number;
  /** Reads of the user's configuration until it shows the change. */
  readonly readBackAttempts: number;
}
const DEFAULT_NUMBER_POLLING: NumberPolling = {
  intervalMs: 2_000,
  operationBoundMs: 10 * 60_000,
  readBackAttempts: 5,
};

export interface NumberWriteOptions {
  readonly clock?: NumbersClock;
  readonly licenseWait?: Partial<LicenseWait>;
  readonly polling?: Partial<NumberPolling>;
  /** The command that picks a pending user up again (the run knows its journal): shown with the pending outcome. */
  readonly resumeCommand: string;
  readonly t?: Translate;
}

export interface AssignRequest {
  /** The user's object id: assignNumber takes "The ID associated with User account". */
  readonly userId: string;
  readonly telephoneNumber: string;
  readonly numberType: NumberType;
  /**
   * Whether the user's licenses in Entra ID (after the license stage) allow this number type: a Calling Plan
   * number needs a Calling Plan, Operator Connect and Direct Routing need Phone System. Teams says "lacks
   * appropriate licenses" both while it has not seen a license yet and when the license is simply not there;
   * only the caller, which planned the licenses, tells the two apart. When false that answer is final.
   */
  readonly licensedInEntra: boolean;
  readonly assignmentCategory?: 'primary' | 'private' | 'alternate';
  readonly locationId?: string;
}

/** One outcome per user and number, as the run will journal it. */
export type NumberOutcome =
  | {
      readonly kind: 'assigned' | 'unassigned';
      readonly telephoneNumber: string;
      /** 'confirmed': userConfigurations shows it; 'not-yet-visible': the operation succeeded, reads lag behind. */
      readonly readBack: 'confirmed' | 'not-yet-visible';
      readonly isEnterpriseVoiceEnabled?: boolean;
      /** "not licensed yet" answers waited out before Teams took the number. */
      readonly licenseRetries: number;
      readonly message: string;
    }
  | { readonly kind: 'unchanged'; readonly telephoneNumber: string; readonly message: string }
  | {
      readonly kind: 'pending';
      readonly reason: 'license-not-seen';
      readonly telephoneNumber: string;
      readonly waitedMs: number;
      readonly licenseRetries: number;
      readonly resumeCommand: string;
      readonly message: string;
    }
  | { readonly kind: 'failed'; readonly telephoneNumber: string; readonly error: UserError; readonly message: string };

/** Teams' words when it has not seen the license yet, or the user lacks it ([OBS] office-docs-powershell#8905). */
const NOT_LICENSED = /lacks appropriate licenses to assign an? '?(\w+)'? number/i;
const isNotLicensedYet = (message: string | undefined): boolean => NOT_LICENSED.test(message ?? '');

/** The operation id in a Location such as `…/operations('QXNz…')` or `…/operations/QXNz…`. */
function operationIdOf(location: string | undefined): string | undefined {
  const m = /\/operations(?:\('([^']+)'\)|\/([^/?#]+))\s*$/.exec(location ?? '');
  return m ? decodeURIComponent(m[1] ?? m[2]) : undefined;
}

interface Settings {
  readonly clock: NumbersClock;
  readonly wait: LicenseWait;
  readonly polling: NumberPolling;
  readonly t: Translate;
}

function settings(connection: GraphConnection, o: NumberWriteOptions): Settings {
  return {
    clock: o.clock ?? systemClock,
    wait: { ...DEFAULT_LICENSE_WAIT, ...o.licenseWait },
    polling: { ...DEFAULT_NUMBER_POLLING, ...o.polling },
    t: o.t ?? connection.t ?? english,
  };
}

const canonical = (n: string): string => {
  const p = parsePhoneNumber(n);
  return p.ok ? p.number.canonical : n.trim();
};

/** Number types in words (Teams admin center's names). */
const NUMBER_TYPE_WORDS: Readonly<Record<NumberType, (t: Translate) => string>> = {
  callingPlan: (t) => t('Calling Plan'),
  operatorConnect: (t) => t('Operator Connect'),
  directRouting: (t) => t('Direct Routing'),
};

type OperationEnd =
  | { readonly kind: 'done'; readonly skipped: boolean }
  | { readonly kind: 'not-licensed' }
  | { readonly kind: 'failed'; readonly error: UserError };

/** Polls `operations/{id}` until it ends (succeeded, skipped, failed) or the bound passes. */
async function pollOperation(connection: GraphConnection, id: string, s: Settings): Promise<OperationEnd> {
  const until = s.clock.now() + s.polling.operationBoundMs;
  for (;;) {
    const answer = await teamsRequest(connection, 'GET', `${NUMBERS_ROOT}/operations/${encodeURIComponent(id)}`);
    if (!answer.ok) return { kind: 'failed', error: teamsError(answer.failure, TEAMS_PERMISSION.readNumbers, s.t) };
    const op = (answer.body ?? {}) as { status?: unknown; numbers?: { status?: unknown; statusDetail?: unknown }[] };
    const detail = (op.numbers ?? []).map((n) => (typeof n.statusDetail === 'string' ? n.statusDetail : '')).join(' ');
    if (op.status === 'succeeded' || op.status === 'skipped') return { kind: 'done', skipped: op.status === 'skipped' };
    if (op.status === 'failed') {
      if (isNotLicensedYet(detail)) return { kind: 'not-licensed' };
      return {
        kind: 'failed',
        error: {
          code: 'OperationFailed',
          message: detail || s.t('Teams reports the operation as failed, without a reason.'),
        },
      };
    }
    if (s.clock.now() + s.polling.intervalMs > until)
      return {
        kind: 'failed',
        error: {
          code: 'OperationStillRunning',
          message: s.t(
            'Teams was still working on the number after {0} minutes.',
            Math.round(s.polling.operationBoundMs / 60_000),
          ),
          hint: s.t('Read the number again later: the operation may still end.'),
        },
      };
    await s.clock.sleep(s.polling.intervalMs);
  }
}

/** Reads the user's configuration until `holds` says the change shows, a few times (eventual consistency). */
async function readBack(
  connection: GraphConnection,
  userId: string,
  holds: (numbers: readonly string[]) => boolean,
  s: Settings,
): Promise<{ readonly seen: boolean; readonly voice?: boolean }> {
  for (let attempt = 1; attempt <= s.polling.readBackAttempts; attempt++) {
    const state = await readUserVoiceState(connection, userId, s.t);
    if (state.ok && holds(state.value.telephoneNumbers.map((n) => canonical(n.telephoneNumber))))
      return { seen: true, voice: state.value.isEnterpriseVoiceEnabled };
    if (attempt < s.polling.readBackAttempts) await s.clock.sleep(s.polling.intervalMs);
  }
  return { seen: false };
}

/**
 * Assigns a number to a user, to the end: POST assignNumber (202 + Location), the operation polled until it
 * ends, "not licensed yet" waited out with backoff up to the bound, then read back from userConfigurations.
 */
export async function assignNumber(
  connection: GraphConnection,
  request: AssignRequest,
  options: NumberWriteOptions,
): Promise<NumberOutcome> {
  const s = settings(connection, options);
  const { t } = s;
  const number = canonical(request.telephoneNumber);
  const started = s.clock.now();
  let delay = s.wait.firstDelayMs;
  let retries = 0;
  const body = {
    telephoneNumber: number,
    assignmentTargetId: request.userId,
    numberType: request.numberType,
    ...(request.assignmentCategory ? { assignmentCategory: request.assignmentCategory } : {}),
    ...(request.locationId ? { locationId: request.locationId } : {}),
  };
  const failed = (error: UserError): NumberOutcome => ({
    kind: 'failed',
    telephoneNumber: number,
    error,
    message: t('{0} was not assigned: {1}', number, error.message),
  });
  for (;;) {
    const answer = await teamsRequest(connection, 'POST', `${NUMBERS_ROOT}/numberAssignments/assignNumber`, body);
    let notLicensed = false;
    if (!answer.ok) {
      const error = teamsError(answer.failure, TEAMS_PERMISSION.writeNumbers, t);
      if (!isNotLicensedYet(answer.failure.message)) return failed(error);
      if (!request.licensedInEntra)
        return failed({
          ...error,
          hint: t(
            'A {0} number needs {1}, which this user does not hold: assign the license, or choose a number of another type.',
            NUMBER_TYPE_WORDS[request.numberType](t),
            request.numberType === 'callingPlan' ? t('a Calling Plan') : t('Phone System (Teams Phone)'),
          ),
        });
      notLicensed = true;
    } else {
      const id = operationIdOf(answer.location);
      if (!id)
        return failed({
          code: 'MalformedAnswer',
          message: t('Teams accepted the number without saying where to follow the operation (no Location).'),
        });
      const end = await pollOperation(connection, id, s);
      if (end.kind === 'failed') return failed(end.error);
      if (end.kind === 'done') {
        const back = await readBack(connection, request.userId, (held) => held.includes(number), s);
        if (end.skipped && back.seen)
          return {
            kind: 'unchanged',
            telephoneNumber: number,
            message: t('{0} was already assigned to this user.', number),
          };
        return {
          kind: 'assigned',
          telephoneNumber: number,
          readBack: back.seen ? 'confirmed' : 'not-yet-visible',
          ...(back.voice !== undefined ? { isEnterpriseVoiceEnabled: back.voice } : {}),
          licenseRetries: retries,
          message: back.seen
            ? t('{0} assigned.', number)
            : t('{0} assigned; Teams does not show it on the user yet (it may take a few minutes).', number),
        };
      }
      notLicensed = true;
    }
    if (notLicensed) {
      if (!request.licensedInEntra)
        return failed({
          code: 'OperationFailed',
          message: t('Teams refused the number: the user lacks the license it needs.'),
        });
      const waited = s.clock.now() - started;
      if (waited + delay > s.wait.boundMs)
        return {
          kind: 'pending',
          reason: 'license-not-seen',
          telephoneNumber: number,
          waitedMs: waited,
          licenseRetries: retries,
          resumeCommand: options.resumeCommand,
          message: t(
            'pending: Teams has not seen the license yet ({0} waited; Microsoft allows up to 24 hours). Resume with: {1}',
            t('{0} min', Math.round(waited / 60_000)),
            options.resumeCommand,
          ),
        };
      await s.clock.sleep(delay);
      retries++;
      delay = Math.min(delay * 2, s.wait.maxDelayMs);
    }
  }
}

/** Takes a number back: POST unassignNumber (202 + Location), polled to its end, then read back. */
export async function unassignNumber(
  connection: GraphConnection,
  request: { readonly userId: string; readonly telephoneNumber: string; readonly numberType: NumberType },
  options: NumberWriteOptions,
): Promise<NumberOutcome> {
  const s = settings(connection, options);
  const { t } = s;
  const number = canonical(request.telephoneNumber);
  const failed = (error: UserError): NumberOutcome => ({
    kind: 'failed',
    telephoneNumber: number,
    error,
    message: t('{0} was not taken back: {1}', number, error.message),
  });
  const answer = await teamsRequest(connection, 'POST', `${NUMBERS_ROOT}/numberAssignments/unassignNumber`, {
    telephoneNumber: number,
    numberType: request.numberType,
  });
  if (!answer.ok) return failed(teamsError(answer.failure, TEAMS_PERMISSION.writeNumbers, t));
  const id = operationIdOf(answer.location);
  if (!id)
    return failed({
      code: 'MalformedAnswer',
      message: t('Teams accepted the number without saying where to follow the operation (no Location).'),
    });
  const end = await pollOperation(connection, id, s);
  if (end.kind === 'failed') return failed(end.error);
  if (end.kind === 'not-licensed')
    return failed({ code: 'OperationFailed', message: t('Teams refused to take the number back.') });
  const back = await readBack(connection, request.userId, (held) => !held.includes(number), s);
  if (end.skipped) return { kind: 'unchanged', telephoneNumber: number, message: t('{0} was not assigned.', number) };
  return {
    kind: 'unassigned',
    telephoneNumber: number,
    readBack: back.seen ? 'confirmed' : 'not-yet-visible',
    licenseRetries: 0,
    message: back.seen
      ? t('{0} taken back.', number)
      : t('{0} taken back; Teams still shows it on the user (it may take a few minutes).', number),
  };
}

/**
 * Sets (or, with "", clears) the emergency location of a number: POST updateNumber, answered 200 at once
 * (no operation); "passing `null` or not including the field preserves the existing value" (updateNumber page).
 */
export async function updateNumberLocation(
  connection: GraphConnection,
  request: { readonly telephoneNumber: string; readonly locationId: string },
  t: Translate = connection.t ?? english,
): Promise<{ readonly ok: true; readonly message: string } | { readonly ok: false; readonly error: UserError }> {
  const number = canonical(request.telephoneNumber);
  const answer = await teamsRequest(connection, 'POST', `${NUMBERS_ROOT}/numberAssignments/updateNumber`, {
    telephoneNumber: number,
    locationId: request.locationId,
  });
  if (!answer.ok) return { ok: false, error: teamsError(answer.failure, TEAMS_PERMISSION.writeNumbers, t) };
  return {
    ok: true,
    message: request.locationId
      ? t('{0}: emergency location set to {1}.', number, request.locationId)
      : t('{0}: emergency location cleared.', number),
  };
}
