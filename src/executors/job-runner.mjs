#!/usr/bin/env node
/**
 * The job runner: runs one attempt of one point, wherever an executor starts it (a local process, a
 * Slurm task, a queue worker). Plain JavaScript so it starts in ~40 ms without a TypeScript loader.
 *
 *   node job-runner.mjs ATTEMPT_DIR
 *
 * reads ATTEMPT_DIR/job.json (a JobSpec, see executor.ts), writes ATTEMPT_DIR/pid.json
 * ({pid, childPgid, host, procStart, childStart}), runs `/bin/sh -c command` in its own process group with
 * stdout/stderr going to ATTEMPT_DIR/stdout.txt and stderr.txt, kills the whole group past the
 * timeout (SIGTERM, then SIGKILL after a grace period) or on SIGTERM/SIGINT to the runner (a cancel),
 * and finally writes ATTEMPT_DIR/outcome.json (a JobOutcome) atomically: tmp file, fsync, rename,
 * fsync of the directory. Idempotent: when outcome.json already exists it does nothing, so a job
 * delivered twice (at-least-once queues) runs once.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const GRACE_MS = 3000;
const MAX_RESULT_BYTES = 1 << 20;

/** Writes a file so that a crash leaves either the old content or the new one, never a torn file. */
export function writeFileAtomic(path, text) {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try { writeFileSync(fd, text); fsyncSync(fd); } finally { closeSync(fd); }
  renameSync(tmp, path);
  const dirFd = openSync(resolve(path, '..'), 'r');
  try { fsyncSync(dirFd); } finally { closeSync(dirFd); }
}

/** Start time of a process in clock ticks since boot (/proc/PID/stat field 22), to tell a reused pid apart; null if unknown. */
export function procStart(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
  } catch {
    return null;
  }
}

function killGroup(pgid, signal) {
  try { process.kill(-pgid, signal); } catch { /* the group is gone */ }
}

function readResult(path) {
  try {
    if (statSync(path).size > MAX_RESULT_BYTES) return `<result file larger than ${MAX_RESULT_BYTES} bytes>`;
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** True when `pid` is a live process (not a zombie) that started at `start`. */
function alive(pid, start) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat[stat.lastIndexOf(')') + 2];
    return state !== 'Z' && state !== 'X' && (start === null || start === undefined || procStart(pid) === start);
  } catch {
    return false;
  }
}

/**
 * Claims the attempt by creating pid.json exclusively before anything runs, so two runners started
 * for one attempt (a driver killed between starting a runner and recording it, a job delivered twice)
 * never both run the command. A claim by a live runner on this host wins: returns its pid. A claim by
 * a dead runner, or one from another host (whoever restarted us judged that host's runner gone), is
 * taken over. Returns null when this runner holds the claim.
 */
function claimAttempt(dir) {
  const path = join(dir, 'pid.json');
  const mine = JSON.stringify({ pid: process.pid, childPgid: null, host: hostname(), procStart: procStart(process.pid), childStart: null });
  try {
    const fd = openSync(path, 'wx');
    try { writeFileSync(fd, mine); fsyncSync(fd); } finally { closeSync(fd); }
    return null;
  } catch (e) {
    if (e.code !== 'EEXIST') throw e;
  }
  let other = null;
  try { other = JSON.parse(readFileSync(path, 'utf8')); } catch { /* torn or unreadable: take it over */ }
  if (other && other.host === hostname() && other.pid !== process.pid && alive(other.pid, other.procStart)) return other.pid;
  writeFileAtomic(path, mine);
  return null;
}

/** Runs the attempt in `dir`; resolves to its outcome (the existing one when it already ran). */
export function runJob(dir) {
  const outcomePath = join(dir, 'outcome.json');
  if (existsSync(outcomePath)) return Promise.resolve(JSON.parse(readFileSync(outcomePath, 'utf8')));
  const job = JSON.parse(readFileSync(join(dir, 'job.json'), 'utf8'));
  const claim = claimAttempt(dir);
  if (claim !== null) return Promise.resolve({ alreadyRunning: claim });
  mkdirSync(job.cwd, { recursive: true });
  const resultPath = isAbsolute(job.resultFile) ? job.resultFile : join(job.cwd, job.resultFile);
  rmSync(resultPath, { force: true });
  const out = openSync(join(dir, 'stdout.txt'), 'a');
  const err = openSync(join(dir, 'stderr.txt'), 'a');
  let timedOut = false;
  let cancelled = false;
  let killer = null;
  let child = null;
  const stop = () => {
    killGroup(child.pid, 'SIGTERM');
    killer ??= setTimeout(() => killGroup(child.pid, 'SIGKILL'), GRACE_MS);
  };
  // Installed before the command starts: a cancel arriving from here on is handled (the callback runs
  // after this synchronous block, when `child` is set) instead of killing the runner and orphaning the group.
  const onSignal = () => { cancelled = true; stop(); };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  const started = Date.now();
  child = spawn('/bin/sh', ['-c', job.command], {
    cwd: job.cwd,
    env: { ...process.env, ...job.env },
    detached: true,
    stdio: ['ignore', out, err],
  });
  closeSync(out);
  closeSync(err);
  // childStart lets an executor kill an orphaned group (runner kill -9'd) without hitting a reused pid.
  writeFileAtomic(join(dir, 'pid.json'), JSON.stringify({
    pid: process.pid, childPgid: child.pid, host: hostname(), procStart: procStart(process.pid), childStart: procStart(child.pid),
  }));
  const timer = job.timeoutSeconds > 0 ? setTimeout(() => { timedOut = true; stop(); }, job.timeoutSeconds * 1000) : null;

  return new Promise((resolvePromise) => {
    let finished = false;
    const finish = (exitCode, signal) => {
      if (finished) return; // 'error' and 'exit' may both fire for one child
      finished = true;
      if (timer) clearTimeout(timer);
      if (killer) clearTimeout(killer);
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      killGroup(child.pid, 'SIGKILL'); // what the command left running in its group dies with it
      const ended = Date.now();
      const outcome = {
        exitCode, signal, timedOut, cancelled,
        startedAt: new Date(started).toISOString(),
        endedAt: new Date(ended).toISOString(),
        seconds: (ended - started) / 1000,
        result: readResult(resultPath),
        host: hostname(),
      };
      writeFileAtomic(outcomePath, JSON.stringify(outcome));
      resolvePromise(outcome);
    };
    child.on('error', (e) => {
      writeFileSync(join(dir, 'stderr.txt'), `job-runner: could not start /bin/sh: ${e.message}\n`, { flag: 'a' });
      finish(127, null);
    });
    child.on('exit', (code, signal) => finish(code, signal));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: node job-runner.mjs ATTEMPT_DIR\n');
    process.exit(2);
  }
  runJob(resolve(dir)).then((outcome) => {
    if (outcome.alreadyRunning) process.stderr.write(`job-runner: ${dir} is already being run by pid ${outcome.alreadyRunning}\n`);
    process.exit(outcome.alreadyRunning ? 75 : 0);
  }, (e) => {
    process.stderr.write(`job-runner: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
