// Entry of a toy worker thread (toys-pool.ts): loads TypeScript through tsx, as bin/quarry.mjs does, then the
// worker module. A failure to load is reported in the shared status word so the main thread stops waiting.
import { workerData } from 'node:worker_threads';

try {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./toy-worker.ts');
} catch (error) {
  const status = new Int32Array(workerData.status);
  Atomics.store(status, 0, -1);
  Atomics.notify(status, 0);
  throw error;
}
