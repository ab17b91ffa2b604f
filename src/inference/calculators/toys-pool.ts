/**
 * Runs a toy job's tasks (toys-chunks.ts) on the main thread and on worker threads at once, synchronously:
 * the tasks are claimed from a shared counter (Atomics.add) by whichever thread is free, each result lands at
 * its task's fixed place in a SharedArrayBuffer, and the main thread blocks in Atomics.wait for the tasks a
 * worker still holds once none are left to claim. Since a task's toys depend only on (seed, task), the merged
 * result is the same whoever ran what.
 *
 * Workers start lazily (on the first job that needs them), stay for later jobs (an upper limit runs many),
 * are unref'd so that they never keep the process alive, and rebuild the model from its plain JSON spec once
 * per spec. A worker that fails to start or dies is dropped, and the tasks it held are run here: a failing
 * worker costs time, never results.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Model, ModelOptions } from '../../histfactory/model.ts';
import type { WorkspaceSpec } from '../../histfactory/spec.ts';
import { runTask, TOY_CHUNK, type ToyJob } from './toys-chunks.ts';

/** Below this many toys per hypothesis the job runs on the calling thread (starting workers costs ~0.5 s). */
export const MIN_PARALLEL_TOYS = 200;

/** The workspace a model was built from, so that a worker can rebuild it (a Model holds functions). */
export interface ModelSource {
  spec: WorkspaceSpec;
  options?: ModelOptions;
}

/** Control words: [0] next task to claim, [1] error flag, [2 + t] state of task t (0 free, 1 claimed, 2 done). */
export const CONTROL_NEXT = 0;
export const CONTROL_ERROR = 1;
export const CONTROL_TASKS = 2;
export const TASK_CLAIMED = 1;
export const TASK_DONE = 2;

/** Worker status words: [0] 0 starting, 1 ready, −1 failed. */
export const STATUS_READY = 1;
export const STATUS_FAILED = -1;

/** The message a worker gets per job. */
export interface WorkerJobMessage {
  job: ToyJob;
  specId: number;
  /** The spec, on the first job of this spec for this worker only. */
  source?: ModelSource;
  control: SharedArrayBuffer;
  results: SharedArrayBuffer;
  tasks: number;
}

interface PoolWorker {
  worker: Worker;
  status: Int32Array;
  dead: boolean;
  specs: Set<number>;
}

const pool: PoolWorker[] = [];
const specIds = new WeakMap<object, number>();
let nextSpecId = 1;

/**
 * Threads for toys: options.threads, else QUARRY_TOY_THREADS, else the available cores (at least 1).
 */
export function toyThreads(requested?: number): number {
  const env = process.env.QUARRY_TOY_THREADS;
  const fromEnv = env !== undefined && env.trim() !== '' ? Number(env) : NaN;
  const n = requested ?? (Number.isFinite(fromEnv) ? fromEnv : availableParallelism());
  return Math.max(1, Math.floor(n));
}

function startWorker(): PoolWorker | null {
  const status = new Int32Array(new SharedArrayBuffer(4));
  try {
    const worker = new Worker(new URL('./toy-worker.mjs', import.meta.url), { workerData: { status: status.buffer } });
    const entry: PoolWorker = { worker, status, dead: false, specs: new Set() };
    const drop = (): void => {
      entry.dead = true;
      Atomics.store(status, 0, STATUS_FAILED);
      Atomics.notify(status, 0);
    };
    worker.on('error', drop);
    worker.on('exit', drop);
    worker.unref();
    return entry;
  } catch {
    return null;
  }
}

/** Live workers, started up to `count`. */
function workers(count: number): PoolWorker[] {
  for (let i = pool.length - 1; i >= 0; i--) if (pool[i].dead || Atomics.load(pool[i].status, 0) === STATUS_FAILED) pool.splice(i, 1);
  while (pool.length < count) {
    const w = startWorker();
    if (!w) break;
    pool.push(w);
  }
  return pool.slice(0, count);
}

