/**
 * Pure parsers for what Slurm's commands print: `squeue --json`, `scontrol -o show job`, `sinfo -h -o %C`
 * and `sbatch --parsable`. Each takes the command's text and returns plain objects, so they are tested
 * against output recorded from a real cluster (test/fixtures/slurm/). `squeue --json` changed shape
 * between Slurm versions (22.05: plain numbers and strings; 23.02+: `{set, number}` objects and state
 * arrays); both are read.
 */

/** One task of a job array as Slurm sees it. */
export interface SlurmTask {
  /** The array's job id (the number `sbatch --parsable` printed). */
  arrayJobId: number;
  /** The task id; null for the record of an array's tasks that never started, once it has ended (all cancelled while pending). */
  task: number | null;
  /** Slurm's job state name: PENDING, RUNNING, COMPLETING, COMPLETED, FAILED, CANCELLED, TIMEOUT, … */
  state: string;
  /** "exit:signal" as scontrol prints it ("3:0", "0:15"); null while the task has not ended. */
  exitCode: string | null;
  name: string;
  /** The file Slurm writes the task's own stdout to (scontrol only; squeue's JSON keeps the %A_%a pattern). */
  stdout: string | null;
}

/** What a Slurm state means to an executor: waiting, running (or finishing), or ended for good. */
export type SlurmPhase = 'queued' | 'running' | 'ended';

/** Slurm's "no value" (0xfffffffe), the task id of an array record whose pending tasks were all cancelled. */
const NO_VAL = 4294967294;
const QUEUED = new Set(['PENDING', 'CONFIGURING', 'REQUEUED', 'REQUEUE_HOLD', 'REQUEUE_FED', 'RESV_DEL_HOLD', 'SPECIAL_EXIT']);
const RUNNING = new Set(['RUNNING', 'COMPLETING', 'SUSPENDED', 'STOPPED', 'SIGNALING', 'STAGE_OUT', 'RESIZING']);

/** Maps a Slurm job state (any case, with or without flags such as "CANCELLED+") to its phase. */
export function slurmPhase(state: string): SlurmPhase {
  const base = state.toUpperCase().replace(/[^A-Z_].*$/, '');
  if (QUEUED.has(base)) return 'queued';
  if (RUNNING.has(base)) return 'running';
  return 'ended';
}

/** Expands an array task string such as "0-3,7,10-20:5%2" (ranges, steps, a throttle) into task ids. */
export function expandTaskString(text: string): number[] {
  const tasks: number[] = [];
  const body = text.replace(/^\[|\]$/g, '').split('%')[0];
  for (const part of body.split(',')) {
    const m = /^(\d+)(?:-(\d+)(?::(\d+))?)?$/.exec(part.trim());
    if (!m) continue;
    const first = Number(m[1]);
    const last = m[2] === undefined ? first : Number(m[2]);
    const step = m[3] === undefined ? 1 : Math.max(1, Number(m[3]));
    for (let t = first; t <= last; t += step) tasks.push(t);
  }
  return tasks;
}

/** Reads a number that is either plain (22.05) or `{set, infinite, number}` (23.02+); null when unset. */
function num(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (value !== null && typeof value === 'object') {
    const v = value as { set?: boolean; number?: unknown };
    if (v.set === false) return null;
    if (typeof v.number === 'number') return v.number;
  }
  return null;
}

function stateOf(value: unknown): string {
  if (Array.isArray(value)) return value.length > 0 ? String(value[0]) : 'UNKNOWN';
  return typeof value === 'string' && value !== '' ? value : 'UNKNOWN';
}

/** "exit:signal" from squeue's exit_code: a raw wait status (22.05) or `{return_code, signal}` (23.02+). */
function exitOf(value: unknown): string {
  if (typeof value === 'number') return `${(value >> 8) & 0xff}:${value & 0x7f}`;
  if (value !== null && typeof value === 'object') {
    const v = value as { return_code?: unknown; signal?: { id?: unknown } };
    return `${num(v.return_code) ?? 0}:${num(v.signal?.id) ?? 0}`;
  }
  return '0:0';
}

