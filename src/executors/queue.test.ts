import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Executor, JobHandle, JobSpec, JobStatus } from './executor.ts';
import { QuarryError } from '../errors.ts';
import { createQueueExecutor } from './queue.ts';
import { localJobSpec } from './queue-files.ts';
import { openRedis } from './queue-redis.ts';
import { startQueueWorker, type QueueWorker, type QueueWorkerEvent } from './queue-worker.ts';

const REDIS = process.env.QUARRY_TEST_REDIS ?? 'redis://127.0.0.1:6379';
let client: Redis;
let root: string;
let queues = 0;
const cleanups: (() => Promise<unknown>)[] = [];

before(async () => {
  try {
    client = await openRedis(REDIS, { blocking: false, connectTimeoutMs: 2000 });
  } catch {
    throw new Error(`Redis is not running at ${REDIS}: start it with scripts/services.sh start redis`);
  }
  root = mkdtempSync(join(tmpdir(), 'quarry-queue-test-'));
});

after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await client?.quit();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** A fresh queue name; the queue and quarry's keys for it are removed after the tests. */
function freshQueue(): string {
  const name = `quarry-test-${process.pid}-${++queues}`;
  cleanups.push(async () => {
    const q = new Queue(name, { connection: client });
    await q.obliterate({ force: true });
    await q.close();
    const stale = await client.keys(`quarry:${name}:*`);
    if (stale.length > 0) await client.del(...stale);
  });
  return name;
}

async function executorOn(queue: string): Promise<Executor> {
  const executor = await createQueueExecutor({ redis: REDIS, queue });
  cleanups.push(() => executor.close());
  return executor;
}

async function workerOn(queue: string, options: { concurrency?: number; dir?: string; lockSeconds?: number; onEvent?: (e: QueueWorkerEvent) => void } = {}): Promise<QueueWorker> {
  const worker = await startQueueWorker({ redis: REDIS, queue, lockSeconds: 30, heartbeatSeconds: 1, ...options }); // long locks: no test here relies on a stall
  cleanups.push(() => worker.close({ kill: true }));
  return worker;
}

function spec(id: string, command: string): JobSpec {
  const cwd = join(root, 'points', id.replace(/-a\d+$/, ''));
  return { id, dir: join(cwd, id), cwd, command, env: { QUARRY_TEST: id }, timeoutSeconds: 60, resultFile: 'result.json' };
}

