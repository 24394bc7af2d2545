import { isCallingPlan, isPhoneSystem } from '../catalog/licensing-rules';
import type { DesiredUser } from '../desired/desired';
import type { UserError } from '../graph/user-error';
import { parsePhoneNumber } from '../format/e164';
import type { NumberType } from '../numbers/number-writes';
import type { TeamsNumber } from '../numbers/teams-reads';
import type { Loaded } from '../reads/paging';
import { english, type Translate } from '../text/translate';

/** A number as the plan sends it to Teams (and as the journal records it, for undo). */
interface PlannedNumber {
  /** Canonical E.164, with `;ext=` for a Direct Routing extension. */
  readonly telephoneNumber: string;
  readonly numberType: NumberType;
  readonly locationId?: string;
  /** As Teams lists it on the user (`primary`, `private`, `alternate`); absent on a number to assign. */
  readonly assignmentCategory?: string;
}

/**
 * A user's Teams number beside their licenses, in the three classes of plan-class.ts: `change` (a number to
 * assign, numbers to take back, or both), `unchanged` (the user already holds it, or `no-number` and holds none),
 * `failed` (will not be written: `error` says why and what to do). Absent from a UserPlan whose line gives no number.
 */
export interface NumberPlan {
  readonly kind: 'change' | 'unchanged' | 'failed';
  /** The line of the number in the file. */
  readonly line: number;
  /** The number to give the user: absent for `no-number`, and when the user already holds it. */
  readonly assign?: PlannedNumber;
  /** Numbers to take back first: every number for `no-number`, the other primary number before a new one. */
  readonly unassign: readonly PlannedNumber[];
  /** What the user held when the inventory was read: undo gives these back. */
  readonly before: readonly PlannedNumber[];
  readonly error?: UserError;
}

/** Engine codes of numbers that will not be written (plan-class.ts gives each its fix). */
const NUMBER_CODES = {
  notInInventory: 'NumberNotInInventory',
  heldByAnother: 'NumberAssignedToAnotherUser',
  notForUsers: 'NumberNotForUsers',
  needsLicense: 'NumberNeedsLicense',
  licensesNotWritten: 'LicensesNotWritten',
  inventoryNotRead: 'NumberInventoryNotRead',
} as const;

/** The tenant's numbers, looked up by canonical number and by the user holding them. */
export class NumberIndex {
  private readonly byNumber = new Map<string, TeamsNumber>();
  private readonly byTarget = new Map<string, TeamsNumber[]>();

  constructor(numbers: readonly TeamsNumber[]) {
    for (const n of numbers) {
      this.byNumber.set(canonicalOf(n.telephoneNumber), n);
      if (n.assignmentTargetId) {
        const key = n.assignmentTargetId.toLowerCase();
        const held = this.byTarget.get(key);
        if (held) held.push(n);
        else this.byTarget.set(key, [n]);
      }
    }
  }

  find(telephoneNumber: string): TeamsNumber | undefined {
    return this.byNumber.get(canonicalOf(telephoneNumber));
  }

  heldBy(userId: string): readonly TeamsNumber[] {
    return this.byTarget.get(userId.toLowerCase()) ?? [];
  }
}

/** The inventory as the planner sees it: read, or why it could not be (every number then waits for it). */
export type NumberInventory = Loaded<NumberIndex>;

const canonicalOf = (n: string): string => {
  const p = parsePhoneNumber(n);
  return p.ok ? p.number.canonical : n.trim();
};

const NUMBER_TYPES: readonly string[] = ['callingPlan', 'operatorConnect', 'directRouting'];
const typeOf = (n: TeamsNumber): NumberType =>
  (NUMBER_TYPES.includes(n.numberType) ? n.numberType : 'directRouting') as NumberType;

const planned = (n: TeamsNumber): PlannedNumber => ({
  telephoneNumber: canonicalOf(n.telephoneNumber),
  numberType: typeOf(n),
  ...(n.assignmentCategory ? { assignmentCategory: n.assignmentCategory } : {}),
});

/** A license of the user's resulting set (resulting-licenses.ts), as far as numbers care: its enabled plans. */
interface HeldLicense {
  readonly enabled: readonly { readonly name: string }[];
}

/** Whether licenses with these enabled plans let Teams give a number of this type. */
function licensesAllow(type: NumberType, licenses: readonly HeldLicense[]): boolean {
  const plans = licenses.flatMap((l) => l.enabled.map((p) => p.name));
  return type === 'callingPlan' ? plans.some(isCallingPlan) : plans.some(isPhoneSystem);
}

