/**
 * One driver per run: `<dir>/driver.lock` holds {pid, host, procStart} of the process driving the
 * scan, created with O_EXCL. A lock whose process is gone (same host, pid dead or reused — told apart
 * by the process start time) is stale and taken over, so a kill -9 never blocks a resume.
 */
import { closeSync, fsyncSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { QuarryError } from '../errors.ts';

export const LOCK_FILE = 'driver.lock';

export interface LockOwner {
  pid: number;
  host: string;
  procStart: number | null;
}

/** Start time of a process in clock ticks since boot (/proc/PID/stat field 22), or null. */
export function processStart(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
  } catch {
    return null;
  }
}

/** True when the process that wrote `owner` still runs (always true for another host: it cannot be checked). */
export function ownerAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  try { process.kill(owner.pid, 0); } catch { return false; }
  return owner.procStart === null || processStart(owner.pid) === owner.procStart;
}

/** The live owner of the run's lock, or null when it is free or stale. */
export function lockOwner(dir: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as LockOwner;
    return ownerAlive(owner) ? owner : null;
  } catch {
    return null;
  }
}

export interface RunLock {
  release(): void;
}

/** Takes the run's lock or throws naming the process that holds it. */
export function acquireRunLock(dir: string): RunLock {
  const path = join(dir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), procStart: processStart(process.pid) };
  for (let tries = 0; tries < 3; tries++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = lockOwner(dir);
      if (owner) {
        throw new QuarryError('INVALID_INPUT', `${dir} is being driven by process ${owner.pid} on ${owner.host}`,
          `wait for it, stop it (quarry cancel ${dir} stops its jobs too), or remove ${path} if that process is gone`);
      }
      rmSync(path, { force: true }); // stale: its process died
      continue;
    }
    writeSync(fd, JSON.stringify(me));
    fsyncSync(fd);
    closeSync(fd);
    return {
      release() {
        try {
          const owner = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
          if (owner.pid === me.pid && owner.host === me.host) rmSync(path, { force: true });
        } catch { /* already gone */ }
      },
    };
  }
  throw new QuarryError('INVALID_INPUT', `could not take the lock ${path}`, 'another quarry process keeps taking it; run one driver per directory');
}
