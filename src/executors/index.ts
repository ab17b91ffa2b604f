/** Executors: one protocol (executor.ts) for running jobs on this machine, on Slurm, or on queue workers. */
export type { Executor, JobHandle, JobOutcome, JobSpec, JobStatus } from './executor.ts';
export { createLocalExecutor, type LocalExecutorOptions } from './local.ts';
export { createSlurmExecutor, type SlurmExecutorOptions } from './slurm.ts';
export { createQueueExecutor, type QueueExecutorOptions } from './queue.ts';
export { startQueueWorker, type QueueWorker, type QueueWorkerOptions } from './queue-worker.ts';