async function pollUntil(executor: Executor, handles: JobHandle[], done: (s: JobStatus[]) => boolean, seconds = 15): Promise<JobStatus[]> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const statuses = await executor.poll(handles);
    if (done(statuses)) return statuses;
    if (Date.now() > deadline) assert.fail(`timed out polling: ${JSON.stringify(statuses)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** True once `pid` has exited (no process, or a zombie waiting to be reaped), within 2 s. */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 40; i++) {
    try {
      if (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].startsWith('Z')) return true;
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

const allFinished = (s: JobStatus[]) => s.every((x) => x.state === 'finished' || x.state === 'lost');
const outcomeOf = (s: JobStatus) => (s.state === 'finished' ? s.outcome : assert.fail(`expected finished, got ${JSON.stringify(s)}`));

describe('the queue executor', () => {
  it('runs four submitted jobs on a worker and polls their outcomes with their results', async () => {
    const queue = freshQueue();
    const executor = await executorOn(queue);
    const jobs = [1, 2, 3, 4].map((n) => spec(`square${n}-a1`, `echo "{\\"y\\": $((${n} * ${n}))}" > result.json; echo out-${n}; echo err-${n} >&2`));
    const handles = await executor.submit(jobs);
    assert.deepEqual(handles[0], { executor: 'queue', id: 'square1-a1', queue, dir: jobs[0].dir });
    assert.ok(existsSync(join(jobs[2].dir, 'job.json')), 'job.json is written at submission');
    await workerOn(queue, { concurrency: 2 });
    const statuses = await pollUntil(executor, handles, allFinished);
    assert.deepEqual(statuses.map((s) => JSON.parse(outcomeOf(s).result ?? 'null')), [{ y: 1 }, { y: 4 }, { y: 9 }, { y: 16 }]);
    assert.ok(statuses.every((s) => outcomeOf(s).exitCode === 0));
    assert.equal(readFileSync(join(jobs[3].dir, 'stdout.txt'), 'utf8'), 'out-4\n');
    assert.equal(readFileSync(join(jobs[3].dir, 'stderr.txt'), 'utf8'), 'err-4\n');
    assert.equal(executor.capacity(), 2, 'capacity is the concurrency of the registered worker');
  });

  it('reports a failing command as finished with its exit code, and a runner that cannot run as lost', async () => {
    const queue = freshQueue();
    const executor = await executorOn(queue);
    const failing = spec('fails-a1', 'echo bad >&2; exit 3');
    const broken = spec('broken-a1', 'true');
    const handles = await executor.submit([failing, broken]);
    writeFileSync(join(broken.dir, 'job.json'), '{ not json'); // the runner crashes before it records an outcome
    await workerOn(queue);
    const [a, b] = await pollUntil(executor, handles, allFinished);
    assert.equal(outcomeOf(a).exitCode, 3);
    assert.equal(outcomeOf(a).result, null);
    assert.equal(b.state, 'lost');
    assert.match(b.state === 'lost' ? b.reason : '', /broken-a1 failed: job runner on .* exited with code 1 without an outcome/);
  });

  it('runs a job submitted twice only once, even after it finished', async () => {
    const queue = freshQueue();
    const executor = await executorOn(queue);
    const counter = join(root, 'twice-count.txt');
    const job = spec('twice-a1', `echo run >> ${counter}`);
    const [first] = await executor.submit([job]);
    const [second] = await executor.submit([job]);
    assert.deepEqual(second, first);
    await workerOn(queue, { concurrency: 2 });
    await pollUntil(executor, [first], allFinished);
    await executor.submit([job]);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await executor.poll([first]))[0].state, 'finished');
    assert.equal(readFileSync(counter, 'utf8'), 'run\n');
  });

  it('cancels a running job (its outcome says cancelled) and a queued one (lost, never started)', async () => {
    const queue = freshQueue();
    const executor = await executorOn(queue);
    const marker = join(root, 'cancel-started');
    const running = spec('cancel-running-a1', `touch ${marker}; sleep 30`);
    const queued = spec('cancel-queued-a1', 'echo should-not-run');
    const handles = await executor.submit([running, queued]);
    await workerOn(queue, { concurrency: 1 });
    await pollUntil(executor, handles, (s) => s[0].state === 'running' && existsSync(marker));
    const t = Date.now();
    await executor.cancel(handles);
    const [a, b] = await pollUntil(executor, handles, allFinished);
    assert.ok(Date.now() - t < 5000, 'the running command is stopped within seconds, not after its 30 s');
    assert.equal(outcomeOf(a).cancelled, true);
    assert.equal(b.state, 'lost');
    assert.match(b.state === 'lost' ? b.reason : '', /cancelled before it started/);
    assert.ok(!existsSync(join(queued.dir, 'stdout.txt')), 'the queued job never ran');
  });

  it('re-attaches through find() from a new executor after the first one is closed', async () => {
    const queue = freshQueue();
    const job = spec('reattach-a1', 'sleep 0.5; echo \'{"z": 7}\' > result.json');
    const first = await createQueueExecutor({ redis: REDIS, queue });
    const [handle] = await first.submit([job]);
    await first.close();
    await workerOn(queue);
    const second = await executorOn(queue);
    assert.deepEqual(await second.find(job), handle);
    assert.equal(await second.find(spec('never-submitted-a1', 'true')), null);
    const [status] = await pollUntil(second, [handle], allFinished);
    assert.deepEqual(JSON.parse(outcomeOf(status).result ?? 'null'), { z: 7 });
  });

  it('runs a job whose directory is not writable on the worker under its --dir and writes the outcome back', async () => {
    const queue = freshQueue();
    const executor = await executorOn(queue);
    const elsewhere = join(root, 'elsewhere');
    const job = { ...spec('moved-a1', 'echo "{\\"cwd\\": \\"$PWD\\"}" > result.json; echo moved'), dir: join(root, 'blocked', 'moved-a1'), cwd: join(root, 'blocked', 'point') };
    const [handle] = await executor.submit([job]);
    renameSync(join(root, 'blocked'), join(root, 'blocked-away'));
    writeFileSync(join(root, 'blocked'), 'a file where the directory was'); // mkdir under it fails: ENOTDIR
    await workerOn(queue, { dir: elsewhere, onEvent: (e) => { if (e.type === 'started') rmSync(join(root, 'blocked')); } });
    const [status] = await pollUntil(executor, [handle], allFinished);
    assert.deepEqual(JSON.parse(outcomeOf(status).result ?? 'null'), { cwd: join(elsewhere, 'moved-a1', 'cwd') });
    assert.ok(existsSync(join(elsewhere, 'moved-a1', 'outcome.json')), 'the worker ran it in its own dir');
    assert.deepEqual(JSON.parse(readFileSync(join(job.dir, 'outcome.json'), 'utf8')), outcomeOf(status));
    assert.equal(readFileSync(join(job.dir, 'stdout.txt'), 'utf8'), 'moved\n', 'the stdout tail came back with the result');
  });

  it('puts the jobs of a worker closed with kill back in the queue at once, with their commands killed', async () => {
    const queue = freshQueue();
    const executor = await executorOn(queue);
    const runs = join(root, 'killed-runs.txt');
    const job = spec('killed-a1', `echo $$ >> ${runs}; if [ $(wc -l < ${runs}) -lt 2 ]; then sleep 30; fi; echo '{"ok": true}' > result.json`);
    const [handle] = await executor.submit([job]);
    const events: string[] = [];
    // two slots: while the job runs, a second fetch waits in Redis and must not take the job back once it is requeued
    const first = await workerOn(queue, { lockSeconds: 30, concurrency: 2, onEvent: (e) => events.push(`${e.type} ${e.id}`) });
    await pollUntil(executor, [handle], () => existsSync(runs));
    await first.close({ kill: true });
    assert.deepEqual(events, ['started killed-a1', 'requeued killed-a1']);
    const firstShell = Number(readFileSync(runs, 'utf8').split('\n')[0]);
    assert.ok(await gone(firstShell), 'the first run\'s command is dead');
    assert.equal((await executor.poll([handle]))[0].state, 'queued', 'back in the queue without waiting for its 30 s lock');
    await workerOn(queue);
    const [status] = await pollUntil(executor, [handle], allFinished);
    assert.deepEqual(JSON.parse(outcomeOf(status).result ?? 'null'), { ok: true });
    assert.equal(readFileSync(runs, 'utf8').trim().split('\n').length, 2);
  });

  it('counts the slots of registered workers as its capacity, and at least 1 when none are', async () => {
    const queue = freshQueue();
    const executor = await executorOn(queue);
    assert.equal(executor.capacity(), 1);
    const a = await workerOn(queue, { concurrency: 3 });
    await workerOn(queue, { concurrency: 2 });
    await executor.poll([]);
    assert.equal(executor.capacity(), 5);
    await a.close();
    await executor.poll([]);
    assert.equal(executor.capacity(), 2);
  });

  it('fails at once with a one-line error when Redis is unreachable or the URL is not a Redis URL', async () => {
    const t = Date.now();
    await assert.rejects(createQueueExecutor({ redis: 'redis://127.0.0.1:1' }), (e: unknown) =>
      e instanceof QuarryError && /cannot connect to Redis at redis:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/.test(e.message) && /start Redis/.test(e.hint));
    assert.ok(Date.now() - t < 5000);
    await assert.rejects(createQueueExecutor({ redis: 'http://localhost' }), /is not a Redis URL/);
    await assert.rejects(createQueueExecutor({ redis: REDIS, queue: 'a:b' }), /not a valid queue name/);
  });
});

describe('localJobSpec', () => {
  const job: JobSpec = { id: 'p-a1', dir: '/shared/run/p/p-a1', cwd: '/shared/run/p', command: 'x', env: { QUARRY_OUTPUT: '/shared/run/p/out.json', OTHER: '/elsewhere' }, resultFile: '/shared/run/p/out.json' };

  it('keeps a spec whose directories are writable here', () => {
    assert.equal(localJobSpec(job, '/w', () => true), job);
  });

  it('moves the attempt to <dir>/<id>, the command to <dir>/<id>/cwd, and the paths under them along', () => {
    assert.deepEqual(localJobSpec(job, '/w', () => false), {
      ...job, dir: '/w/p-a1', cwd: '/w/p-a1/cwd', resultFile: '/w/p-a1/cwd/out.json', env: { QUARRY_OUTPUT: '/w/p-a1/cwd/out.json', OTHER: '/elsewhere' },
    });
  });
});
