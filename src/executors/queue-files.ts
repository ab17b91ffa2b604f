/**
 * The filesystem side of the `queue` executor: where a worker runs an attempt when the job's own
 * directory is not writable on its host (no shared filesystem), the tails of stdout/stderr it sends
 * back, and how the driver writes them and the outcome into its local attempt directory.
 */
import { accessSync, closeSync, constants, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JobOutcome, JobSpec } from './executor.ts';
import type { QueueResult } from './queue-redis.ts';
import { writeFileAtomic } from './job-runner.mjs';

/** How much of stdout/stderr travels back with a result. */
export const TAIL_BYTES = 64 * 1024;

/** True when `dir` exists (or can be created) and this process may write into it. */
export function isWritableDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function rebase(path: string, from: string, to: string): string {
  return path === from || path.startsWith(from + '/') ? to + path.slice(from.length) : path;
}

/**
 * The spec as this host runs it: unchanged when its dir and cwd are writable here (same machine or a
 * shared filesystem); otherwise moved to `<fallbackDir>/<id>` (attempt) and `<fallbackDir>/<id>/cwd`
 * (command), with an absolute result file and environment values under the old paths moved along.
 */
export function localJobSpec(spec: JobSpec, fallbackDir: string, writable: (dir: string) => boolean = isWritableDir): JobSpec {
  if (writable(spec.dir) && writable(spec.cwd)) return spec;
  const dir = join(fallbackDir, spec.id);
  const cwd = join(dir, 'cwd');
  const move = (p: string) => rebase(rebase(p, spec.dir, dir), spec.cwd, cwd);
  return {
    ...spec,
    dir,
    cwd,
    resultFile: move(spec.resultFile),
    env: Object.fromEntries(Object.entries(spec.env).map(([k, v]) => [k, move(v)])),
  };
}

/** Writes `<dir>/job.json` unless it is there already (a shared filesystem, or a redelivery). */
export function ensureJobFile(spec: JobSpec): void {
  mkdirSync(spec.dir, { recursive: true });
  const path = join(spec.dir, 'job.json');
  if (!existsSync(path)) writeFileAtomic(path, JSON.stringify(spec, null, 2));
}

/** The last `bytes` bytes of a file as text ('' when it does not exist). */
export function readTail(path: string, bytes = TAIL_BYTES): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return '';
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, bytes);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** The outcome the runner wrote into `dir`, or null when there is none (yet). */
export function readOutcome(dir: string): JobOutcome | null {
  try {
    return JSON.parse(readFileSync(join(dir, 'outcome.json'), 'utf8')) as JobOutcome;
  } catch {
    return null;
  }
}

/** What a worker sends back for the attempt that ran in `dir`. */
export function collectResult(dir: string, outcome: JobOutcome): QueueResult {
  return { outcome, stdout: readTail(join(dir, 'stdout.txt')), stderr: readTail(join(dir, 'stderr.txt')), dir };
}

/** The outcome of an attempt that was cancelled before its command started. */
export function cancelledOutcome(host: string): JobOutcome {
  const now = new Date().toISOString();
  return { exitCode: null, signal: null, timedOut: false, cancelled: true, startedAt: now, endedAt: now, seconds: 0, result: null, host };
}

/**
 * Copies a result that ran elsewhere into the driver's attempt directory: stdout/stderr tails and then
 * outcome.json, each only when missing, so a shared filesystem's full files are never overwritten.
 * Best effort: the outcome also reaches the driver through poll, so an unwritable dir loses nothing.
 */
export function writeBack(dir: string, result: QueueResult): void {
  try {
    mkdirSync(dir, { recursive: true });
    for (const name of ['stdout', 'stderr'] as const) {
      const path = join(dir, `${name}.txt`);
      if (!existsSync(path)) writeFileSync(path, result[name]);
    }
    const outcomePath = join(dir, 'outcome.json');
    if (!existsSync(outcomePath)) writeFileAtomic(outcomePath, JSON.stringify(result.outcome));
  } catch {
    // the directory is not writable from here; the caller still has the outcome
  }
}
