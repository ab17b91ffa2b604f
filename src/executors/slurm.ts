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
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QuarryError } from '../errors.ts';
import type { Executor, JobHandle, JobSpec, JobStatus } from './executor.ts';
import { writeFileAtomic } from './job-runner.mjs';
import { arrayScript, commandEnv, commandError, runChecked, runCommand, runSyncOrNull, timeLimitMinutes } from './slurm-commands.ts';
import { checkHandle, checkJob, file, handleOf, localRunnerAlive, outcomeIn, readJson, slurmOutputTail, type SlurmRecord } from './slurm-files.ts';
import { parseSbatchId, parseScontrolJobs, parseSinfoCpus, parseSqueueJson, slurmPhase, type SlurmTask } from './slurm-parse.ts';

const RUNNER = fileURLToPath(new URL('./job-runner.mjs', import.meta.url));
/** Slurm's default MaxArraySize is 1001 (task ids 0..1000): larger submissions are split into arrays of this many. */
const MAX_ARRAY = 1000;
/** A task that ended COMPLETED (the runner exited 0, so it wrote outcome.json) may take this long to show that file on a network filesystem. */
const OUTCOME_VISIBLE_MS = 60_000;
/** How long `cancel` waits for signalled runners to record their outcome: longer than the runner's SIGTERM → SIGKILL grace (3 s). */
const CANCEL_GRACE_MS = 5000;
/** scancel's complaint about a task that has already ended (or was forgotten): nothing left to cancel. */
const ENDED_ALREADY = /already completing or completed|invalid job id/i;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

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
    return new Map(tasks.map((t) => [`${t.arrayJobId}_${t.task ?? 'rest'}`, t])); // rest: the array's never-started tasks, cancelled
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
  function endedStatus(dir: string, id: string, task: SlurmTask | undefined, arrayKnown: boolean, jobId: number, index: number): JobStatus {
    const now = outcomeIn(dir); // the runner may have written it between the first look and squeue
    if (now !== null) return now;
    if (task === undefined) {
      const why = arrayKnown ? 'its array is, so it was cancelled before it started' : 'purged after MinJobAge, or the controller lost its state';
      return { state: 'lost', reason: `slurm job ${id} is unknown to Slurm (${why}) and left no outcome in ${dir}` };
    }
    if (task.state.toUpperCase().startsWith('COMPLETED')) {
      const first = endedAt.get(id) ?? Date.now();
      endedAt.set(id, first);
      if (Date.now() - first < OUTCOME_VISIBLE_MS) return { state: 'running' }; // the runner exited 0, so the file is on its way
    }
    const record = readJson<SlurmRecord>(file.slurm(dir));
    return { state: 'lost', reason: `slurm job ${id} ended ${task.state} (exit ${task.exitCode ?? '?'}) without an outcome${slurmOutputTail(record, jobId, index)}` };
  }

  /**
   * Runs scancel on `ids` (500 a call). Errors about single jobs that `tolerated` matches are not errors
   * (a task that already ended; one that cannot take a signal yet is cancelled outright afterwards).
   */
  async function scancel(flags: string[], ids: string[], tolerated: RegExp): Promise<void> {
    for (let start = 0; start < ids.length; start += 500) {
      const args = [...flags, ...ids.slice(start, start + 500)];
      const result = await runCommand('scancel', args, env);
      const errors = result.stderr.split('\n').filter((l) => l.trim() !== '');
      if (result.code !== 0 && !(errors.length > 0 && errors.every((l) => tolerated.test(l)))) throw commandError('scancel', args, result);
    }
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
      const forgotten = new Map<number, Map<number | null, SlurmTask>>(); // scontrol's view of arrays squeue did not list, by job id
      const listed = new Set([...queue.values()].map((t) => t.arrayJobId));
      for (const [i, h] of parsed.entries()) {
        if (statuses[i] !== null) continue;
        if (h.jobId === null) {
          statuses[i] = outcomeIn(h.dir) ?? (localRunnerAlive(h.dir) !== null ? { state: 'running' }
            : { state: 'lost', reason: `no Slurm job is known for ${h.dir} and it has no outcome` });
          continue;
        }
        const id = `${h.jobId}_${h.task}`;
        let task = queue.get(id) ?? queue.get(`${h.jobId}_rest`);
        if (task === undefined) {
          if (!forgotten.has(h.jobId)) forgotten.set(h.jobId, new Map((await scontrolTasks(h.jobId)).map((t) => [t.task, t])));
          task = forgotten.get(h.jobId)!.get(h.task) ?? forgotten.get(h.jobId)!.get(null);
        }
        const phase = task === undefined ? 'ended' : slurmPhase(task.state);
        const arrayKnown = listed.has(h.jobId) || (forgotten.get(h.jobId)?.size ?? 0) > 0;
        statuses[i] = phase === 'ended' ? endedStatus(h.dir, id, task, task === undefined && arrayKnown, h.jobId, h.task) : { state: phase };
      }
      return statuses as JobStatus[];
    },

    async cancel(handles) {
      const open = handles.map(checkHandle).filter((h) => !existsSync(file.outcome(h.dir))); // a finished job is left as it is
      for (const h of open.filter((x) => x.jobId === null)) {
        const pid = localRunnerAlive(h.dir);
        if (pid !== null) process.kill(pid, 'SIGTERM'); // the runner kills its command's group and records cancelled: true
      }
      const inSlurm = open.filter((h) => h.jobId !== null);
      if (inSlurm.length === 0) return;
      const queue = await squeueTasks();
      const id = (h: { jobId: number | null; task: number }) => `${h.jobId}_${h.task}`;
      const running = inSlurm.filter((h) => slurmPhase(queue.get(id(h))?.state ?? 'PENDING') === 'running');
      // A running task: SIGTERM to the runner alone (the batch step), which kills its command's group and
      // records cancelled: true. A plain scancel would signal the command too, racing the runner's record.
      await scancel(['--batch', '--signal=TERM'], running.map(id), /Kill job error on job id/);
      await scancel([], inSlurm.filter((h) => !running.includes(h)).map(id), ENDED_ALREADY);
      const settled = (h: { dir: string }) => existsSync(file.outcome(h.dir));
      for (const deadline = Date.now() + CANCEL_GRACE_MS; Date.now() < deadline && !running.every(settled);) await sleep(100);
      await scancel([], running.filter((h) => !settled(h)).map(id), ENDED_ALREADY); // a runner that did not stop: Slurm kills the whole task
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
