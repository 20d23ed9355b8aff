/**
 * The only place that constructs the lab worker. The UI reaches it through `useLab`, never directly, so a
 * restart (for example after forcing another backend) replaces one object in one place.
 */
import * as Comlink from 'comlink';
import type { LabApi } from './protocol';

export interface LabWorker {
  api: Comlink.Remote<LabApi>;
  terminate(): void;
  /** Fires when the worker dies (an uncaught error at load time, or out of memory). */
  onCrash(listener: (message: string) => void): void;
}

export function startLabWorker(): LabWorker {
  const worker = new Worker(new URL('./lab.worker.ts', import.meta.url), { type: 'module', name: 'reclab' });
  const api = Comlink.wrap<LabApi>(worker);
  return {
    api,
    terminate() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
    onCrash(listener) {
      worker.addEventListener('error', (e) => listener(e.message || 'the lab worker failed to start'));
    },
  };
}

export { proxy } from 'comlink';
