import { english, plural, type Translate } from '../text/translate';
import type { AssignedLicense, GraphUser, LicenseAssignmentState, ServicePlanInfo, SubscribedSku } from './resources';

/**
 * Graph's answers checked at the boundary, by hand (no schema dependency: the engine bundle stays
 * small). A 200 is only trusted once it has the shape resources.ts describes: a `null` body, a
 * string, or `licenseAssignmentStates: [{}]` becomes a located problem for that user, never a
 * TypeError deeper in the planner or a write to `/users/undefined`.
 * Problems are written in `t`'s language, since they reach the admin as the user's or the run's error;
 * the property names between backquotes are Graph's and stay as they are.
 */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = <T>(problem: string): Checked<T> => ({ ok: false, problem });

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isOptionalText = (v: unknown) => v === undefined || v === null || typeof v === 'string';
const isTextList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** What the body is, for a message: "null", "a string", "a list". */
function describe(v: unknown, t: Translate): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return t('a list');
  switch (typeof v) {
    case 'string':
      return t('a string');
    case 'number':
      return t('a number');
    case 'boolean':
      return t('true or false');
    case 'undefined':
      return t('empty');
    default:
      return typeof v;
  }
}

function checkAssignedLicense(v: unknown, where: string, t: Translate): Checked<AssignedLicense> {
  if (!isObject(v) || !isText(v.skuId)) return bad(t('{0} with no `skuId`', where));
  if (v.disabledPlans !== undefined && v.disabledPlans !== null && !isTextList(v.disabledPlans))
    return bad(t('{0} whose `disabledPlans` is not a list of ids', where));
  return ok({ skuId: v.skuId, disabledPlans: (v.disabledPlans as string[] | null | undefined) ?? [] });
}

function checkAssignmentState(v: unknown, where: string, t: Translate): Checked<LicenseAssignmentState> {
  if (!isObject(v) || !isText(v.skuId)) return bad(t('{0} with no `skuId`', where));
  if (v.disabledPlans !== undefined && v.disabledPlans !== null && !isTextList(v.disabledPlans))
    return bad(t('{0} whose `disabledPlans` is not a list of ids', where));
  for (const key of ['assignedByGroup', 'state', 'error'] as const)
    if (!isOptionalText(v[key])) return bad(t('{0} whose `{1}` is not text', where, key));
  return ok({
    skuId: v.skuId,
    disabledPlans: (v.disabledPlans as string[] | null | undefined) ?? [],
    assignedByGroup: (v.assignedByGroup as string | null | undefined) ?? null,
    ...(typeof v.state === 'string' ? { state: v.state } : {}),
    error: (v.error as string | null | undefined) ?? null,
  });
}

function checkList<T>(
  v: unknown,
  name: string,
  subject: string,
  t: Translate,
  each: (item: unknown, where: string, t: Translate) => Checked<T>,
): Checked<T[] | undefined> {
  if (v === undefined || v === null) return ok(undefined);
  if (!Array.isArray(v)) return bad(t("{0}: Graph's answer has a `{1}` that is not a list", subject, name));
  const out: T[] = [];
  for (const [i, item] of v.entries()) {
    const checked = each(item, `\`${name}[${i}]\``, t);
    if (!checked.ok) return bad(t("{0}: Graph's answer has {1}", subject, checked.problem));
    out.push(checked.value);
  }
  return ok(out);
}

/** `GET /users/{ref}?$select=id,userPrincipalName,usageLocation,assignedLicenses,licenseAssignmentStates`. */
export function checkUser(body: unknown, reference: string, t: Translate = english): Checked<GraphUser> {
  const subject = t('user {0}', reference);
  if (!isObject(body)) return bad(t("{0}: Graph's answer is {1}, not a user", subject, describe(body, t)));
  if (!isText(body.id)) return bad(t("{0}: Graph's answer has no `{1}`", subject, 'id'));
  if (!isText(body.userPrincipalName)) return bad(t("{0}: Graph's answer has no `{1}`", subject, 'userPrincipalName'));
  if (!isOptionalText(body.usageLocation))
    return bad(t("{0}: Graph's answer has a `{1}` that is not text", subject, 'usageLocation'));
  const assigned = checkList(body.assignedLicenses, 'assignedLicenses', subject, t, checkAssignedLicense);
  if (!assigned.ok) return assigned;
  const states = checkList(body.licenseAssignmentStates, 'licenseAssignmentStates', subject, t, checkAssignmentState);
  if (!states.ok) return states;
  return ok({
    id: body.id,
    userPrincipalName: body.userPrincipalName,
    usageLocation: (body.usageLocation as string | null | undefined) ?? null,
    ...(assigned.value ? { assignedLicenses: assigned.value } : {}),
    ...(states.value ? { licenseAssignmentStates: states.value } : {}),
  });
}

