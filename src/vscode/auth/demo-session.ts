import * as vscode from 'vscode';
import type { EmulatorOptions } from '../../emulator';
import { engineBundle } from '../engine-bundle-loader';
import type { TenantSession } from './tenant-session';

/**
 * Knobs for tests and demos, accepted only from code calling the `licenses.useDemoTenant` command
 * (never from settings): the demo tenant's size, latency, throttle budget and faults.
 */
export type DemoOptions = Pick<EmulatorOptions, 'latencyMs' | 'clockScale' | 'throttle' | 'faults' | 'token'> & {
  readonly users?: number;
};

/** The embedded Graph emulator as a tenant: everything works without an account. Started on first use. */
export async function startDemoSession(options: DemoOptions = {}): Promise<TenantSession> {
  const { startEmulator, demoTenant } = engineBundle();
  const { users, ...emulatorOptions } = options;
  const emulator = await startEmulator({ ...emulatorOptions, ...(users ? { tenant: demoTenant({ users }) } : {}) });
  return {
    kind: 'demo',
    label: vscode.l10n.t('Demo tenant'),
    tenantId: 'demo',
    graphBaseUrl: emulator.baseUrl,
    getToken: async () => emulator.token,
    dispose: () => emulator.close(),
  };
}
