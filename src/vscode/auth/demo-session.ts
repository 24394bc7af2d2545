import * as vscode from 'vscode';
import type { EmulatorOptions } from '../../emulator';
import { engineBundle } from '../engine-bundle-loader';
import type { TenantSession } from './tenant-session';
import { uiTranslate } from '../translator';

/**
 * Knobs for tests and demos, accepted only from code calling the `licenses.useDemoTenant` command
 * (never from settings): the demo tenant's size, latency, throttle budget and faults.
 */
export type DemoOptions = Pick<
  EmulatorOptions,
  'latencyMs' | 'clockScale' | 'throttle' | 'faults' | 'token' | 'delegatedTokens'
> & {
  readonly users?: number;
};

/** The embedded Graph emulator as a tenant: everything works without an account. Started on first use. */
export async function startDemoSession(options: DemoOptions = {}): Promise<TenantSession> {
  const { startEmulator, demoTenant, DEMO_APP_ID, clientCredentialsToken } = engineBundle();
  const { users, ...emulatorOptions } = options;
  const emulator = await startEmulator({ ...emulatorOptions, ...(users ? { tenant: demoTenant({ users }) } : {}) });
  return {
    kind: 'demo',
    label: vscode.l10n.t('Demo tenant'),
    tenantId: 'demo',
    graphBaseUrl: emulator.baseUrl,
    getToken: async () => emulator.token,
    async customer(tenant) {
      // As the multi-tenant app would: a token asked of {authority}/{tenant}, refused where it is not consented.
      const scope = `${emulator.origin}/.default`;
      const answer = await clientCredentialsToken(
        emulator.tokenUrlFor(tenant),
        DEMO_APP_ID,
        scope,
        tenant,
        uiTranslate(),
      );
      if ('refused' in answer) return answer;
      return {
        kind: 'demo',
        label: vscode.l10n.t('{0} (demo tenant)', tenant),
        tenantId: `demo:${tenant.toLowerCase()}`,
        graphBaseUrl: emulator.baseUrl,
        getToken: async () => answer.token,
        // The emulator is the demo session's: it closes with it.
        dispose: async () => undefined,
      };
    },
    dispose: () => emulator.close(),
  };
}
