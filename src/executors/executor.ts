/**
 * The one protocol every executor speaks (ARCHITECTURE.md §2.5): `submit(jobs) → handles`,
 * `poll(handles) → statuses`, `cancel(handles)`, plus `find(job)` so a restarted driver re-attaches to
 * jobs it had submitted before it died. A job is a shell command run in a directory by the job runner
 * (job-runner.mjs), which enforces the timeout, keeps stdout/stderr and writes `outcome.json`; the
 * executors differ only in where that runner runs (this machine, a Slurm node, a queue worker).
 * Handles are plain JSON so they can be written to the run log.
 */

/** Everything needed to run one attempt of one point; written to `<dir>/job.json` at submission. */
export interface JobSpec {
  /** Unique and stable across restarts, e.g. `<point hash>-a<attempt>`; safe as a file or job name ([A-Za-z0-9_-]). */
  id: string;
  /** Absolute path of the attempt directory: job.json, pid, stdout.txt, stderr.txt, outcome.json live here. */
  dir: string;
  /** Absolute working directory of the command (the point directory, shared by its attempts). */
  cwd: string;
  /** Shell command line, run with /bin/sh -c in `cwd`. */
  command: string;
  /** Extra environment variables (QUARRY_PARAMS_JSON, QUARRY_OUTPUT, …). */
  env: Record<string, string>;
  /** Wall-clock limit in seconds; the runner kills the command's whole process tree past it. */
  timeoutSeconds?: number;
  /** Path of the result file, relative to `cwd` or absolute; removed before the command starts and read back after. */
  resultFile: string;
}

/** What the job runner records when the command has ended (outcome.json). */
export interface JobOutcome {
  /** Exit code of the command, or null when it was killed by a signal. */
  exitCode: number | null;
  signal: string | null;
  /** True when the runner killed it for running past timeoutSeconds. */
  timedOut: boolean;
  /** True when it was killed by a cancel request. */
  cancelled: boolean;
  startedAt: string;
  endedAt: string;
  seconds: number;
  /** Text of the result file (at most 1 MiB), or null when the command did not write it. */
  result: string | null;
  /** Host that ran the command. */
  host: string;
}

/** A JSON handle naming a submitted job to the executor that took it. */
export interface JobHandle {
  executor: string;
  /** Executor-specific id (local: the attempt directory; slurm: "JOBID_TASK"; queue: the job id). */
  id: string;
  [key: string]: string | number | boolean | null;
}

export type JobStatus =
  | { state: 'queued' }
  | { state: 'running' }
  | { state: 'finished'; outcome: JobOutcome }
  /** The job ended without an outcome (runner killed, node lost, scancel'd, worker died past its retries). */
  | { state: 'lost'; reason: string };

export interface Executor {
  readonly kind: string;
  /** How many jobs can run at once (the batch size of `batch: fill`). */
  capacity(): number;
  /** Submits jobs (one handle each, same order); writes each job's spec to `<dir>/job.json` first. */
  submit(jobs: readonly JobSpec[]): Promise<JobHandle[]>;
  poll(handles: readonly JobHandle[]): Promise<JobStatus[]>;
  /** Stops jobs and kills their process trees; a finished job is left as it is. */
  cancel(handles: readonly JobHandle[]): Promise<void>;
  /** After a restart: the handle of a job already submitted for this spec (running or finished), or null. */
  find(job: JobSpec): Promise<JobHandle | null>;
  /** Releases connections and timers; running jobs keep running (they are reattached by `find`/`poll`). */
  close(): Promise<void>;
}
