/**
 * The `local` executor: a process pool on this machine (issue 6, ARCHITECTURE.md §2.5). Each job is one
 * `node job-runner.mjs <dir>` process, spawned detached (its own process group) and unref'd so it outlives
 * the driver: a driver that is kill -9'd leaves its jobs running, and the next driver re-attaches to them
 * through the files in the attempt directory, which are the only shared state:
 *
 *   job.json      the spec, written atomically at submission
 *   pid.json      written by the runner once the command started ({pid, procStart, childPgid, childStart, host})
 *   outcome.json  written atomically by the runner when the command ended
 *   cancel.json   written here when a job is cancelled before its runner started: it never runs
 *   runner.log    the runner's own stderr (why a runner died before starting the command)
 *
 * At most `workers` runners run at once, counting running jobs that an earlier driver started and this one
 * found through `poll`/`find`; the rest wait in an in-memory FIFO, started from `poll` and from runner exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, hostname } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QuarryError } from '../errors.ts';
import type { Executor, JobHandle, JobOutcome, JobSpec, JobStatus } from './executor.ts';
import { procStart, writeFileAtomic } from './job-runner.mjs';

const RUNNER = fileURLToPath(new URL('./job-runner.mjs', import.meta.url));
/** How long `cancel` waits for a runner to record its outcome: longer than the runner's own SIGTERM → SIGKILL grace (3 s). */
const CANCEL_GRACE_MS = 5000;
const SAFE_ID = /^[A-Za-z0-9_-]+$/;

export interface LocalExecutorOptions {
  /** How many jobs run at once; defaults to the number of cores (os.availableParallelism()). */
  workers?: number;
}

/** pid.json as the job runner writes it. */
interface PidFile {
  pid: number;
  procStart: number | null;
  childPgid?: number;
  childStart?: number | null;
  host: string;
}

const file = {
  job: (dir: string) => join(dir, 'job.json'),
  pid: (dir: string) => join(dir, 'pid.json'),
  outcome: (dir: string) => join(dir, 'outcome.json'),
  cancel: (dir: string) => join(dir, 'cancel.json'),
  log: (dir: string) => join(dir, 'runner.log'),
};

function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** True when `pid` is a live process (not a zombie) that started at `start` (so not a reused pid). */
function alive(pid: number, start: number | null | undefined): boolean {
  if (start === null || start === undefined || procStart(pid) !== start) return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat[stat.lastIndexOf(')') + 2];
    return state !== 'Z' && state !== 'X'; // orphans are not always reaped (a container's PID 1 may not)
  } catch {
    return false;
  }
}

function runnerAlive(pid: PidFile | null): boolean {
  return pid !== null && pid.host === hostname() && alive(pid.pid, pid.procStart);
}

