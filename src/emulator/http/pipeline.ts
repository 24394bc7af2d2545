import { type EmulatorContext } from './context';
import { graphError, isFailure, Messages } from './errors';
import { type GraphRequest, type GraphResponse } from '../directory/exchange';
import { settleGroupProcessing } from '../licensing/group-processing';
import { checkPermission } from '../identity/permissions';
import { matchRoute, resourceUnits, routeKey, signedInUserOf } from './router';

/**
 * What every Graph request goes through, plain or inside a $batch: route → (batch item: injected 5xx)
 * → throttle → latency → permissions (permissions.ts) → handler. Throttle and fault decisions are taken on arrival; a
 * refused request
 * never reaches the handler, so a throttled or faulted write changes nothing.
 */
export async function dispatch(ctx: EmulatorContext, req: GraphRequest): Promise<GraphResponse> {
  const match = matchRoute(ctx, req);
  if (isFailure(match)) {
    await ctx.clock.sleep(ctx.latencyMs);
    return graphError(req, match.status, match.code, match.message);
  }
  const { route, params } = match;
  const key = routeKey(route);
  ctx.stats.byRoute[key] = (ctx.stats.byRoute[key] ?? 0) + 1;
  if (route.kind === 'write') ctx.stats.writes++;

  if (req.inBatch) {
    const fault = ctx.faults.forBatchItem();
    if (fault?.kind === 'server-error') {
      await ctx.clock.sleep(ctx.latencyMs);
      return serverError(ctx, req, fault.status);
    }
  }

  const units = resourceUnits(route, req);
  const reporting = key === 'GET /users' && /\bsigninactivity\b/i.test(req.query.get('$select') ?? '');
  const admission = ctx.throttle.admit(route.kind, units, ctx.clock.now(), reporting);
  await ctx.clock.sleep(ctx.latencyMs);
  if (!admission.ok) {
    ctx.stats.throttled++;
    // [DOC] graph-docs concepts/throttling.md: 429, "TooManyRequests", "Please retry again later.",
    // Retry-After; throttling-limits.md: x-ms-throttle-scope and x-ms-throttle-information on 429s.
    return graphError(
      req,
      429,
      'TooManyRequests',
      Messages.throttled,
      {
        'Retry-After': ctx.clock.retryAfterHeader(admission.retryAfterSeconds),
        'x-ms-throttle-scope': admission.scope,
        'x-ms-throttle-information': admission.information,
      },
      { code: '429', status: '429', message: 'Please retry after' },
    );
  }
  // Permissions are checked once the request is admitted: the documented 403 item still carries its
  // x-ms-resource-unit (json-batching.md example), so it was metered like any other.
  const denied = req.grant && checkPermission(ctx.tenant, req.grant, key, req, params, signedInUserOf(ctx, req));
  if (denied) {
    ctx.stats.denied++;
    return graphError(req, denied.status, denied.code, denied.message, { 'x-ms-resource-unit': String(units) });
  }
  if (req.bodyInvalid) return graphError(req, 400, 'BadRequest', Messages.invalidJson);

  // group licensing completes in the background (group-processing.ts)
  settleGroupProcessing(ctx.tenant, ctx.clock.now());
  const result = route.handle(ctx, req, params);
  const response = isFailure(result) ? graphError(req, result.status, result.code, result.message) : result;
  if (route.kind === 'write' && !isFailure(result) && result.status < 300) ctx.stats.writesApplied++;
  response.headers['x-ms-resource-unit'] = String(units);
  if (req.inBatch) {
    // The item ran; its answer may still be a 5xx (faults.ts, itemServerErrorAfterApply).
    const late = ctx.faults.itemErrorAfterApply({
      method: req.method,
      path: req.path,
      query: req.query,
      body: req.body,
      isWrite: route.kind === 'write',
      status: response.status,
      responseBody: response.body,
    });
    if (late) {
      ctx.stats.itemErrorsAfterApply++;
      return serverError(ctx, req, late);
    }
  }
  return response;
}

/**
 * Injected service trouble (graph-docs concepts/errors.md): 503 serviceNotAvailable "Try the request again
 * after a delay. There may be a Retry-After header." (here 2 Graph seconds), or 504.
 */
export function serverError(
  ctx: EmulatorContext,
  req: Pick<GraphRequest, 'requestId' | 'clientRequestId'>,
  status: 503 | 504,
): GraphResponse {
  ctx.stats.serverErrors++;
  if (status === 503) {
    return graphError(
      req,
      503,
      'serviceNotAvailable',
      'The service is not available. Try the request again after a delay. There may be a Retry-After header.',
      { 'Retry-After': ctx.clock.retryAfterHeader(2) },
    );
  }
  return graphError(req, 504, 'timeout', 'The operation timed out before it could be completed.');
}
