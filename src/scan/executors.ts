/**
 * The executor table (ARCHITECTURE.md §2.8): a config's `executor` entry → an Executor. Each executor
 * module is imported only when a scan uses it (the queue pulls in BullMQ and ioredis).
 */
import { unknownKey } from '../errors.ts';
import type { Executor } from '../executors/executor.ts';
import type { ScanConfig } from './config.ts';

type ExecutorSpec = ScanConfig['executor'];

const EXECUTORS: Record<ExecutorSpec['type'], (spec: ExecutorSpec) => Promise<Executor>> = {
  local: async (spec) => {
    const { createLocalExecutor } = await import('../executors/local.ts');
    return createLocalExecutor(spec.type === 'local' && spec.workers !== undefined ? { workers: spec.workers } : {});
  },
  slurm: async (spec) => {
    const { createSlurmExecutor } = await import('../executors/slurm.ts');
    return createSlurmExecutor(spec.type === 'slurm' ? { partition: spec.partition, slots: spec.slots, sbatchArgs: spec.sbatchArgs } : {});
  },
  queue: async (spec) => {
    const { createQueueExecutor } = await import('../executors/queue.ts');
    if (spec.type !== 'queue') throw unknownKey('executor', spec.type, EXECUTOR_NAMES);
    return createQueueExecutor({ redis: spec.redis, queue: spec.queue });
  },
};

export const EXECUTOR_NAMES = Object.keys(EXECUTORS);

export async function createExecutor(spec: ExecutorSpec): Promise<Executor> {
  const make = EXECUTORS[spec.type] as ((spec: ExecutorSpec) => Promise<Executor>) | undefined;
  if (!make) throw unknownKey('executor', spec.type, EXECUTOR_NAMES);
  return make(spec);
}
