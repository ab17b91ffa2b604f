/**
 * How a queue worker runs one attempt: `node job-runner.mjs DIR` as a child in its own process group
 * (so Ctrl-C in the worker's terminal does not cancel it), with cancel (SIGTERM: the runner kills the
 * command and records `cancelled`) and kill (SIGKILL of runner and command, nothing recorded, so the
 * attempt runs again elsewhere).
 *
 * When another live runner on this host already holds the attempt (exit 75: the orphan of a worker
 * that died while its runner lived on, sharing the directory), the attempt waits for that runner's
 * outcome instead of failing, and runs it itself if that runner dies without one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { procStart } from './job-runner.mjs';

const RUNNER = fileURLToPath(new URL('./job-runner.mjs', import.meta.url));
/** The runner's exit code when a live runner on this host holds the attempt. */
const RUNNER_BUSY = 75;
const HOLDER_POLL_MS = 500;

/** One attempt being run by a worker; `cancel` and `killed` are set from outside while it runs. */
export interface Attempt {
  dir: string;
  child: ChildProcess | null;
  /** Pid of another runner this attempt is waiting for, or null. */
  holder: number | null;
  cancel: boolean;
  killed: boolean;
}

export interface RunnerExit {
  code: number | null;
  signal: string | null;
  /** Last 4 kB of the runner's own stderr (its crash message, if any). */
  stderr: string;
}

export function newAttempt(dir: string): Attempt {
  return { dir, child: null, holder: null, cancel: false, killed: false };
}

function signalGroup(pgid: number | null | undefined, signal: NodeJS.Signals): void {
  if (!pgid) return;
  try { process.kill(-pgid, signal); } catch { /* already gone */ }
}

function isRunning(child: ChildProcess | null): child is ChildProcess {
  return child !== null && child.pid !== undefined && child.exitCode === null && child.signalCode === null;
}

/** True while `pid` is a live process (not a zombie) that started at `start` (not a reused pid). */
function alive(pid: number, start: number | null): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat[stat.lastIndexOf(')') + 2];
    return state !== 'Z' && state !== 'X' && (start === null || procStart(pid) === start);
  } catch {
    return false;
  }
}

function readClaim(dir: string): { pid: number; procStart: number | null; childPgid: number | null } | null {
  try {
    return JSON.parse(readFileSync(join(dir, 'pid.json'), 'utf8')) as { pid: number; procStart: number | null; childPgid: number | null };
  } catch {
    return null;
  }
}

function runRunner(attempt: Attempt): Promise<RunnerExit> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [RUNNER, attempt.dir], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    attempt.child = child;
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (s: string) => { stderr = (stderr + s).slice(-4096); });
    child.on('error', (e) => done({ code: null, signal: null, stderr: e.message }));
    child.on('close', (code, signal) => done({ code, signal, stderr }));
    if (attempt.cancel) child.kill('SIGTERM');
  });
}

/** Runs the attempt until an outcome.json exists in its dir, the runner fails, or it is killed. */
export async function runAttempt(attempt: Attempt): Promise<RunnerExit> {
  for (;;) {
    const exit = await runRunner(attempt);
    if (exit.code !== RUNNER_BUSY || attempt.killed) return exit;
    const claim = readClaim(attempt.dir);
    if (claim) {
      attempt.holder = claim.pid;
      if (attempt.cancel) process.kill(claim.pid, 'SIGTERM');
      while (!existsSync(join(attempt.dir, 'outcome.json')) && alive(claim.pid, claim.procStart) && !attempt.killed) {
        await new Promise((r) => setTimeout(r, HOLDER_POLL_MS));
      }
      attempt.holder = null;
    }
    if (existsSync(join(attempt.dir, 'outcome.json')) || attempt.killed) return exit;
    // the holder died without recording an outcome: run the attempt here
  }
}

/** Asks the runner (ours, or the one we wait for) to stop the command; it records a cancelled outcome. */
export function cancelAttempt(attempt: Attempt): void {
  attempt.cancel = true;
  if (attempt.holder !== null) {
    try { process.kill(attempt.holder, 'SIGTERM'); } catch { /* gone */ }
  } else if (isRunning(attempt.child)) {
    attempt.child.kill('SIGTERM');
  }
}

/** Pids whose parent is `ppid` (from /proc; empty where there is none). */
function childrenOf(ppid: number): number[] {
  let names: string[];
  try { names = readdirSync('/proc'); } catch { return []; }
  return names.filter((n) => /^\d+$/.test(n)).flatMap((n) => {
    try {
      const stat = readFileSync(`/proc/${n}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === ppid ? [Number(n)] : [];
    } catch { return []; }
  });
}

/**
 * Kills our runner and the command it started without letting it record an outcome (the job is to run
 * again). The runner is stopped first so the command's group (its own, named in pid.json or found as
 * the runner's child when pid.json does not name it yet) cannot change under us.
 */
export function killAttempt(attempt: Attempt): void {
  attempt.killed = true;
  if (!isRunning(attempt.child)) return;
  const runner = attempt.child.pid!;
  signalGroup(runner, 'SIGSTOP');
  const groups = new Set<number | null>(childrenOf(runner)); // the command's shell leads its own group
  const claim = readClaim(attempt.dir);
  if (claim?.pid === runner) groups.add(claim.childPgid);
  for (const group of groups) signalGroup(group, 'SIGKILL');
  signalGroup(runner, 'SIGKILL');
}
