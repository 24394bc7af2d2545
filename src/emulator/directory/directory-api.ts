import { type EmulatorContext } from '../http/context';
import { fail, isFailure, Messages, type Failure } from '../http/errors';
import { jsonResponse, type GraphRequest, type GraphResponse } from './exchange';
import { visibleSku } from './replica-view';
import { skuView } from './views';

type Result = GraphResponse | Failure;

const SKU_PROPERTIES = [
  'accountName',
  'accountId',
  'appliesTo',
  'capabilityStatus',
  'consumedUnits',
  'id',
  'prepaidUnits',
  'servicePlans',
  'skuId',
  'skuPartNumber',
  'subscriptionIds',
];

function selectSku(req: GraphRequest, view: Record<string, unknown>): Record<string, unknown> | Failure {
  const raw = req.query.get('$select');
  if (!raw) return view;
  const out: Record<string, unknown> = {};
  for (const name of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const canonical = SKU_PROPERTIES.find((p) => p.toLowerCase() === name.toLowerCase());
    if (!canonical)
      return fail(400, 'Request_BadRequest', Messages.unknownProperty(name, 'microsoft.graph.subscribedSku'));
    out[canonical] = view[canonical];
  }
  return out;
}

/**
 * GET /subscribedSkus (graph-docs api/subscribedsku-list.md): "This method supports only the $select
 * OData query parameter"; "does not support $filter" → 400 ([INF] code and text).
 */
export function listSubscribedSkus(ctx: EmulatorContext, req: GraphRequest): Result {
  if (req.query.has('$filter'))
    return fail(400, 'Request_UnsupportedQuery', 'Unsupported Query. $filter is not supported on subscribedSkus.');
  const value: Record<string, unknown>[] = [];
  for (const sku of ctx.tenant.skus) {
    const v = selectSku(req, skuView(ctx.tenant, visibleSku(ctx, sku)));
    if (isFailure(v)) return v;
    value.push(v);
  }
  return jsonResponse(200, { '@odata.context': `${ctx.serviceRoot}/$metadata#subscribedSkus`, value });
}

/** GET /subscribedSkus/{id}, id = {tenantId}_{skuId} (graph-docs api/subscribedsku-get.md example). */
export function getSubscribedSku(ctx: EmulatorContext, req: GraphRequest, [id]: string[]): Result {
  const [tenantPart, skuPart] = id.toLowerCase().split('_');
  const sku =
    tenantPart === ctx.tenant.tenantId && skuPart ? ctx.tenant.skus.find((s) => s.skuId === skuPart) : undefined;
  if (!sku) return fail(404, 'Request_ResourceNotFound', Messages.resourceNotFound(id));
  const v = selectSku(req, skuView(ctx.tenant, visibleSku(ctx, sku)));
  if (isFailure(v)) return v;
  return jsonResponse(200, { '@odata.context': `${ctx.serviceRoot}/$metadata#subscribedSkus/$entity`, ...v });
}