/** What a user's licenses plan means for their number, when the licenses will not be written. */
export interface NumberContext {
  readonly desired: DesiredUser;
  /** The user's object id; absent when the user was not found or not read. */
  readonly userId?: string;
  /** The license plan's error when it will not be written: then neither is the number. */
  readonly licenseError?: UserError;
  /** What the user will hold once the license stage is done. */
  readonly resulting: readonly HeldLicense[];
}

/**
 * Desired vs held for one user's number. A number is never taken from another user: one assigned to someone
 * else will not be written. A number the inventory lacks is a Direct Routing number only in a `pstn on-premises`
 * block. The number's type must be allowed by the licenses the user holds once the license stage is done.
 */
export function planNumber(
  context: NumberContext,
  inventory: NumberInventory,
  t: Translate = english,
): NumberPlan | undefined {
  const wanted = context.desired.number;
  if (!wanted) return undefined;
  const failed = (error: UserError, before: readonly PlannedNumber[] = []): NumberPlan => ({
    kind: 'failed',
    line: wanted.line,
    unassign: [],
    before,
    error,
  });
  if (context.licenseError || !context.userId)
    return failed({
      code: NUMBER_CODES.licensesNotWritten,
      message: t(
        "The number is not written: this user's licenses will not be written ({0}).",
        context.licenseError?.code ?? 'NotRead',
      ),
      hint: t("Fix what stops the user's licenses; the number follows in the same run."),
    });
  if (!inventory.ok)
    return failed({
      code: NUMBER_CODES.inventoryNotRead,
      message: t('The Teams number inventory could not be read: {0}', inventory.error.message),
      hint: inventory.error.hint ?? t('Run again once the inventory can be read.'),
    });
  const held = inventory.value.heldBy(context.userId).map(planned);
  const base = { line: wanted.line, before: held };
  if (wanted.kind === 'none')
    return held.length ? { ...base, kind: 'change', unassign: held } : { ...base, kind: 'unchanged', unassign: [] };

  const number = inventory.value.find(wanted.canonical);
  const location = wanted.locationId ? { locationId: wanted.locationId } : {};
  let type: NumberType;
  if (!number) {
    if (!context.desired.onPremisesPstn)
      return failed(
        {
          code: NUMBER_CODES.notInInventory,
          message: t("{0} is not in the tenant's Teams number inventory.", wanted.canonical),
          hint: t(
            'Acquire or port the number in the Teams admin center first, or, for a Direct Routing number, put the user in a `pstn on-premises` block.',
          ),
        },
        held,
      );
    type = 'directRouting';
  } else {
    if (number.assignmentTargetId && number.assignmentTargetId.toLowerCase() !== context.userId.toLowerCase())
      return failed(
        {
          code: NUMBER_CODES.heldByAnother,
          message: t('{0} is assigned to another user; a number is never taken from someone else.', wanted.canonical),
          hint: t('Give that user `no-number` and apply, then apply this file again; or choose a free number.'),
        },
        held,
      );
    if (number.assignmentTargetId) return { ...base, kind: 'unchanged', unassign: [] };
    if (!number.capabilities.includes('userAssignment'))
      return failed(
        {
          code: NUMBER_CODES.notForUsers,
          message: t(
            '{0} cannot be assigned to a user (its capabilities: {1}).',
            wanted.canonical,
            number.capabilities.join(', ') || '—',
          ),
          hint: t('Choose a number with the user assignment capability.'),
        },
        held,
      );
    type = typeOf(number);
  }
  if (!licensesAllow(type, context.resulting))
    return failed(
      {
        code: NUMBER_CODES.needsLicense,
        message:
          type === 'callingPlan'
            ? t('{0} is a Calling Plan number: the user will hold no Calling Plan.', wanted.canonical)
            : t('{0} is a {1} number: the user will hold no Phone System.', wanted.canonical, typeWords(type, t)),
        hint:
          type === 'callingPlan'
            ? t(
                'Assign a Calling Plan in the block (with Phone System), or choose an Operator Connect or Direct Routing number.',
              )
            : t('Assign Phone System (MCOEV) in the block, or a license that includes it.'),
      },
      held,
    );
  // One primary number per user: the one held goes back before the new one is given.
  const unassign = held.filter((h) => (h.assignmentCategory ?? 'primary') === 'primary');
  return {
    ...base,
    kind: 'change',
    assign: { telephoneNumber: wanted.canonical, numberType: type, ...location },
    unassign,
  };
}

/** Number types in words (the Teams admin center's names). */
export function typeWords(type: NumberType, t: Translate = english): string {
  return type === 'callingPlan'
    ? t('Calling Plan')
    : type === 'operatorConnect'
      ? t('Operator Connect')
      : t('Direct Routing');
}
