import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../src/emulator';
import { sharedDemoTenant } from '../fixtures/test-tenant';

/**
 * Fast defaults for unit tests: no latency, real throttle numbers (far from reached), no faults, and no
 * replication lag on the demo tenant even once its default has one (these tests read their own writes;
 * replication.test.ts opts in). The demo tenant is built once per process (sharedDemoTenant).
 */
export function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({
    latencyMs: 0,
    ...(options.tenant ? {} : { tenant: sharedDemoTenant(), replicationLag: false }),
    ...options,
  });
}

export interface Reply {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** One Graph call over loopback with the emulator's token. */
export async function call(
  emu: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const init: RequestInit = { method, headers: { Authorization: `Bearer ${emu.token}`, ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
  }
  const res = await fetch(`${emu.baseUrl}${path}`, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export const get = (emu: RunningEmulator, path: string) => call(emu, 'GET', path);

export function assignLicense(
  emu: RunningEmulator,
  user: string,
  addLicenses: { skuId: string; disabledPlans?: string[] }[],
  removeLicenses: string[] = [],
): Promise<Reply> {
  return call(emu, 'POST', `/users/${encodeURIComponent(user)}/assignLicense`, {
    addLicenses: addLicenses.map((a) => ({ disabledPlans: [], ...a })),
    removeLicenses,
  });
}

export interface BatchRequestItem {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

export const batch = (emu: RunningEmulator, requests: BatchRequestItem[]) => call(emu, 'POST', '/$batch', { requests });

export const assignItem = (id: string, user: string, skuId: string, dependsOn?: string[]): BatchRequestItem => ({
  id,
  method: 'POST',
  url: `/users/${user}/assignLicense`,
  headers: { 'Content-Type': 'application/json' },
  body: { addLicenses: [{ skuId, disabledPlans: [] }], removeLicenses: [] },
  ...(dependsOn ? { dependsOn } : {}),
});

/** Well-known ids from the catalog (Microsoft's official table). */
export const SKU = {
  E3: '6fd2c87f-b296-42f0-b197-1e91e994b900',
  E5: 'c7df2760-2c81-4ef7-b578-5b5392b571df',
  E1: '18181a46-0d4e-45cd-891e-60aabd171b4e',
  SPE_E5: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
  MCOEV: 'e43b5b99-8dfb-405f-9987-dc307f34bcbd',
  MCOPSTN1: '0dab259f-bf13-4952-b7f8-7db8f131b28d',
  MCOPSTN2: 'd3b4fe1f-9992-4930-8acb-ca6ec609365e',
  MCOMEETADV: '0c266dff-15dd-4b49-8397-2bb16070ed52',
  MCOPSTN_6: '729dbb8f-8d56-4994-8e33-2f218f549544',
  CRMSTORAGE: '328dc228-00bc-48c6-8b09-1fbc8bc3435d',
  FLOW_FREE: 'f30db892-07e9-47e9-837c-80727f46fd3d',
} as const;

export const PLAN = {
  MCOEV: '4828c8ec-dc2e-4779-b502-87ac9ce28ab7',
  MCOPSTN1: '4ed3ff63-69d7-4fb7-b984-5aec7f605ca8',
  MCOPSTN2: '5a10155d-f5c1-411a-a8ec-e99aae125390',
  MCOMEETADV: '3e26ee1f-8a5f-4d52-aee2-b81ce45c8f40',
  MCOSTANDARD: '0feaeb32-d00e-4d66-bd5a-43b5b83db82c',
  YAMMER_ENTERPRISE: '7547a3fe-08ee-4ccb-b430-5077c5041653',
  SHAREPOINTENTERPRISE: '5dbe027f-2339-4123-9542-606e4d348a72',
} as const;

/** Direct SKU ids of a user in the live state. */
export function directSkus(emu: RunningEmulator, upn: string): string[] {
  return emu.tenant
    .findUser(upn)!
    .licenses.map((l) => l.skuId)
    .sort();
}