/** Terminates the pool's workers (they are unref'd, so this is only needed to free them early). */
export async function closeToyWorkers(): Promise<void> {
  const all = pool.splice(0, pool.length);
  await Promise.all(all.map((w) => w.worker.terminate().catch(() => 0)));
}

/**
 * The test statistics of all the job's toys: [s+b, b], each in toy order. Runs on `threads` threads
 * (the caller plus threads − 1 workers) when a model source is given and ntoys ≥ MIN_PARALLEL_TOYS.
 */
export function runToyJob(model: Model, job: ToyJob, source: ModelSource | undefined, threads: number): [Float64Array, Float64Array] {
  const nChunks = Math.ceil(job.ntoys / TOY_CHUNK);
  const tasks = 2 * nChunks;
  // results: task t at t·TOY_CHUNK (the last chunk of each hypothesis may be short)
  const results = new Float64Array(new SharedArrayBuffer(8 * tasks * TOY_CHUNK));
  const control = new Int32Array(new SharedArrayBuffer(4 * (CONTROL_TASKS + tasks)));
  const helpers = source && threads > 1 && job.ntoys >= MIN_PARALLEL_TOYS ? workers(threads - 1) : [];
  if (helpers.length > 0) {
    let specId = specIds.get(source!.spec);
    if (specId === undefined) {
      specId = nextSpecId++;
      specIds.set(source!.spec, specId);
    }
    for (const w of helpers) {
      const message: WorkerJobMessage = { job, specId, control: control.buffer as SharedArrayBuffer, results: results.buffer as SharedArrayBuffer, tasks };
      if (!w.specs.has(specId)) {
        message.source = source;
        w.specs.add(specId);
      }
      try {
        w.worker.postMessage(message);
      } catch {
        w.dead = true;
      }
    }
  }
  let slowest = 0;
  for (;;) {
    const t = Atomics.add(control, CONTROL_NEXT, 1);
    if (t >= tasks) break;
    Atomics.store(control, CONTROL_TASKS + t, TASK_CLAIMED);
    const t0 = performance.now();
    runTask(model, job, t, results, t * TOY_CHUNK);
    slowest = Math.max(slowest, performance.now() - t0);
    Atomics.store(control, CONTROL_TASKS + t, TASK_DONE);
  }
  // Wait for the tasks the workers hold; run any of them here if the workers fail or stall far beyond
  // the slowest chunk seen on this thread.
  const deadline = performance.now() + 30_000 + 20 * slowest;
  for (let t = 0; t < tasks; t++) {
    for (;;) {
      const state = Atomics.load(control, CONTROL_TASKS + t);
      if (state === TASK_DONE) break;
      const failed = Atomics.load(control, CONTROL_ERROR) !== 0 || helpers.every((w) => w.dead || Atomics.load(w.status, 0) === STATUS_FAILED);
      if (failed || performance.now() > deadline) {
        // A worker may still finish it: it writes the same numbers, so the race is harmless.
        runTask(model, job, t, results, t * TOY_CHUNK);
        Atomics.store(control, CONTROL_TASKS + t, TASK_DONE);
        break;
      }
      Atomics.wait(control, CONTROL_TASKS + t, state, 50);
    }
  }
  if (Atomics.load(control, CONTROL_ERROR) !== 0) for (const w of helpers) w.dead = true;
  const sb = new Float64Array(job.ntoys);
  const b = new Float64Array(job.ntoys);
  for (let t = 0; t < tasks; t++) {
    const chunk = Math.floor(t / 2);
    const start = chunk * TOY_CHUNK;
    const n = Math.min(job.ntoys, start + TOY_CHUNK) - start;
    (t % 2 === 0 ? sb : b).set(results.subarray(t * TOY_CHUNK, t * TOY_CHUNK + n), start);
  }
  return [sb, b];
}
