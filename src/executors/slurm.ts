/**
 * The `slurm` executor (issue 6, ARCHITECTURE.md §2.5): each `submit` call becomes one Slurm job array
 * (`sbatch --parsable --array=0-(n-1)`), whose task i runs `node job-runner.mjs <dir of job i>`; the
 * runner enforces the timeout and writes outcome.json, exactly as under the local executor. Slurm only
 * says whether a task is waiting, running or gone, and how it ended when it left no outcome.
 *
 * Files (the attempt directories must be on a filesystem the nodes share):
 *   <dir>/job.json, pid.json, stdout.txt, stderr.txt, outcome.json   as the job runner writes them
 *   <dir>/slurm.json        {name, task, jobId, listFile}: written before sbatch (jobId null) and after it
 *   <batch>/slurm-<key>.tasks  the array's attempt directories, one a line (task i = line i + 1)
 *   <batch>/slurm-<key>.sh     the batch script; <batch>/slurm-<jobid>_<task>.out  Slurm's own output
 * where <batch> is `workDir` or the parent of the first job's directory, and <key> hashes the directories,
 * so the array's job name `quarry-<key>` is stable: a driver that died between sbatch and writing the job
 * id finds the array again by that name. Slurm is found as slurm-commands.ts says (SLURM_CONF, else
 * /tmp/quarry-slurm/slurm.conf when it exists).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QuarryError } from '../errors.ts';
import type { Executor, JobHandle, JobOutcome, JobSpec, JobStatus } from './executor.ts';
import { procStart, writeFileAtomic } from './job-runner.mjs';
import { arrayScript, commandEnv, commandError, runChecked, runCommand, runSyncOrNull, timeLimitMinutes } from './slurm-commands.ts';
import { parseSbatchId, parseScontrolJobs, parseSinfoCpus, parseSqueueJson, slurmPhase, type SlurmTask } from './slurm-parse.ts';

const RUNNER = fileURLToPath(new URL('./job-runner.mjs', import.meta.url));
/** Slurm's default MaxArraySize is 1001 (task ids 0..1000): larger submissions are split into arrays of this many. */
const MAX_ARRAY = 1000;
/** A task that ended COMPLETED (the runner exited 0, so it wrote outcome.json) may take this long to show that file on a network filesystem. */
const OUTCOME_VISIBLE_MS = 60_000;
const SAFE_ID = /^[A-Za-z0-9_-]+$/;

export interface SlurmExecutorOptions {
  /** Partition to submit to (`--partition`); the cluster's default when left out. */
  partition?: string;
  /** How many jobs run at once (the batch size of `batch: fill`); default: the partition's CPUs (`sinfo -h -o %C`), else 1. */
  slots?: number;
  /** Extra sbatch arguments (`--account=…`, `--mem=2G`, `--qos=…`), placed before the script. */
  sbatchArgs?: string[];
  /** Absolute path of job-runner.mjs as the nodes see it; default: the one next to this file. */
  runner?: string;
  /** Node.js binary on the nodes; default: the driver's own (process.execPath). */
  node?: string;
  /** slurm.conf of the cluster; default: SLURM_CONF, else /tmp/quarry-slurm/slurm.conf when it exists (see slurm-commands.ts). */
  slurmConf?: string;
  /** Directory for the task lists, batch scripts and Slurm's own output; default: the parent of each array's first job directory. */
  workDir?: string;
}

/** <dir>/slurm.json: which array task runs the job in <dir>. */
interface SlurmRecord {
  name: string;
  task: number;
  jobId: number | null;
  listFile: string;
}

const file = {
  job: (dir: string) => join(dir, 'job.json'),
  pid: (dir: string) => join(dir, 'pid.json'),
  outcome: (dir: string) => join(dir, 'outcome.json'),
  slurm: (dir: string) => join(dir, 'slurm.json'),
};

function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** The outcome in `dir`, or null while there is none. */
function outcomeIn(dir: string): JobStatus | null {
  if (!existsSync(file.outcome(dir))) return null;
  const outcome = readJson<JobOutcome>(file.outcome(dir));
  return outcome ? { state: 'finished', outcome } : { state: 'lost', reason: `${file.outcome(dir)} is not valid JSON` };
}

