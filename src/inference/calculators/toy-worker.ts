/**
 * A toy worker thread (started by toys-pool.ts through toy-worker.mjs): rebuilds each model once from its
 * plain JSON spec, then per job claims tasks from the shared counter and writes their test statistics to the
 * shared results, exactly as the main thread does (runTask in toys-chunks.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildModel, type Model } from '../../histfactory/model.ts';
import { runTask, TOY_CHUNK } from './toys-chunks.ts';
import { CONTROL_ERROR, CONTROL_NEXT, CONTROL_TASKS, STATUS_READY, TASK_CLAIMED, TASK_DONE, type WorkerJobMessage } from './toys-pool.ts';

const status = new Int32Array((workerData as { status: SharedArrayBuffer }).status);
const models = new Map<number, Model>();

function run(message: WorkerJobMessage): void {
  const control = new Int32Array(message.control);
  const results = new Float64Array(message.results);
  try {
    let model = models.get(message.specId);
    if (!model) {
      if (!message.source) throw new Error(`toy worker: no spec for model ${message.specId}`);
      model = buildModel(message.source.spec, message.source.options ?? {});
      models.set(message.specId, model);
    }
    for (;;) {
      const t = Atomics.add(control, CONTROL_NEXT, 1);
      if (t >= message.tasks) break;
      Atomics.store(control, CONTROL_TASKS + t, TASK_CLAIMED);
      runTask(model, message.job, t, results, t * TOY_CHUNK);
      Atomics.store(control, CONTROL_TASKS + t, TASK_DONE);
      Atomics.notify(control, CONTROL_TASKS + t);
    }
  } catch {
    // the main thread runs the tasks left unfinished
    Atomics.store(control, CONTROL_ERROR, 1);
    for (let t = 0; t < message.tasks; t++) Atomics.notify(control, CONTROL_TASKS + t);
  }
}

parentPort!.on('message', run);
Atomics.store(status, 0, STATUS_READY);
Atomics.notify(status, 0);
