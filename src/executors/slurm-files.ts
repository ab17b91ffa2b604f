/**
 * The files of the slurm executor in an attempt directory, and its handles: what a driver reads to learn
 * where a job is (slurm.json), whether it ended (outcome.json), whether its runner still runs here
 * (pid.json), and why a task that died left no outcome (Slurm's own output file). See slurm.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { QuarryError } from '../errors.ts';
import type { JobHandle, JobOutcome, JobSpec, JobStatus } from './executor.ts';
import { procStart } from './job-runner.mjs';

const SAFE_ID = /^[A-Za-z0-9_-]+$/;

/** <dir>/slurm.json: which array task runs the job in <dir>. */
export interface SlurmRecord {
  name: string;
  task: number;
  jobId: number | null;
  listFile: string;
}

export const file = {
  job: (dir: string) => join(dir, 'job.json'),
  pid: (dir: string) => join(dir, 'pid.json'),
  outcome: (dir: string) => join(dir, 'outcome.json'),
  slurm: (dir: string) => join(dir, 'slurm.json'),
};

export function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** The outcome in `dir`, or null while there is none. */
export function outcomeIn(dir: string): JobStatus | null {
  if (!existsSync(file.outcome(dir))) return null;
  const outcome = readJson<JobOutcome>(file.outcome(dir));
  return outcome ? { state: 'finished', outcome } : { state: 'lost', reason: `${file.outcome(dir)} is not valid JSON` };
}

/** The pid of the live runner that pid.json names on this host, else null (a reused pid or a zombie does not count). */
export function localRunnerAlive(dir: string): number | null {
  const pid = readJson<{ pid: number; procStart: number | null; host: string }>(file.pid(dir));
  if (pid === null || pid.host !== hostname() || pid.procStart === null || procStart(pid.pid) !== pid.procStart) return null;
  try {
    const stat = readFileSync(`/proc/${pid.pid}/stat`, 'utf8');
    return 'ZX'.includes(stat[stat.lastIndexOf(')') + 2]) ? null : pid.pid;
  } catch {
    return null;
  }
}

/** The last lines of Slurm's own output for a task (why a runner failed before it could write an outcome). */
export function slurmOutputTail(record: SlurmRecord | null, jobId: number, task: number): string {
  if (record === null) return '';
  try {
    const lines = readFileSync(join(dirname(record.listFile), `slurm-${jobId}_${task}.out`), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '');
    const errors = lines.filter((l) => /error|fatal|cannot|killed|denied|not found/i.test(l));
    const shown = (errors.length > 0 ? errors.slice(0, 3) : lines.slice(-3)).map((l) => l.slice(0, 200));
    return shown.length === 0 ? '' : `; slurm output: ${shown.join(' / ')}`;
  } catch {
    return '';
  }
}

export function checkJob(job: JobSpec): void {
  const problem = !SAFE_ID.test(job.id) ? `id "${job.id}" is not made of [A-Za-z0-9_-]`
    : !isAbsolute(job.dir) || /[\n\r]/.test(job.dir) ? `dir "${job.dir}" is not an absolute path on one line`
      : !isAbsolute(job.cwd) ? `cwd "${job.cwd}" is not an absolute path`
        : typeof job.command !== 'string' || job.command.length === 0 ? 'command is empty' : null;
  if (problem !== null) {
    throw new QuarryError('INVALID_ARGUMENT', `slurm executor: job ${JSON.stringify(job.id)}: ${problem}`, 'give each job a [A-Za-z0-9_-] id, absolute dir and cwd, and a non-empty command');
  }
}

export function checkHandle(handle: JobHandle): { dir: string; jobId: number | null; task: number } {
  const { dir, jobId, task } = handle;
  if (handle.executor !== 'slurm' || typeof dir !== 'string' || !isAbsolute(dir) || typeof task !== 'number' || (jobId !== null && typeof jobId !== 'number')) {
    throw new QuarryError('INVALID_ARGUMENT', `slurm executor: ${JSON.stringify(handle)} is not a slurm job handle`, 'pass handles returned by a slurm executor\'s submit() or find()');
  }
  return { dir, jobId, task };
}

export function handleOf(dir: string, jobId: number | null, task: number): JobHandle {
  return { executor: 'slurm', id: jobId === null ? `unknown_${task}` : `${jobId}_${task}`, jobId, task, dir };
}
