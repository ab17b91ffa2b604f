import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JobOutcome, JobSpec } from './executor.ts';
import { cancelAttempt, newAttempt, runAttempt } from './queue-runner.ts';

const RUNNER = fileURLToPath(new URL('./job-runner.mjs', import.meta.url));
let root: string;
before(() => { root = mkdtempSync(join(tmpdir(), 'quarry-queue-runner-')); });
after(() => rmSync(root, { recursive: true, force: true }));

/** An attempt directory with job.json whose command counts its runs in runs.txt. */
function attemptDir(name: string, command: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const job: JobSpec = { id: name, dir, cwd: dir, command: `echo run >> runs.txt; ${command}`, env: {}, resultFile: 'result.json' };
  writeFileSync(join(dir, 'job.json'), JSON.stringify(job));
  return dir;
}

/** Starts a runner on `dir` as the orphan of a dead worker would be, and waits until it holds the attempt. */
async function orphanRunner(dir: string): Promise<{ exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [RUNNER, dir], { stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await until(() => existsSync(join(dir, 'runs.txt')));
  return { exited };
}

async function until(condition: () => boolean, seconds = 10): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`condition not met within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const outcome = (dir: string) => JSON.parse(readFileSync(join(dir, 'outcome.json'), 'utf8')) as JobOutcome;

describe('runAttempt', () => {
  it('runs the job runner on the attempt and returns once it recorded the outcome', async () => {
    const dir = attemptDir('plain', 'echo \'{"v": 1}\' > result.json');
    const exit = await runAttempt(newAttempt(dir));
    assert.equal(exit.code, 0);
    assert.equal(outcome(dir).result, '{"v": 1}\n');
  });

  it('waits for a live runner that already holds the attempt instead of running the command again', async () => {
    const dir = attemptDir('held', 'sleep 1; echo \'{"v": 2}\' > result.json');
    const orphan = await orphanRunner(dir);
    await runAttempt(newAttempt(dir));
    assert.equal(outcome(dir).result, '{"v": 2}\n');
    assert.equal(readFileSync(join(dir, 'runs.txt'), 'utf8'), 'run\n', 'the command ran once');
    assert.equal(await orphan.exited, 0);
  });

  it('runs the attempt itself when the runner it waits for dies without an outcome', async () => {
    const dir = attemptDir('held-died', `if [ $(wc -l < runs.txt) -lt 2 ]; then sleep 30; fi; echo '{"v": 3}' > result.json`);
    const orphan = await orphanRunner(dir);
    const attempt = newAttempt(dir);
    const done = runAttempt(attempt);
    await until(() => attempt.holder !== null);
    const claim = JSON.parse(readFileSync(join(dir, 'pid.json'), 'utf8')) as { pid: number; childPgid: number };
    process.kill(claim.pid, 'SIGKILL');
    process.kill(-claim.childPgid, 'SIGKILL');
    assert.equal(await orphan.exited, null);
    await done;
    assert.equal(outcome(dir).result, '{"v": 3}\n');
    assert.equal(readFileSync(join(dir, 'runs.txt'), 'utf8'), 'run\nrun\n');
  });

  it('passes a cancel on to the runner it is waiting for', async () => {
    const dir = attemptDir('held-cancelled', 'sleep 30');
    const orphan = await orphanRunner(dir);
    const attempt = newAttempt(dir);
    const done = runAttempt(attempt);
    await until(() => attempt.holder !== null);
    cancelAttempt(attempt);
    await done;
    assert.equal(outcome(dir).cancelled, true);
    assert.equal(await orphan.exited, 0);
  });
});
