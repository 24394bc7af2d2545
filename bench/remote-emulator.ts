import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EmulatorStats } from '../src/emulator';
import type { EmulatorWorkerOptions } from './emulator-worker';

/** The emulator as a remote service: started in its own thread, asked for its counters by message. */
export interface RemoteEmulator {
  readonly baseUrl: string;
  readonly token: string;
  stats(): Promise<EmulatorStats>;
  resetStats(): Promise<void>;
  close(): Promise<void>;
}

export async function startRemoteEmulator(options: EmulatorWorkerOptions): Promise<RemoteEmulator> {
  const worker = new Worker(join(__dirname, 'emulator-worker.js'), { workerData: options });
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
  const ready = await next<{ baseUrl: string; token: string }>('baseUrl');
  return {
    baseUrl: ready.baseUrl,
    token: ready.token,
    async stats() {
      const reply = next<{ stats: EmulatorStats }>('stats');
      worker.postMessage('stats');
      return (await reply).stats;
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
