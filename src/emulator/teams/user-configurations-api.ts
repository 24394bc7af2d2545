import { type EmulatorContext } from '../http/context';
import { fail, type Failure } from '../http/errors';
import { jsonResponse, type GraphRequest, type GraphResponse } from '../directory/exchange';
import { type EmulatorUser } from '../directory/tenant';
import { graphTimeDate, teamsOf } from './teams-state';
import { queryString } from './query-string';

type Result = GraphResponse | Failure;

/**
 * GET /admin/teams/userConfigurations[/{id}] (graph-docs teamsadministration-teamsadminroot-list-userconfigurations.md,
 * teamsadministration-teamsuserconfiguration-get.md; resource teamsadministration-teamsuserconfiguration.md):
 * "the configuration information of users who have accounts hosted on Microsoft Teams". Here: every user of
 * the directory, with the numbers the inventory gives them, isEnterpriseVoiceEnabled once Teams turned voice on
 * with a number, and featureTypes ("The Teams features enabled for a given user based on licensing or service
 * plan") from the voice licenses Teams has seen, so they show the licensing-to-Teams lag too.
 * [INF] featureTypes values: the docs give none; the emulator writes "Teams", "PhoneSystem", "CallingPlan".
 */
function configurationView(ctx: EmulatorContext, user: EmulatorUser): Record<string, unknown> {
  const state = teamsOf(ctx.tenant);
  const now = ctx.clock.now();
  const seen = state.visibleCapabilities(user, now);
  return {
    id: user.id,
    tenantId: ctx.tenant.tenantId,
    userPrincipalName: user.userPrincipalName,
    accountType: 'user',
    isEnterpriseVoiceEnabled: state.voiceEnabled.has(user.id),
    createdDateTime: graphTimeDate(0),
    modifiedDateTime: graphTimeDate(Math.max(0, now)),
    featureTypes: [
      'Teams',
      ...(seen.has('phoneSystem') ? ['PhoneSystem'] : []),
      ...(seen.has('callingPlan') ? ['CallingPlan'] : []),
    ],
    telephoneNumbers: state
      .numbersOf(user.id)
      .map((n) => ({ telephoneNumber: n.telephoneNumber, assignmentCategory: n.assignmentCategory ?? 'primary' })),
    effectivePolicyAssignments: [],
  };
}

/** $top: [INF] 1..999, default 100, as directory listings; more pages through @odata.nextLink ($skiptoken). */
export function listUserConfigurations(ctx: EmulatorContext, req: GraphRequest): Result {
  teamsOf(ctx.tenant).settle(ctx.clock.now());
  const rawTop = req.query.get('$top');
  const top = rawTop === null ? 100 : Number(rawTop);
  if (!Number.isInteger(top) || top < 1 || top > 999)
    return fail(400, 'BadRequest', `Invalid $top value '${rawTop}': it must be between 1 and 999.`);
  const skip = Number(req.query.get('$skiptoken') ?? 0) || 0;
  const users = ctx.tenant.users;
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.serviceRoot}/$metadata#admin/teams/userConfigurations`,
  };
  if (skip + top < users.length) {
    const next = new URLSearchParams(req.query);
    next.set('$top', String(top));
    next.set('$skiptoken', String(skip + top));
    body['@odata.nextLink'] = `${ctx.serviceRoot}/admin/teams/userConfigurations?${queryString(next)}`;
  }
  body.value = users.slice(skip, skip + top).map((u) => configurationView(ctx, u));
  return jsonResponse(200, body);
}

/** "using their ID (the user's identifier)": the object id; [INF] a UPN is accepted too, as /users/{id} does. */
export function getUserConfiguration(ctx: EmulatorContext, _req: GraphRequest, [id]: string[]): Result {
  teamsOf(ctx.tenant).settle(ctx.clock.now());
  const user = ctx.tenant.findUser(id);
  if (!user) return fail(404, 'NotFound', `User '${id}' was not found.`); // [INF] wording
  return jsonResponse(200, {
    '@odata.context': `${ctx.serviceRoot}/$metadata#admin/teams/userConfigurations/$entity`,
    ...configurationView(ctx, user),
  });
}
