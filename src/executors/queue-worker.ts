/**
 * The other end of the `queue` executor (what `quarry worker` runs): a BullMQ worker that takes attempts
 * from the queue and runs each with the job runner as a child process (`node job-runner.mjs DIR`),
 * returning the runner's outcome and the tails of stdout/stderr as the job's value.
 *
 * - At-least-once: a worker that dies stops renewing its locks; after `lockSeconds` another worker's
 *   stalled check puts the job back (once; a second stall fails it) and it runs again. The runner's
 *   outcome.json makes a redelivery of a finished attempt return the recorded outcome, and a
 *   redelivery while the dead worker's runner still lives on this host waits for its outcome.
 * - Runners are started in their own process group, so Ctrl-C in the worker's terminal lets running
 *   points finish (a graceful close) instead of cancelling them.
 * - Cancel: the driver sets a per-job flag and publishes the job id; the runner of that job gets
 *   SIGTERM and records a cancelled outcome. A job taken after the flag was set is not started.
 * - Capacity: a heartbeat key `<concurrency>` with a TTL tells drivers how many slots are serving.
 */
import { WaitingError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { availableParallelism, hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { JobOutcome, JobSpec } from './executor.ts';
import { writeFileAtomic } from './job-runner.mjs';
import { cancelledOutcome, collectResult, ensureJobFile, localJobSpec, readOutcome } from './queue-files.ts';
import { DEFAULT_QUEUE, checkQueueName, checkRedisUrl, openRedis, queueKeys, type QueueResult } from './queue-redis.ts';
import { cancelAttempt, killAttempt, newAttempt, runAttempt, type Attempt } from './queue-runner.ts';

export interface QueueWorkerOptions {
  /** Redis URL, e.g. redis://127.0.0.1:6379. */
  redis: string;
  /** BullMQ queue name (default 'quarry'). */
  queue?: string;
  /** Attempts run at once (default: the number of cores). */
  concurrency?: number;
  /** Where attempts run whose own directory is not writable here (default: $TMPDIR/quarry-worker). */
  dir?: string;
  /** Lock duration and stalled-check interval in seconds (default 30): how soon a dead worker's job is redelivered. */
  lockSeconds?: number;
  /** Heartbeat period in seconds (default 5; the key lives three periods). */
  heartbeatSeconds?: number;
  /** Called for every job started, finished, failed, put back or cancelled (for the CLI's lines). */
  onEvent?: (event: QueueWorkerEvent) => void;
}

export type QueueWorkerEvent =
  | { type: 'started'; id: string; dir: string }
  | { type: 'finished'; id: string; outcome: JobOutcome }
  | { type: 'failed'; id: string; reason: string }
  | { type: 'requeued'; id: string }
  | { type: 'cancelling'; id: string }
  /** Seen by this worker's stalled check: another worker stopped renewing the job's lock; it runs again. */
  | { type: 'stalled'; id: string };

export interface QueueWorker {
  /** `<host>:<pid>:<random>`, the name of this worker's heartbeat. */
  readonly id: string;
  readonly queue: string;
  readonly concurrency: number;
  /** Ids of the jobs running now. */
  running(): string[];
  /**
   * Stops taking jobs and resolves when closed. Without `kill`, running attempts finish first; with it,
   * their process trees are killed and the jobs go back to the queue for another worker.
   */
  close(options?: { kill?: boolean }): Promise<void>;
}

export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const url = checkRedisUrl(options.redis);
  const queue = checkQueueName(options.queue ?? DEFAULT_QUEUE);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? availableParallelism()));
  const fallbackDir = resolve(options.dir ?? join(tmpdir(), 'quarry-worker'));
  const lockMs = Math.max(1, options.lockSeconds ?? 30) * 1000;
  const heartbeatMs = Math.max(0.1, options.heartbeatSeconds ?? 5) * 1000;
  const emit = options.onEvent ?? (() => undefined);
  const keys = queueKeys(queue);
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const host = hostname();
  const running = new Map<string, Attempt>();

  const client: Redis = await openRedis(url, { blocking: true });
  const subscriber = client.duplicate();
  subscriber.on('error', () => { /* reconnects by itself; the start-time flag check covers missed messages */ });
  await subscriber.subscribe(keys.cancelChannel);
  subscriber.on('message', (_channel: string, jobId: string) => {
    const attempt = running.get(jobId);
    if (!attempt || attempt.cancel) return;
    emit({ type: 'cancelling', id: jobId });
    cancelAttempt(attempt); // the runner kills the command's group and records cancelled: true
  });

  const beat = () => client.multi().set(keys.workerPrefix + id, String(concurrency), 'PX', 3 * heartbeatMs).sadd(keys.workers, id).exec();
  await beat();
  const heartbeat = setInterval(() => { beat().catch(() => undefined); }, heartbeatMs);

  // set by close() before anything else: a job that a fetch already under way brings in afterwards goes straight back
  let stopping = false;
  const processor = async (job: Job<JobSpec, QueueResult>, token?: string): Promise<QueueResult> => {
    const jobId = job.id!;
    if (stopping) {
      await job.moveToWait(token);
      throw new WaitingError();
    }
    const attempt = newAttempt('');
    running.set(jobId, attempt); // before the flag check, so a cancel published from now on finds it
    try {
      const spec = localJobSpec(job.data, fallbackDir);
      attempt.dir = spec.dir;
      if (await client.exists(keys.cancelPrefix + jobId)) attempt.cancel = true;
      ensureJobFile(spec);
      emit({ type: 'started', id: jobId, dir: spec.dir });
      let outcome = readOutcome(spec.dir);
      let exit = { code: 0 as number | null, signal: null as string | null, stderr: '' };
      if (!outcome && !attempt.cancel) {
        exit = await runAttempt(attempt);
        outcome = readOutcome(spec.dir);
      }
      if (attempt.killed) {
        await job.moveToWait(token);
        emit({ type: 'requeued', id: jobId });
        throw new WaitingError();
      }
      if (!outcome && attempt.cancel) { // cancelled before the runner could record it
        outcome = cancelledOutcome(host);
        writeFileAtomic(join(spec.dir, 'outcome.json'), JSON.stringify(outcome));
      }
      if (!outcome) {
        throw new Error(`job runner on ${host} exited with ${exit.signal ?? `code ${exit.code}`} without an outcome${exit.stderr.trim() ? `: ${exit.stderr.trim()}` : ''}`);
      }
      emit({ type: 'finished', id: jobId, outcome });
      return collectResult(spec.dir, outcome);
    } catch (e) {
      if (!(e instanceof WaitingError)) emit({ type: 'failed', id: jobId, reason: e instanceof Error ? e.message : String(e) });
      throw e;
    } finally {
      running.delete(jobId);
    }
  };

  const worker = new Worker<JobSpec, QueueResult>(queue, processor, {
    connection: client,
    concurrency,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    maxStalledCount: 1,
    name: id,
  });
  worker.on('error', () => { /* connection blips: ioredis reconnects and BullMQ resumes */ });
  worker.on('stalled', (jobId: string) => emit({ type: 'stalled', id: jobId }));
  await worker.waitUntilReady();

  let closing: Promise<void> | null = null;
  return {
    id,
    queue,
    concurrency,
    running: () => [...running.keys()],
    close({ kill = false } = {}) {
      // stop taking jobs first, so a killed attempt's job, put back in the queue, is not taken again by this worker
      stopping = true;
      const stopped = closing ? null : worker.close(); // waits for the running attempts (quickly, once killed)
      if (kill) for (const attempt of running.values()) killAttempt(attempt);
      closing ??= (async () => {
        clearInterval(heartbeat);
        await client.multi().del(keys.workerPrefix + id).srem(keys.workers, id).exec().catch(() => undefined);
        await stopped;
        await subscriber.quit().catch(() => subscriber.disconnect());
        await client.quit().catch(() => client.disconnect());
      })();
      return closing;
    },
  };
}
