/** The executor table (ARCHITECTURE.md §2.8): a config's `executor` entry → an Executor. */
import { unknownKey } from '../errors.ts';
import type { Executor } from '../executors/executor.ts';
import { createLocalExecutor } from '../executors/local.ts';
import { createQueueExecutor } from '../executors/queue.ts';
import { createSlurmExecutor } from '../executors/slurm.ts';
import type { ScanConfig } from './config.ts';

type ExecutorSpec = ScanConfig['executor'];

const EXECUTORS: Record<string, (spec: ExecutorSpec) => Promise<Executor> | Executor> = {
  local: (spec) => createLocalExecutor(spec.type === 'local' && spec.workers !== undefined ? { workers: spec.workers } : {}),
  slurm: (spec) => createSlurmExecutor(spec.type === 'slurm' ? { partition: spec.partition, slots: spec.slots, sbatchArgs: spec.sbatchArgs } : {}),
  queue: (spec) => {
    if (spec.type !== 'queue') throw unknownKey('executor', spec.type, EXECUTOR_NAMES);
    return createQueueExecutor({ redis: spec.redis, queue: spec.queue });
  },
};

export const EXECUTOR_NAMES = Object.keys(EXECUTORS);

export async function createExecutor(spec: ExecutorSpec): Promise<Executor> {
  const make = EXECUTORS[spec.type];
  if (!make) throw unknownKey('executor', spec.type, EXECUTOR_NAMES);
  return make(spec);
}
