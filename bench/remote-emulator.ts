import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EmulatorStats } from '../src/emulator';
import type { EmulatorWorkerOptions } from './emulator-worker';

/** The emulator as a remote service: started in its own thread, asked for its counters by message. */
export interface RemoteEmulator {
  readonly baseUrl: string;
  readonly token: string;
  /** Wall time the worker took to build and seed the tenant. */
  readonly seedMs: number;
  stats(): Promise<EmulatorStats>;
  /** The emulator thread's own V8 heap in use now (not the engine's). */
  heapBytes(): Promise<number>;
  resetStats(): Promise<void>;
  close(): Promise<void>;
}

export async function startRemoteEmulator(options: EmulatorWorkerOptions): Promise<RemoteEmulator> {
  // The emulator's heap is its own, whatever cap the engine's thread runs under (run.ts).
  const worker = new Worker(join(__dirname, 'emulator-worker.js'), {
    workerData: options,
    resourceLimits: { maxOldGenerationSizeMb: 2048 },
  });
  const next = <T>(key: string) =>
    new Promise<T>((resolve, reject) => {
      const onError = (e: Error) => {
        worker.off('message', onMessage);
        reject(e);
      };
      const onMessage = (m: Record<string, unknown>) => {
        if (key in m) {
          worker.off('message', onMessage);
          worker.off('error', onError);
          resolve(m as T);
        }
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
    });
  const ready = await next<{ baseUrl: string; token: string; seedMs: number }>('baseUrl');
  const ask = async () => {
    const reply = next<{ stats: EmulatorStats; heapBytes: number }>('stats');
    worker.postMessage('stats');
    return reply;
  };
  return {
    baseUrl: ready.baseUrl,
    token: ready.token,
    seedMs: ready.seedMs,
    async stats() {
      return (await ask()).stats;
    },
    async heapBytes() {
      return (await ask()).heapBytes;
    },
    async resetStats() {
      const reply = next('reset');
      worker.postMessage('reset');
      await reply;
    },
    async close() {
      const reply = next('closed');
      worker.postMessage('close');
      await reply;
      await worker.terminate();
    },
  };
}
