import type { AssignedLicense, GraphUser, LicenseAssignmentState, ServicePlanInfo, SubscribedSku } from './resources';

/**
 * Graph's answers checked at the boundary, by hand (no schema dependency: the engine bundle stays
 * small). A 200 is only trusted once it has the shape resources.ts describes: a `null` body, a
 * string, or `licenseAssignmentStates: [{}]` becomes a located problem for that user, never a
 * TypeError deeper in the planner or a write to `/users/undefined`.
 */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = <T>(problem: string): Checked<T> => ({ ok: false, problem });

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isOptionalText = (v: unknown) => v === undefined || v === null || typeof v === 'string';
const isTextList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** What the body is, for a message: "null", "a string", "a list". */
function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'string' ? 'a string' : typeof v;
}

function checkAssignedLicense(v: unknown, where: string): Checked<AssignedLicense> {
  if (!isObject(v) || !isText(v.skuId)) return bad(`${where} with no \`skuId\``);
  if (v.disabledPlans !== undefined && v.disabledPlans !== null && !isTextList(v.disabledPlans)) return bad(`${where} whose \`disabledPlans\` is not a list of ids`);
  return ok({ skuId: v.skuId, disabledPlans: (v.disabledPlans as string[] | null | undefined) ?? [] });
}

function checkAssignmentState(v: unknown, where: string): Checked<LicenseAssignmentState> {
  if (!isObject(v) || !isText(v.skuId)) return bad(`${where} with no \`skuId\``);
  if (v.disabledPlans !== undefined && v.disabledPlans !== null && !isTextList(v.disabledPlans)) return bad(`${where} whose \`disabledPlans\` is not a list of ids`);
  for (const key of ['assignedByGroup', 'state', 'error'] as const) if (!isOptionalText(v[key])) return bad(`${where} whose \`${key}\` is not text`);
  return ok({
    skuId: v.skuId,
    disabledPlans: (v.disabledPlans as string[] | null | undefined) ?? [],
    assignedByGroup: (v.assignedByGroup as string | null | undefined) ?? null,
    ...(typeof v.state === 'string' ? { state: v.state } : {}),
    error: (v.error as string | null | undefined) ?? null,
  });
}

function checkList<T>(v: unknown, name: string, subject: string, each: (item: unknown, where: string) => Checked<T>): Checked<T[] | undefined> {
  if (v === undefined || v === null) return ok(undefined);
  if (!Array.isArray(v)) return bad(`${subject}: Graph's answer has a \`${name}\` that is not a list`);
  const out: T[] = [];
  for (const [i, item] of v.entries()) {
    const checked = each(item, `\`${name}[${i}]\``);
    if (!checked.ok) return bad(`${subject}: Graph's answer has ${checked.problem}`);
    out.push(checked.value);
  }
  return ok(out);
}

/** `GET /users/{ref}?$select=id,userPrincipalName,usageLocation,assignedLicenses,licenseAssignmentStates`. */
export function checkUser(body: unknown, reference: string): Checked<GraphUser> {
  const subject = `user ${reference}`;
  if (!isObject(body)) return bad(`${subject}: Graph's answer is ${describe(body)}, not a user`);
  if (!isText(body.id)) return bad(`${subject}: Graph's answer has no \`id\``);
  if (!isText(body.userPrincipalName)) return bad(`${subject}: Graph's answer has no \`userPrincipalName\``);
  if (!isOptionalText(body.usageLocation)) return bad(`${subject}: Graph's answer has a \`usageLocation\` that is not text`);
  const assigned = checkList(body.assignedLicenses, 'assignedLicenses', subject, checkAssignedLicense);
  if (!assigned.ok) return assigned;
  const states = checkList(body.licenseAssignmentStates, 'licenseAssignmentStates', subject, checkAssignmentState);
  if (!states.ok) return states;
  return ok({
    id: body.id,
    userPrincipalName: body.userPrincipalName,
    usageLocation: (body.usageLocation as string | null | undefined) ?? null,
    ...(assigned.value ? { assignedLicenses: assigned.value } : {}),
    ...(states.value ? { licenseAssignmentStates: states.value } : {}),
  });
}

