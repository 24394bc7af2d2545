import { engineBundle } from '../lazy';
import type { TenantSession } from './tenant-session';

/** The embedded Graph emulator as a tenant: everything works without an account. Started on first use. */
export async function startDemoSession(): Promise<TenantSession> {
  const { startEmulator } = engineBundle();
  const emulator = await startEmulator();
  return {
    kind: 'demo',
    label: 'Demo tenant',
    tenantId: 'demo',
    graphBaseUrl: emulator.baseUrl,
    getToken: async () => emulator.token,
    dispose: () => emulator.close(),
  };
}