function checkServicePlan(v: unknown, where: string, t: Translate): Checked<ServicePlanInfo> {
  if (!isObject(v) || !isText(v.servicePlanId)) return bad(t('{0} with no `servicePlanId`', where));
  if (typeof v.servicePlanName !== 'string') return bad(t('{0} with no `servicePlanName`', where));
  return ok(v as unknown as ServicePlanInfo);
}

function checkSku(v: unknown, index: number, t: Translate): Checked<SubscribedSku> {
  const subject = t('subscribedSkus item {0}', index + 1);
  if (!isObject(v)) return bad(t("{0}: Graph's answer is {1}, not a subscription", subject, describe(v, t)));
  if (!isText(v.skuId)) return bad(t("{0}: Graph's answer has no `{1}`", subject, 'skuId'));
  const named = `${subject} (${typeof v.skuPartNumber === 'string' ? v.skuPartNumber : v.skuId})`;
  if (!isText(v.skuPartNumber)) return bad(t("{0}: Graph's answer has no `{1}`", named, 'skuPartNumber'));
  if (typeof v.consumedUnits !== 'number')
    return bad(t("{0}: Graph's answer has no `{1}` count", named, 'consumedUnits'));
  if (!isObject(v.prepaidUnits) || typeof v.prepaidUnits.enabled !== 'number')
    return bad(t("{0}: Graph's answer has no `{1}` count", named, 'prepaidUnits.enabled'));
  const plans = checkList(v.servicePlans, 'servicePlans', named, t, checkServicePlan);
  if (!plans.ok) return plans;
  return ok({ ...(v as unknown as SubscribedSku), servicePlans: plans.value ?? [] });
}

/** One page of `GET /subscribedSkus`: `{ value: subscribedSku[], '@odata.nextLink'? }`. */
export function checkSkuPage(
  body: unknown,
  t: Translate = english,
): Checked<{ readonly skus: SubscribedSku[]; readonly nextLink?: string }> {
  if (!isObject(body) || !Array.isArray(body.value))
    return bad(
      t(
        "subscribedSkus: Graph's answer is {0}, not a list of subscriptions",
        isObject(body) ? t('an object without a `value` list') : describe(body, t),
      ),
    );
  const skus: SubscribedSku[] = [];
  for (const [i, item] of body.value.entries()) {
    const sku = checkSku(item, i, t);
    if (!sku.ok) return sku;
    skus.push(sku.value);
  }
  const next = body['@odata.nextLink'];
  if (next !== undefined && next !== null && !isText(next))
    return bad(t("subscribedSkus: Graph's answer has an `@odata.nextLink` that is not a link"));
  return ok({ skus, ...(isText(next) ? { nextLink: next } : {}) });
}

export interface BatchResponseItem {
  readonly id: string;
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

/**
 * The `$batch` envelope: `{ responses: [{ id, status, headers?, body? }] }` (json-batching.md).
 * Answers are keyed by the ids that were sent; an id answered twice, an id never sent, or an item
 * without a numeric status is left out, so that request counts as unanswered.
 */
export function checkBatchEnvelope(
  body: unknown,
  sentIds: ReadonlySet<string>,
  t: Translate = english,
): { readonly answers: Map<string, BatchResponseItem>; readonly problem?: string } {
  const answers = new Map<string, BatchResponseItem>();
  if (!isObject(body) || !Array.isArray(body.responses))
    return {
      answers,
      problem: t(
        'the $batch answer is {0}',
        isObject(body) ? t('an object without a `responses` list') : describe(body, t),
      ),
    };
  const problems: string[] = [];
  for (const item of body.responses) {
    const id =
      isObject(item) && (typeof item.id === 'string' || typeof item.id === 'number') ? String(item.id) : undefined;
    if (id === undefined || !isObject(item)) problems.push(t('an item without an id'));
    else if (!sentIds.has(id)) problems.push(t('an unknown id "{0}"', id));
    else if (answers.has(id)) problems.push(t('id "{0}" twice', id));
    else if (typeof item.status !== 'number') problems.push(t('id "{0}" without a status', id));
    else
      answers.set(id, {
        id,
        status: item.status,
        ...(isObject(item.headers) ? { headers: item.headers as Record<string, string> } : {}),
        body: item.body,
      });
  }
  const missing = [...sentIds].filter((id) => !answers.has(id)).length;
  if (missing > 0) problems.push(plural(t, missing, '{0} request unanswered', '{0} requests unanswered'));
  return problems.length ? { answers, problem: t('the $batch answer has {0}', problems.join(', ')) } : { answers };
}
