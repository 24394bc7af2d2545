import type * as Engine from '../engine-bundle';
import { engineBundle } from './engine-bundle-loader';
import type { TenantSession } from './auth/tenant-session';
import { runSettings } from './settings';
import { uiTranslate } from './translator';

/** The Graph engine and MSAL are loaded on first use, never at activation. */
export const loadEngine = async (): Promise<typeof Engine> => engineBundle();

const connections = new WeakMap<TenantSession, Engine.GraphConnection>();

/** One connection per session: its write pacer remembers how much of the throttle budget is spent. */
export async function connectionFor(session: TenantSession): Promise<Engine.GraphConnection> {
  let connection = connections.get(session);
  if (!connection) {
    const { connectToGraph } = await loadEngine();
    const settings = runSettings();
    connection = connectToGraph({
      baseUrl: session.graphBaseUrl,
      getAccessToken: () => session.getToken(),
      label: session.label,
      concurrency: settings.concurrency,
      retry: { userDeadlineMs: settings.userDeadlineSeconds * 1000 },
      t: uiTranslate(),
    });
    connections.set(session, connection);
  }
  return connection;
}
