import { type EmulatorClock } from '../clock';
import { type Faults } from './faults';
import { type EmulatorStats } from './stats';
import { type EmulatorTenant } from '../directory/tenant';
import { type TokenRegistry } from '../identity/permissions';
import { type Replica } from '../directory/replication';
import { type Throttle } from './throttle';

/** One request the emulator answered, and its answer (EmulatorOptions.requestLog). */
export interface LoggedExchange {
  readonly method: string;
  /** Relative to the version root, with its query: `/users?$top=999`, or a `$batch` item's own url. */
  readonly url: string;
  readonly body?: unknown;
  readonly status: number;
  readonly answer?: unknown;
  /** True for an item of a `$batch` (the envelope is logged too, as `POST /$batch`). */
  readonly inBatch: boolean;
}

/** Everything a request handler may need, shared by the server, the batch handler and the routes. */
export interface EmulatorContext {
  readonly tenant: EmulatorTenant;
  readonly clock: EmulatorClock;
  /** Wall-clock epoch ms at start: Graph time 0, so that dates Graph writes (createdDateTime) are real ones. */
  readonly epochMs: number;
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
  /** Graph seconds before a new application is seen by id or appId (directory-apps-api.ts); 0 = at once. */
  readonly applicationReplicationSeconds: number;
  /** Told every request and its answer, `$batch` items included; for conformance tests. */
  readonly requestLog?: (exchange: LoggedExchange) => void;
  /** What reads see of recent writes (replication.ts); disabled = the live state. */
  readonly replica: Replica;
}
