import { type EmulatorClock } from '../clock';
import { type Faults } from './faults';
import { type EmulatorStats } from './stats';
import { type EmulatorTenant } from '../directory/tenant';
import { type TokenRegistry } from '../identity/permissions';
import { type Replica } from '../directory/replication';
import { type Throttle } from './throttle';

/** Everything a request handler may need, shared by the server, the batch handler and the routes. */
export interface EmulatorContext {
  readonly tenant: EmulatorTenant;
  readonly clock: EmulatorClock;
  readonly throttle: Throttle;
  readonly faults: Faults;
  readonly stats: EmulatorStats;
  /** Graph-time milliseconds each request (and each batch item) takes. */
  readonly latencyMs: number;
  /** e.g. http://127.0.0.1:41234/v1.0: base of @odata.context and @odata.nextLink. */
  serviceRoot: string;
  /** UPN or id that /me stands for; unset = app-only token, where /me is refused as in Graph. */
  readonly signedInUser?: string;
  readonly batchResponseOrder: 'shuffled' | 'request';
  /** Accepted bearer tokens and what each allows. */
  readonly tokens: TokenRegistry;
  /** What reads see of recent writes (replication.ts); disabled = the live state. */
  readonly replica: Replica;
}