/** SIGKILLs the command's process group when its runner is gone, if the group leader is still the one the runner started. */
function killOrphanGroup(pid: PidFile): void {
  if (pid.host !== hostname() || !pid.childPgid || procStart(pid.childPgid) !== pid.childStart) return;
  try {
    process.kill(-pid.childPgid, 'SIGKILL');
  } catch {
    // the group is gone
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function checkJob(job: JobSpec): void {
  const problem = !SAFE_ID.test(job.id) ? `id "${job.id}" is not made of [A-Za-z0-9_-]`
    : !isAbsolute(job.dir) ? `dir "${job.dir}" is not an absolute path`
      : !isAbsolute(job.cwd) ? `cwd "${job.cwd}" is not an absolute path`
        : typeof job.command !== 'string' || job.command.length === 0 ? 'command is empty' : null;
  if (problem !== null) {
    throw new QuarryError('INVALID_ARGUMENT', `local executor: job ${JSON.stringify(job.id)}: ${problem}`, 'give each job a [A-Za-z0-9_-] id, absolute dir and cwd, and a non-empty command');
  }
}

function checkHandle(handle: JobHandle): string {
  if (handle.executor !== 'local' || typeof handle.id !== 'string' || !isAbsolute(handle.id)) {
    throw new QuarryError('INVALID_ARGUMENT', `local executor: ${JSON.stringify(handle)} is not a local job handle`, 'pass handles returned by a local executor\'s submit() or find()');
  }
  return handle.id;
}

/** Creates a `local` executor: a pool of at most `workers` job runners on this machine. */
export function createLocalExecutor(options: LocalExecutorOptions = {}): Executor {
  const workers = options.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 1) {
    throw new QuarryError('INVALID_ARGUMENT', `local executor: workers must be a positive integer, got ${String(options.workers)}`, 'set executor.workers to a whole number ≥ 1, or leave it out to use every core');
  }
  const queue = new Set<string>(); // FIFO (a Set keeps insertion order) of attempt dirs waiting for a slot
  const own = new Map<string, ChildProcess>(); // runners this instance started, until they exit
  const started = new Set<string>(); // every dir this instance started: a runner that died before pid.json is lost, not rerun
  const attached = new Set<string>(); // running jobs that an earlier driver started, found by poll() or find()
  let closed = false;

  const handle = (dir: string): JobHandle => ({ executor: 'local', id: dir });

  function runningCount(): number {
    for (const dir of attached) if (own.has(dir) || !runnerAlive(readJson<PidFile>(file.pid(dir)))) attached.delete(dir);
    return own.size + attached.size;
  }

  function fill(): void {
    if (closed) return;
    let free = workers - runningCount();
    for (const dir of queue) {
      if (free <= 0) break;
      queue.delete(dir);
      start(dir);
      free--;
    }
  }

  function start(dir: string): void {
    started.add(dir);
    let log: number | 'ignore' = 'ignore';
    try {
      log = openSync(file.log(dir), 'a');
    } catch {
      // no log file: the runner's stderr is dropped
    }
    const child = spawn(process.execPath, [RUNNER, dir], { detached: true, stdio: ['ignore', 'ignore', log] });
    if (log !== 'ignore') closeSync(log);
    child.unref();
    own.set(dir, child);
    const done = () => {
      if (own.get(dir) !== child) return;
      own.delete(dir);
      fill();
    };
    child.on('exit', done);
    child.on('error', (error) => {
      try { appendFileSync(file.log(dir), `local executor: could not start the job runner: ${error.message}\n`); } catch { /* dir gone */ }
      done();
    });
  }

  /**
   * The state of one attempt, read from its files in this order: an outcome (finished); a runner of this
   * instance, or a live runner named by pid.json (running); this FIFO (queued); a dead runner (lost); a
   * cancel before it started (lost); otherwise a job queued by a driver that died, which joins this FIFO.
   */
  function status(dir: string): JobStatus {
    if (existsSync(file.outcome(dir))) {
      const outcome = readJson<JobOutcome>(file.outcome(dir));
      return outcome ? { state: 'finished', outcome } : { state: 'lost', reason: `${file.outcome(dir)} is not valid JSON` };
    }
    if (own.has(dir)) return { state: 'running' };
    const pid = readJson<PidFile>(file.pid(dir));
    if (runnerAlive(pid)) {
      attached.add(dir);
      return { state: 'running' };
    }
    if (queue.has(dir)) return { state: 'queued' };
    if (pid !== null) {
      killOrphanGroup(pid); // its output would land in the point directory that a retry now owns
      return { state: 'lost', reason: `the job runner of ${dir} (pid ${pid.pid} on ${pid.host}) ended without writing outcome.json` };
    }
    if (existsSync(file.cancel(dir))) return { state: 'lost', reason: 'cancelled before it started' };
    if (started.has(dir)) return { state: 'lost', reason: `the job runner of ${dir} exited before starting the command; see ${file.log(dir)}` };
    if (!existsSync(file.job(dir))) return { state: 'lost', reason: `${dir} has no job.json: the job was never submitted there` };
    queue.add(dir); // queued in a driver that died: its FIFO died with it
    return { state: 'queued' };
  }

  function markCancelled(dir: string): void {
    writeFileAtomic(file.cancel(dir), JSON.stringify({ cancelledAt: new Date().toISOString() }));
  }

  return {
    kind: 'local',
    capacity: () => workers,

    async submit(jobs) {
      if (closed) throw new QuarryError('INVALID_ARGUMENT', 'local executor: submit() after close()', 'create a new executor to submit more jobs');
      jobs.forEach(checkJob);
      for (const job of jobs) {
        const dir = job.dir;
        const known = queue.has(dir) || own.has(dir) || existsSync(file.outcome(dir)) || runnerAlive(readJson<PidFile>(file.pid(dir)));
        if (known) continue; // submitted twice: the job already exists, it is not run again
        mkdirSync(dir, { recursive: true });
        rmSync(file.cancel(dir), { force: true });
        writeFileAtomic(file.job(dir), JSON.stringify(job, null, 2));
        queue.add(dir);
      }
      fill();
      return jobs.map((job) => handle(job.dir));
    },

    async poll(handles) {
      const statuses = handles.map((h) => status(checkHandle(h)));
      fill();
      return statuses;
    },

    async cancel(handles) {
      const waiting: string[] = [];
      for (const dir of handles.map(checkHandle)) {
        if (existsSync(file.outcome(dir))) continue;
        if (queue.delete(dir)) {
          markCancelled(dir);
          continue;
        }
        const pid = readJson<PidFile>(file.pid(dir));
        const child = own.get(dir);
        if (runnerAlive(pid)) {
          try {
            process.kill(pid!.pid, 'SIGTERM'); // the runner kills its command's group and records cancelled: true
          } catch {
            // it just ended: the wait below sees its outcome, or kills what it left
          }
          waiting.push(dir);
        } else if (child && pid === null) {
          markCancelled(dir); // the runner is starting up: if it dies of the signal before the command starts, it stays cancelled
          child.kill('SIGTERM');
          waiting.push(dir);
        } else if (pid !== null) {
          killOrphanGroup(pid);
        } else {
          markCancelled(dir); // queued in a driver that died: it never runs
        }
      }
      const settled = (dir: string) => existsSync(file.outcome(dir)) || (!own.has(dir) && !runnerAlive(readJson<PidFile>(file.pid(dir))));
      for (const deadline = Date.now() + CANCEL_GRACE_MS; Date.now() < deadline && !waiting.every(settled);) await sleep(20);
      for (const dir of waiting) {
        const pid = readJson<PidFile>(file.pid(dir));
        if (!existsSync(file.outcome(dir)) && pid !== null) killOrphanGroup(pid);
      }
      fill();
    },

    async find(job) {
      const dir = job.dir;
      const pid = readJson<PidFile>(file.pid(dir));
      const live = runnerAlive(pid);
      if (live && !own.has(dir)) attached.add(dir);
      return existsSync(file.outcome(dir)) || existsSync(file.job(dir)) || live ? handle(dir) : null;
    },

    async close() {
      closed = true; // no timers to stop: runners already started keep running, queued ones are left for the next driver
    },
  };
}