/**
 * The array tasks in `squeue --json` output. A record whose tasks have not started yet stands for several
 * tasks (`array_task_string` "2-3"); it is expanded (and is one task `null` once they were cancelled). Jobs that are not arrays are left out. `errors` holds
 * what squeue reported in its JSON: it exits 0 with no jobs and an error when the controller is unreachable.
 */
export function parseSqueueJson(text: string): { tasks: SlurmTask[]; errors: string[] } {
  const data = JSON.parse(text) as { jobs?: Array<Record<string, unknown>>; errors?: Array<Record<string, unknown>> };
  const errors = (data.errors ?? []).map((e) => [e.source, e.description, e.error].filter((x) => typeof x === 'string' && x !== '').join(': '));
  const tasks: SlurmTask[] = [];
  for (const job of data.jobs ?? []) {
    const arrayJobId = num(job.array_job_id);
    if (arrayJobId === null || arrayJobId === 0) continue;
    const state = stateOf(job.job_state);
    const exitCode = slurmPhase(state) === 'ended' ? exitOf(job.exit_code) : null;
    const name = typeof job.name === 'string' ? job.name : '';
    const task = num(job.array_task_id);
    const ids: Array<number | null> = task !== null && task < NO_VAL ? [task] : expandTaskString(typeof job.array_task_string === 'string' ? job.array_task_string : '');
    if (ids.length === 0) ids.push(null);
    for (const id of ids) tasks.push({ arrayJobId, task: id, state, exitCode, name, stdout: null });
  }
  return { tasks, errors };
}

/** Splits one `scontrol -o show job` line into its Key=Value fields (values may contain spaces). */
export function parseScontrolLine(line: string): Record<string, string> {
  const fields: Record<string, string> = {};
  let key: string | null = null;
  for (const word of line.trim().split(' ')) {
    const m = /^([A-Za-z][A-Za-z0-9_:/]*)=(.*)$/.exec(word);
    if (m) {
      key = m[1];
      fields[key] = m[2];
    } else if (key !== null) {
      fields[key] += ` ${word}`;
    }
  }
  for (const k of Object.keys(fields)) fields[k] = fields[k].trimEnd();
  return fields;
}

/** The array tasks in `scontrol -o show job [ID]` output (one job per line). */
export function parseScontrolJobs(text: string): SlurmTask[] {
  const tasks: SlurmTask[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('JobId=')) continue;
    const f = parseScontrolLine(line);
    const arrayJobId = Number(f.ArrayJobId);
    if (!Number.isInteger(arrayJobId) || arrayJobId === 0 || f.ArrayTaskId === undefined) continue;
    const state = f.JobState ?? 'UNKNOWN';
    const exitCode = slurmPhase(state) === 'ended' ? f.ExitCode ?? '0:0' : null;
    const stdout = f.StdOut && f.StdOut !== '(null)' ? f.StdOut : null;
    const ids: Array<number | null> = Number(f.ArrayTaskId) >= NO_VAL ? [] : expandTaskString(f.ArrayTaskId);
    if (ids.length === 0) ids.push(null);
    for (const task of ids) tasks.push({ arrayJobId, task, state, exitCode, name: f.JobName ?? '', stdout });
  }
  return tasks;
}

/** Total CPUs in `sinfo -h -o %C` output ("allocated/idle/other/total", one line per partition); null if none. */
export function parseSinfoCpus(text: string): number | null {
  let total = 0;
  let found = false;
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\/(\d+)\/(\d+)\/(\d+)\s*$/.exec(line);
    if (!m) continue;
    total += Number(m[4]);
    found = true;
  }
  return found && total > 0 ? total : null;
}

/** The job id in `sbatch --parsable` output ("12" or "12;cluster"); null when there is none. */
export function parseSbatchId(text: string): number | null {
  const m = /^\s*(\d+)(?:;\S*)?\s*$/m.exec(text);
  return m ? Number(m[1]) : null;
}
