/**
 * Where a point runs: `<run>/points/<hash>/`, named by a content hash of the parameter values and the
 * configuration's hash, so the same point of the same scan always lands in the same directory (what
 * makes at-least-once delivery and resubmission after a crash idempotent). Attempts live below it.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** 16 hex characters of sha256(config hash, parameters sorted by name, values to full precision). */
export function pointHash(configHash: string, point: Record<string, number>): string {
  const canonical = Object.keys(point).sort().map((k) => `${k}=${point[k]}`).join(',');
  return createHash('sha256').update(`${configHash}|${canonical}`).digest('hex').slice(0, 16);
}

export function pointDir(runDir: string, hash: string): string {
  return join(runDir, 'points', hash);
}

export function attemptDir(runDir: string, hash: string, attempt: number): string {
  return join(pointDir(runDir, hash), `attempt-${attempt}`);
}

/** The job id of an attempt: stable across restarts, safe as a file, Slurm or BullMQ name. */
export function jobId(hash: string, attempt: number): string {
  return `${hash}-a${attempt}`;
}
