/**
 * The `queue` executor: points go into a BullMQ queue on Redis and `quarry worker` processes on any
 * host run them with the job runner. A job's BullMQ id is the attempt id, so submitting an attempt
 * again (a driver restarted before it logged the handle) adds nothing; delivery is at-least-once (a
 * dead worker's job is redelivered after its lock expires), made safe by the idempotent runner.
 *
 * Handle: `{executor: 'queue', id, queue, dir}` (dir: the local attempt directory, where the outcome
 * is written back). The factory is async: it connects once, so a wrong URL or a stopped Redis fails
 * at once with a one-line error, and it reads the worker slots so `capacity()` can stay synchronous.
 */
import { Job, Queue } from 'bullmq';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Executor, JobHandle, JobSpec, JobStatus } from './executor.ts';
import { QuarryError } from '../errors.ts';
import { writeFileAtomic } from './job-runner.mjs';
import { readOutcome, writeBack } from './queue-files.ts';
import {
  CANCEL_TTL_SECONDS, DEFAULT_QUEUE, checkQueueName, checkRedisUrl, openRedis, queueKeys, redisFailure, workerSlots,
  type QueueResult,
} from './queue-redis.ts';

export interface QueueExecutorOptions {
  /** Redis URL, e.g. redis://127.0.0.1:6379. */
  redis: string;
  /** BullMQ queue name (default 'quarry'); workers must be started with the same one. */
  queue?: string;
}

const QUEUED_STATES = new Set(['waiting', 'delayed', 'prioritized', 'paused', 'waiting-children']);

/** BullMQ refuses integer-like custom ids and ids with colons; attempt ids are [A-Za-z0-9_-] and not all digits. */
function checkJobId(id: string): void {
  if (!/^[A-Za-z0-9_-]+$/.test(id) || /^\d+$/.test(id)) {
    throw new QuarryError('INVALID_ARGUMENT', `job id "${id}" cannot be a queue job id`, 'use letters, digits, "_" and "-", not digits alone (e.g. <point hash>-a1)');
  }
}

export async function createQueueExecutor(options: QueueExecutorOptions): Promise<Executor> {
  const url = checkRedisUrl(options.redis);
  const name = checkQueueName(options.queue ?? DEFAULT_QUEUE);
  const keys = queueKeys(name);
  const client = await openRedis(url, { blocking: false });
  const queue = new Queue<JobSpec, QueueResult>(name, { connection: client });
  queue.on('error', () => { /* surfaced by the failing call instead */ });
  let slots = 0;
  try {
    slots = await workerSlots(client, name);
  } catch (e) {
    client.disconnect();
    throw redisFailure('reading the worker slots', url, e);
  }

  const handleOf = (job: JobSpec): JobHandle => ({ executor: 'queue', id: job.id, queue: name, dir: job.dir });
  const attempt = async <T>(action: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (e) {
      throw redisFailure(action, url, e);
    }
  };

  /** State, job hash and cancel flag of one job; issued together so auto-pipelining sends every handle's in one round trip. */
  const inspect = (id: string) => Promise.all([queue.getJobState(id), Job.fromId<JobSpec, QueueResult>(queue, id), client.exists(keys.cancelPrefix + id)]);

  const statusOf = (handle: JobHandle, [state, job, cancelled]: Awaited<ReturnType<typeof inspect>>): JobStatus => {
    if (QUEUED_STATES.has(state)) return { state: 'queued' };
    if (state === 'active') return { state: 'running' };
    if (state === 'completed') {
      const result = job?.returnvalue;
      if (result && typeof result === 'object' && result.outcome) {
        if (typeof handle.dir === 'string') writeBack(handle.dir, result);
        return { state: 'finished', outcome: result.outcome };
      }
      if (job && !job.finishedOn) return { state: 'running' }; // read the hash just before it completed
      return { state: 'lost', reason: `queue job ${handle.id} completed without an outcome` };
    }
    if (state === 'failed') return { state: 'lost', reason: `queue job ${handle.id} failed: ${job?.failedReason || 'no reason given'}` };
    if (cancelled) return { state: 'lost', reason: `queue job ${handle.id} was cancelled before it started` };
    return { state: 'lost', reason: `queue job ${handle.id} is not in queue "${name}" (removed, or the queue was obliterated)` };
  };

  return {
    kind: 'queue',

    capacity: () => Math.max(1, slots),

    async submit(jobs) {
      for (const job of jobs) {
        checkJobId(job.id);
        mkdirSync(job.dir, { recursive: true });
        writeFileAtomic(join(job.dir, 'job.json'), JSON.stringify(job, null, 2));
      }
      if (jobs.length > 0) {
        const opts = (job: JobSpec) => ({ jobId: job.id, attempts: 1, removeOnComplete: false, removeOnFail: false });
        const [, capacity] = await attempt('submitting jobs', () => Promise.all([
          queue.addBulk(jobs.map((job) => ({ name: 'attempt', data: job, opts: opts(job) }))),
          workerSlots(client, name),
        ]));
        slots = capacity;
      }
      return jobs.map(handleOf);
    },

    async poll(handles) {
      const statuses: (JobStatus | null)[] = handles.map((h) => {
        if (h.queue !== name) return { state: 'lost', reason: `handle of queue "${String(h.queue)}" polled on queue "${name}"` };
        const outcome = typeof h.dir === 'string' ? readOutcome(h.dir) : null; // shared filesystem, or written back before
        return outcome ? { state: 'finished', outcome } : null;
      });
      const open = statuses.flatMap((s, i) => (s === null ? [i] : []));
      const [capacity, entries] = await attempt('polling jobs', () => Promise.all([
        workerSlots(client, name),
        Promise.all(open.map((i) => inspect(handles[i].id))),
      ]));
      slots = capacity;
      open.forEach((i, k) => { statuses[i] = statusOf(handles[i], entries[k]); });
      return statuses as JobStatus[];
    },

    async cancel(handles) {
      const ids = handles.filter((h) => h.queue === name).map((h) => h.id);
      if (ids.length === 0) return;
      await attempt('cancelling jobs', async () => {
        // the flags first: a worker that takes a job from now on sees its flag and does not start it
        const flags = client.multi();
        for (const id of ids) flags.set(keys.cancelPrefix + id, '1', 'EX', CANCEL_TTL_SECONDS);
        await flags.exec();
        // then the waiting jobs leave the queue, before the running ones are stopped (which frees their slots)
        await Promise.all(ids.map(async (id) => {
          if (QUEUED_STATES.has(await queue.getJobState(id))) await queue.remove(id).catch(() => 0); // taken meanwhile: the worker sees the flag
        }));
        const stop = client.multi();
        for (const id of ids) stop.publish(keys.cancelChannel, id);
        await stop.exec();
      });
    },

    async find(job) {
      if (existsSync(join(job.dir, 'outcome.json'))) return handleOf(job);
      const state = await attempt('looking up a job', () => queue.getJobState(job.id));
      return state === 'unknown' ? null : handleOf(job);
    },

    async close() {
      await queue.close().catch(() => undefined);
      await client.quit().catch(() => client.disconnect());
    },
  };
}
