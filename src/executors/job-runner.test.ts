import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { procStart, writeFileAtomic } from './job-runner.mjs';
import type { JobSpec } from './executor.ts';

const RUNNER = fileURLToPath(new URL('./job-runner.mjs', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'quarry-runner-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Writes job.json for `command` into a fresh attempt directory and returns it. */
function attempt(name: string, command: string, extra: Partial<JobSpec> = {}): string {
  const dir = join(root, name, 'a1');
  mkdirSync(dir, { recursive: true });
  const job: JobSpec = { id: `${name}-a1`, dir, cwd: join(root, name), command, env: {}, resultFile: 'result.json', ...extra };
  writeFileSync(join(dir, 'job.json'), JSON.stringify(job));
  return dir;
}

const run = (...args: string[]) => spawnSync(process.execPath, [RUNNER, ...args], { encoding: 'utf8' });

test('a second run with outcome.json present does not rerun the command', () => {
  const dir = attempt('twice', 'echo ran >> count.txt; printf 42 > result.json');
  assert.equal(run(dir).status, 0);
  const first = readFileSync(join(dir, 'outcome.json'), 'utf8');
  assert.equal(JSON.parse(first).result, '42');
  assert.equal(run(dir).status, 0);
  assert.equal(readFileSync(join(root, 'twice', 'count.txt'), 'utf8'), 'ran\n');
  assert.equal(readFileSync(join(dir, 'outcome.json'), 'utf8'), first);
});

test('pid.json names the runner and the command\'s process group with their start times', () => {
  const dir = attempt('pids', 'true');
  run(dir);
  const pid = JSON.parse(readFileSync(join(dir, 'pid.json'), 'utf8'));
  assert.equal(pid.host, hostname());
  for (const key of ['pid', 'childPgid', 'procStart', 'childStart']) assert.ok(Number.isInteger(pid[key]) && pid[key] > 0, `${key}: ${pid[key]}`);
  assert.notEqual(pid.pid, pid.childPgid);
});

test('a stale result file is removed before the command starts, so it is never read back', () => {
  const dir = attempt('stale', 'exit 3');
  writeFileSync(join(root, 'stale', 'result.json'), '{"old": true}');
  run(dir);
  const outcome = JSON.parse(readFileSync(join(dir, 'outcome.json'), 'utf8'));
  assert.deepEqual([outcome.exitCode, outcome.result, outcome.timedOut, outcome.cancelled], [3, null, false, false]);
});

test('a timeout is recorded, and the runner reports a missing dir argument with exit code 2', () => {
  const dir = attempt('slow', 'sleep 5', { timeoutSeconds: 0.2 });
  run(dir);
  const outcome = JSON.parse(readFileSync(join(dir, 'outcome.json'), 'utf8'));
  assert.equal(outcome.timedOut, true);
  assert.ok(outcome.seconds < 3, `took ${outcome.seconds} s`);
  const usage = run();
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /usage: node job-runner\.mjs ATTEMPT_DIR/);
});

test('procStart reads a live process\'s start time (null for no process), and writeFileAtomic leaves no temporary file behind', () => {
  assert.ok(Number.isInteger(procStart(process.pid)));
  assert.equal(procStart(2 ** 30), null);
  const path = join(root, 'atomic.json');
  writeFileAtomic(path, '{"a":1}');
  writeFileAtomic(path, '{"a":2}');
  assert.equal(readFileSync(path, 'utf8'), '{"a":2}');
  assert.deepEqual(readdirSync(root).filter((f) => f.startsWith('atomic')), ['atomic.json']);
});

test('a second runner started for an attempt that a live runner holds does not run the command', async () => {
  const dir = attempt('claimed', 'echo run >> runs.txt; sleep 1');
  const first = spawn(process.execPath, [RUNNER, dir], { stdio: 'ignore' });
  for (let t = 0; t < 200 && !existsSync(join(dir, 'pid.json')); t++) await new Promise((r) => setTimeout(r, 10));
  const second = spawnSync(process.execPath, [RUNNER, dir], { encoding: 'utf8' });
  assert.equal(second.status, 75);
  assert.match(second.stderr, /already being run by pid/);
  await new Promise((resolve) => first.on('exit', resolve));
  const cwd = (JSON.parse(readFileSync(join(dir, 'job.json'), 'utf8')) as { cwd: string }).cwd;
  assert.equal(readFileSync(join(cwd, 'runs.txt'), 'utf8'), 'run\n');
});