/** True when pid.json names a live runner on this host (a reused pid or a zombie does not count). */
function localRunnerAlive(dir: string): number | null {
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
function slurmOutputTail(record: SlurmRecord | null, jobId: number, task: number): string {
  if (record === null) return '';
  try {
    const text = readFileSync(join(dirname(record.listFile), `slurm-${jobId}_${task}.out`), 'utf8').trim();
    return text === '' ? '' : `; slurm output: ${text.slice(-300).replace(/\s*\n\s*/g, ' / ')}`;
  } catch {
    return '';
  }
}

function checkJob(job: JobSpec): void {
  const problem = !SAFE_ID.test(job.id) ? `id "${job.id}" is not made of [A-Za-z0-9_-]`
    : !isAbsolute(job.dir) || /[\n\r]/.test(job.dir) ? `dir "${job.dir}" is not an absolute path on one line`
      : !isAbsolute(job.cwd) ? `cwd "${job.cwd}" is not an absolute path`
        : typeof job.command !== 'string' || job.command.length === 0 ? 'command is empty' : null;
  if (problem !== null) {
    throw new QuarryError('INVALID_ARGUMENT', `slurm executor: job ${JSON.stringify(job.id)}: ${problem}`, 'give each job a [A-Za-z0-9_-] id, absolute dir and cwd, and a non-empty command');
  }
}

function checkHandle(handle: JobHandle): { dir: string; jobId: number | null; task: number } {
  const { dir, jobId, task } = handle;
  if (handle.executor !== 'slurm' || typeof dir !== 'string' || !isAbsolute(dir) || typeof task !== 'number' || (jobId !== null && typeof jobId !== 'number')) {
    throw new QuarryError('INVALID_ARGUMENT', `slurm executor: ${JSON.stringify(handle)} is not a slurm job handle`, 'pass handles returned by a slurm executor\'s submit() or find()');
  }
  return { dir, jobId, task };
}

function handleOf(dir: string, jobId: number | null, task: number): JobHandle {
  return { executor: 'slurm', id: jobId === null ? `unknown_${task}` : `${jobId}_${task}`, jobId, task, dir };
}

/** Creates a `slurm` executor: one job array per submit, polled through squeue and scontrol. */
export function createSlurmExecutor(options: SlurmExecutorOptions = {}): Executor {
  if (options.slots !== undefined && (!Number.isInteger(options.slots) || options.slots < 1)) {
    throw new QuarryError('INVALID_ARGUMENT', `slurm executor: slots must be a positive integer, got ${String(options.slots)}`, 'set executor.slots to a whole number ≥ 1, or leave it out to use the partition\'s CPUs');
  }
  const runner = options.runner ?? RUNNER;
  const node = options.node ?? process.execPath;
  const endedAt = new Map<string, number>(); // COMPLETED tasks whose outcome.json is not visible yet: first seen at
  let slots = options.slots ?? null;
  const env = commandEnv(options.slurmConf);

  /** Every array task Slurm knows about: squeue's JSON (22.05 lists recently ended jobs too). */
  async function squeueTasks(): Promise<Map<string, SlurmTask>> {
    const { tasks, errors } = parseSqueueJson(await runChecked('squeue', ['--json'], env));
    if (errors.length > 0) throw commandError('squeue', ['--json'], { code: 0, stdout: '', stderr: errors.join('; ') });
    return new Map(tasks.map((t) => [`${t.arrayJobId}_${t.task}`, t]));
  }

  /** The tasks of one array from scontrol (ended tasks that squeue no longer lists); empty when Slurm has forgotten the job. */
  async function scontrolTasks(jobId: number): Promise<SlurmTask[]> {
    const args = ['-o', 'show', 'job', String(jobId)];
    const result = await runCommand('scontrol', args, env);
    if (result.code !== 0) {
      if (/invalid job id/i.test(result.stderr)) return [];
      throw commandError('scontrol', args, result);
    }
    return parseScontrolJobs(result.stdout);
  }

  async function submitArray(jobs: readonly JobSpec[]): Promise<JobHandle[]> {
    const dirs = jobs.map((j) => j.dir);
    const key = createHash('sha256').update(dirs.join('\n')).digest('hex').slice(0, 16);
    const name = `quarry-${key}`;
    const batchDir = options.workDir ?? dirname(dirs[0]);
    const listFile = join(batchDir, `slurm-${key}.tasks`);
    const script = join(batchDir, `slurm-${key}.sh`);
    mkdirSync(batchDir, { recursive: true });
    jobs.forEach((job, task) => {
      mkdirSync(job.dir, { recursive: true });
      writeFileAtomic(file.job(job.dir), JSON.stringify(job, null, 2));
      writeFileAtomic(file.slurm(job.dir), JSON.stringify({ name, task, jobId: null, listFile } satisfies SlurmRecord));
    });
    writeFileAtomic(listFile, `${dirs.join('\n')}\n`);
    writeFileAtomic(script, arrayScript({ name, node, runner, listFile }));
    const minutes = timeLimitMinutes(jobs.map((j) => j.timeoutSeconds));
    const args = [
      '--parsable', `--array=0-${jobs.length - 1}`, `--job-name=${name}`,
      `--output=${join(batchDir.replaceAll('%', '%%'), 'slurm-%A_%a.out')}`, // %% is a literal % in Slurm's file patterns
      `--chdir=${batchDir}`,
      ...(options.partition ? [`--partition=${options.partition}`] : []),
      ...(minutes !== null ? [`--time=${minutes}`] : []),
      ...(options.sbatchArgs ?? []),
      script,
    ];
    const stdout = await runChecked('sbatch', args, env);
    const jobId = parseSbatchId(stdout);
    if (jobId === null) {
      throw new QuarryError('INTERNAL', `slurm executor: sbatch printed no job id: ${JSON.stringify(stdout.slice(0, 200))}`, 'check that sbatch supports --parsable (Slurm ≥ 14.03)');
    }
    return jobs.map((job, task) => {
      writeFileAtomic(file.slurm(job.dir), JSON.stringify({ name, task, jobId, listFile } satisfies SlurmRecord));
      return handleOf(job.dir, jobId, task);
    });
  }

  /** The status of a task that Slurm no longer runs: its outcome when it is (now) there, else lost with Slurm's state and exit code. */
  function endedStatus(dir: string, id: string, task: SlurmTask | undefined, record: SlurmRecord | null, jobId: number, index: number): JobStatus {
    const now = outcomeIn(dir); // the runner may have written it between the first look and squeue
    if (now !== null) return now;
    if (task === undefined) {
      return { state: 'lost', reason: `slurm job ${id} is unknown to Slurm (purged after MinJobAge, or the controller lost its state) and left no outcome in ${dir}` };
    }
    if (task.state.toUpperCase().startsWith('COMPLETED')) {
      const first = endedAt.get(id) ?? Date.now();
      endedAt.set(id, first);
      if (Date.now() - first < OUTCOME_VISIBLE_MS) return { state: 'running' }; // the runner exited 0, so the file is on its way
    }
    return { state: 'lost', reason: `slurm job ${id} ended ${task.state} (exit ${task.exitCode ?? '?'}) without an outcome${slurmOutputTail(record, jobId, index)}` };
  }

  async function findInSlurm(name: string): Promise<number | null> {
    const ids = [...(await squeueTasks()).values()].filter((t) => t.name === name).map((t) => t.arrayJobId);
    if (ids.length === 0) {
      const all = await runCommand('scontrol', ['-o', 'show', 'job'], env);
      if (all.code === 0) ids.push(...parseScontrolJobs(all.stdout).filter((t) => t.name === name).map((t) => t.arrayJobId));
    }
    return ids.length === 0 ? null : Math.max(...ids);
  }

  return {
    kind: 'slurm',

    capacity() {
      if (slots === null) {
        const partition = options.partition ? ['-p', options.partition] : [];
        const text = runSyncOrNull('sinfo', ['-h', '-o', '%C', ...partition], env);
        slots = (text === null ? null : parseSinfoCpus(text)) ?? 1;
      }
      return slots;
    },

    async submit(jobs) {
      jobs.forEach(checkJob);
      const handles: JobHandle[] = new Array(jobs.length);
      const fresh: number[] = [];
      jobs.forEach((job, i) => {
        const known = readJson<SlurmRecord>(file.slurm(job.dir));
        if (known !== null && known.jobId !== null) handles[i] = handleOf(job.dir, known.jobId, known.task); // submitted twice: not run again
        else fresh.push(i);
      });
      for (let start = 0; start < fresh.length; start += MAX_ARRAY) {
        const chunk = fresh.slice(start, start + MAX_ARRAY);
        const submitted = await submitArray(chunk.map((i) => jobs[i]));
        chunk.forEach((i, k) => { handles[i] = submitted[k]; });
      }
      return handles;
    },

    async poll(handles) {
      const parsed = handles.map(checkHandle);
      const statuses: Array<JobStatus | null> = parsed.map((h) => outcomeIn(h.dir));
      if (statuses.every((s) => s !== null)) return statuses as JobStatus[];
      const queue = parsed.some((h, i) => statuses[i] === null && h.jobId !== null) ? await squeueTasks() : new Map<string, SlurmTask>();
      const forgotten = new Map<number, Map<number, SlurmTask>>(); // scontrol's view of arrays squeue did not list, by job id
      for (const [i, h] of parsed.entries()) {
        if (statuses[i] !== null) continue;
        if (h.jobId === null) {
          statuses[i] = outcomeIn(h.dir) ?? (localRunnerAlive(h.dir) !== null ? { state: 'running' }
            : { state: 'lost', reason: `no Slurm job is known for ${h.dir} and it has no outcome` });
          continue;
        }
        const id = `${h.jobId}_${h.task}`;
        let task = queue.get(id);
        if (task === undefined) {
          if (!forgotten.has(h.jobId)) forgotten.set(h.jobId, new Map((await scontrolTasks(h.jobId)).map((t) => [t.task, t])));
          task = forgotten.get(h.jobId)!.get(h.task);
        }
        const phase = task === undefined ? 'ended' : slurmPhase(task.state);
        statuses[i] = phase === 'ended'
          ? endedStatus(h.dir, id, task, readJson<SlurmRecord>(file.slurm(h.dir)), h.jobId, h.task)
          : { state: phase };
      }
      return statuses as JobStatus[];
    },

    async cancel(handles) {
      const ids: string[] = [];
      for (const h of handles.map(checkHandle)) {
        if (existsSync(file.outcome(h.dir))) continue; // a finished job is left as it is
        if (h.jobId !== null) ids.push(`${h.jobId}_${h.task}`);
        else {
          const pid = localRunnerAlive(h.dir);
          if (pid !== null) process.kill(pid, 'SIGTERM'); // the runner kills its command's group and records cancelled: true
        }
      }
      // Slurm sends SIGTERM to the runner and its command, then SIGKILL after KillWait; the runner records cancelled: true.
      for (let start = 0; start < ids.length; start += 500) {
        const args = ids.slice(start, start + 500);
        const result = await runCommand('scancel', args, env);
        if (result.code !== 0 && !/already completing or completed|invalid job id/i.test(result.stderr)) throw commandError('scancel', args, result);
      }
    },

    async find(job) {
      const record = readJson<SlurmRecord>(file.slurm(job.dir));
      if (record !== null && record.jobId !== null) return handleOf(job.dir, record.jobId, record.task);
      if (record !== null) {
        // Submitted, but the driver died before it wrote the job id: look the array up by its name.
        const jobId = await findInSlurm(record.name);
        if (jobId !== null) {
          writeFileAtomic(file.slurm(job.dir), JSON.stringify({ ...record, jobId }));
          return handleOf(job.dir, jobId, record.task);
        }
      }
      const ran = existsSync(file.outcome(job.dir)) || localRunnerAlive(job.dir) !== null;
      return ran ? handleOf(job.dir, null, record?.task ?? 0) : null;
    },

    async close() {
      // nothing to release: every call runs a command and returns; submitted arrays keep running in Slurm
    },
  };
}
