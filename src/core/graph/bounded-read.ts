import type { MiddlewareOptions } from '@microsoft/microsoft-graph-client';
import type { GraphConnection } from './connection';
import { retryHandlerOptions, throttleListener, untilDeadline } from './graph-client';
import { TransientFaultOptions } from './transient-fault-middleware';

/**
 * Middleware options for a read that must end by `deadlineAt` (on the connection's clock) however Graph
 * answers: its 429s wait through the connection's pacer (so writes in flight slow down too) and are retried,
 * as transient faults are, only until the deadline; `onOutOfTime` is told when the deadline stopped a retry.
 * One deadline may cover every page of a listing (RetryPolicy.userDeadlineMs).
 */
export function boundedReadOptions(
  connection: GraphConnection,
  deadlineAt: number,
  onOutOfTime: () => void = () => undefined,
): MiddlewareOptions[] {
  return [
    retryHandlerOptions(
      connection.retry,
      untilDeadline(
        deadlineAt,
        throttleListener((ms, write) => connection.pacer.pauseFor(ms, write)),
        onOutOfTime,
        connection.clock.now,
      ),
    ),
    new TransientFaultOptions(() => undefined, undefined, deadlineAt),
  ];
}