function checkServicePlan(v: unknown, where: string): Checked<ServicePlanInfo> {
  if (!isObject(v) || !isText(v.servicePlanId)) return bad(`${where} with no \`servicePlanId\``);
  if (typeof v.servicePlanName !== 'string') return bad(`${where} with no \`servicePlanName\``);
  return ok(v as unknown as ServicePlanInfo);
}

function checkSku(v: unknown, index: number): Checked<SubscribedSku> {
  const subject = `subscribedSkus item ${index + 1}`;
  if (!isObject(v)) return bad(`${subject}: Graph's answer is ${describe(v)}, not a subscription`);
  if (!isText(v.skuId)) return bad(`${subject}: Graph's answer has no \`skuId\``);
  const named = `${subject} (${typeof v.skuPartNumber === 'string' ? v.skuPartNumber : v.skuId})`;
  if (!isText(v.skuPartNumber)) return bad(`${named}: Graph's answer has no \`skuPartNumber\``);
  if (typeof v.consumedUnits !== 'number') return bad(`${named}: Graph's answer has no \`consumedUnits\` count`);
  if (!isObject(v.prepaidUnits) || typeof v.prepaidUnits.enabled !== 'number') return bad(`${named}: Graph's answer has no \`prepaidUnits.enabled\` count`);
  const plans = checkList(v.servicePlans, 'servicePlans', named, checkServicePlan);
  if (!plans.ok) return plans;
  return ok({ ...(v as unknown as SubscribedSku), servicePlans: plans.value ?? [] });
}

/** One page of `GET /subscribedSkus`: `{ value: subscribedSku[], '@odata.nextLink'? }`. */
export function checkSkuPage(body: unknown): Checked<{ readonly skus: SubscribedSku[]; readonly nextLink?: string }> {
  if (!isObject(body) || !Array.isArray(body.value)) return bad(`subscribedSkus: Graph's answer is ${isObject(body) ? 'an object without a `value` list' : describe(body)}, not a list of subscriptions`);
  const skus: SubscribedSku[] = [];
  for (const [i, item] of body.value.entries()) {
    const sku = checkSku(item, i);
    if (!sku.ok) return sku;
    skus.push(sku.value);
  }
  const next = body['@odata.nextLink'];
  if (next !== undefined && next !== null && !isText(next)) return bad("subscribedSkus: Graph's answer has an `@odata.nextLink` that is not a link");
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
export function checkBatchEnvelope(body: unknown, sentIds: ReadonlySet<string>): { readonly answers: Map<string, BatchResponseItem>; readonly problem?: string } {
  const answers = new Map<string, BatchResponseItem>();
  if (!isObject(body) || !Array.isArray(body.responses)) return { answers, problem: `the $batch answer is ${isObject(body) ? 'an object without a `responses` list' : describe(body)}` };
  const problems: string[] = [];
  for (const item of body.responses) {
    const id = isObject(item) && (typeof item.id === 'string' || typeof item.id === 'number') ? String(item.id) : undefined;
    if (id === undefined || !isObject(item)) problems.push('an item without an id');
    else if (!sentIds.has(id)) problems.push(`an unknown id "${id}"`);
    else if (answers.has(id)) problems.push(`id "${id}" twice`);
    else if (typeof item.status !== 'number') problems.push(`id "${id}" without a status`);
    else answers.set(id, { id, status: item.status, ...(isObject(item.headers) ? { headers: item.headers as Record<string, string> } : {}), body: item.body });
  }
  const missing = [...sentIds].filter((id) => !answers.has(id)).length;
  if (missing > 0) problems.push(`${missing} request(s) unanswered`);
  return problems.length ? { answers, problem: `the $batch answer has ${problems.join(', ')}` } : { answers };
}
