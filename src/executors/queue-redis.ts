/**
 * What the `queue` executor and `quarry worker` share: the Redis connection (opened once, failing fast
 * with a one-line QuarryError when the URL is wrong or Redis is unreachable), the names of quarry's own
 * Redis keys beside BullMQ's, and the value a worker returns for a job (the runner's outcome plus the
 * tails of its output, so a driver on another host gets them without a shared filesystem).
 */
import { Redis } from 'ioredis';
import { QuarryError } from '../errors.ts';
import type { JobOutcome } from './executor.ts';

/** The BullMQ return value of one attempt: the runner's outcome and where and what it printed. */
export interface QueueResult {
  outcome: JobOutcome;
  /** The last 64 kB of stdout.txt and stderr.txt. */
  stdout: string;
  stderr: string;
  /** The attempt directory the worker used (the job's own, or its fallback under `quarry worker --dir`). */
  dir: string;
}

export const DEFAULT_QUEUE = 'quarry';
/** Cancel requests outlive any scan that could still be waiting on them. */
export const CANCEL_TTL_SECONDS = 7 * 24 * 3600;

/** quarry's keys for one queue; BullMQ's own live under `bull:<queue>:`. */
export function queueKeys(queue: string) {
  const base = `quarry:${queue}`;
  return {
    /** Set of the ids of workers that have announced themselves. */
    workers: `${base}:workers`,
    /** Prefix of `<prefix><worker id>` → concurrency, with a TTL the worker keeps renewing. */
    workerPrefix: `${base}:worker:`,
    /** Channel on which cancel requests are published (message: the job id). */
    cancelChannel: `${base}:cancel`,
    /** `<prefix><job id>` exists once a cancel was requested, for workers that start the job later. */
    cancelPrefix: `${base}:cancel:`,
  };
}

// Sums the concurrency of live workers in one round trip and forgets those whose heartbeat expired.
const CAPACITY_SCRIPT = `
local ids = redis.call('SMEMBERS', KEYS[1])
local total = 0
for _, id in ipairs(ids) do
  local c = redis.call('GET', ARGV[1] .. id)
  if c then total = total + tonumber(c) else redis.call('SREM', KEYS[1], id) end
end
return total`;

/** Total concurrency of the workers currently serving `queue` (0 when none). */
export async function workerSlots(client: Redis, queue: string): Promise<number> {
  const keys = queueKeys(queue);
  return Number(await client.eval(CAPACITY_SCRIPT, 1, keys.workers, keys.workerPrefix));
}

/** Checks a Redis URL (redis:// or rediss://) and returns it; `option` names it in the error. */
export function checkRedisUrl(url: string, option = 'redis'): string {
  let parsed: URL | null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') || parsed.hostname === '') {
    throw new QuarryError('INVALID_ARGUMENT', `${option} "${url}" is not a Redis URL`, 'write it as redis://HOST:PORT (or redis://:PASSWORD@HOST:PORT/DB, rediss:// for TLS), e.g. redis://127.0.0.1:6379');
  }
  return url;
}

/** Checks a queue name: it becomes part of Redis keys, so no colons or spaces. */
export function checkQueueName(queue: string, option = 'queue'): string {
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(queue)) {
    throw new QuarryError('INVALID_ARGUMENT', `${option} "${queue}" is not a valid queue name`, 'use letters, digits, "_", "-" and "." only, e.g. quarry or scan-42');
  }
  return queue;
}

/** Redis URL without its password, for messages. */
export function describeUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, (_, auth: string) => (auth.includes(':') ? `//${auth.split(':')[0]}:***@` : `//${auth}@`));
}

export interface OpenOptions {
  /** Blocking clients (BullMQ workers) must queue commands while reconnecting instead of failing them. */
  blocking: boolean;
  connectTimeoutMs?: number;
}

/**
 * Connects to Redis once, without retrying: a wrong host or a stopped server gives a QuarryError within
 * `connectTimeoutMs` instead of a client that retries forever. Once connected, the client reconnects
 * with backoff, so a Redis restart does not kill a long scan or worker.
 */
export async function openRedis(url: string, options: OpenOptions): Promise<Redis> {
  checkRedisUrl(url);
  let connected = false;
  let lastError = '';
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? 3000,
    enableAutoPipelining: true, // commands issued in one tick (a poll of many handles) go in one round trip
    maxRetriesPerRequest: options.blocking ? null : 3,
    retryStrategy: (times) => (connected ? Math.min(200 * times, 2000) : null),
  });
  client.on('error', (e: Error) => { lastError = e.message; });
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    client.disconnect();
    const reason = lastError || (e instanceof Error ? e.message : String(e));
    throw new QuarryError('UNAVAILABLE', `cannot connect to Redis at ${describeUrl(url)}: ${reason}`,
      'start Redis (for development: scripts/services.sh start redis) or pass the right --redis URL; check host, port, password and firewall');
  }
  connected = true;
  return client;
}

/** Turns a Redis failure in the middle of work into a QuarryError that says what was being done. */
export function redisFailure(action: string, url: string, error: unknown): QuarryError {
  if (error instanceof QuarryError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new QuarryError('UNAVAILABLE', `${action} failed on Redis at ${describeUrl(url)}: ${message}`,
    'check that Redis is running and reachable; jobs already queued are kept, so rerun the command (scans resume) once it is back', { cause: error });
}
