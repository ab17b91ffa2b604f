import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Executor, JobHandle, JobSpec, JobStatus } from '../../src/executors/executor.ts';
import { createQueueExecutor } from '../../src/executors/queue.ts';
import { openRedis } from '../../src/executors/queue-redis.ts';
import { BIN, quarry } from './run-quarry.ts';

const REDIS = process.env.QUARRY_TEST_REDIS ?? 'redis://127.0.0.1:6379';
const QUEUE = `quarry-e2e-worker-${process.pid}`;
let client: Redis;
let executor: Executor;
let root: string;
const workers: Worker[] = [];

interface Worker {
  child: ChildProcess;
  lines: string[];
  /** Resolves with the first line (seen so far or later) that matches. */
  waitFor(pattern: RegExp, seconds?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: string | null }>;
}

/** Starts `quarry worker` in its own process group (as on its own host), concurrency 1, 2 s locks. */
function startWorker(name: string): Worker {
  const child = spawn(process.execPath, [BIN, 'worker', '--redis', REDIS, '--queue', QUEUE, '--concurrency', '1', '--lock-seconds', '2', '--dir', join(root, name)],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const w of waiters.filter((w) => w.pattern.test(line))) { waiters.splice(waiters.indexOf(w), 1); w.resolve(line); }
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const waitFor = (pattern: RegExp, seconds = 20) => {
    const seen = lines.find((l) => pattern.test(l));
    if (seen) return Promise.resolve(seen);
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker ${name} printed no line matching ${pattern} in ${seconds} s; stdout:\n${lines.join('\n')}\nstderr:\n${stderr}`)), seconds * 1000);
      waiters.push({ pattern, resolve: (line) => { clearTimeout(timer); resolve(line); } });
    });
  };
  const worker = { child, lines, waitFor, exited };
  workers.push(worker);
  return worker;
}

function killGroup(pgid: number | undefined): void {
  if (!pgid) return;
  try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ }
}

async function pollUntilDone(handles: JobHandle[], seconds = 20): Promise<JobStatus[]> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const statuses = await executor.poll(handles);
    if (statuses.every((s) => s.state === 'finished' || s.state === 'lost')) return statuses;
    if (Date.now() > deadline) assert.fail(`timed out polling: ${JSON.stringify(statuses)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function spec(id: string, command: string): JobSpec {
  const cwd = join(root, 'points', id);
  return { id, dir: join(cwd, 'a1'), cwd, command, env: {}, timeoutSeconds: 60, resultFile: 'result.json' };
}

before(async () => {
  try {
    client = await openRedis(REDIS, { blocking: false, connectTimeoutMs: 2000 });
  } catch {
    throw new Error(`Redis is not running at ${REDIS}: start it with scripts/services.sh start redis`);
  }
  root = mkdtempSync(join(tmpdir(), 'quarry-worker-e2e-'));
  executor = await createQueueExecutor({ redis: REDIS, queue: QUEUE });
});

after(async () => {
  for (const w of workers) killGroup(w.child.pid);
  await executor?.close();
  if (client) {
    const q = new Queue(QUEUE, { connection: client });
    await q.obliterate({ force: true }).catch(() => undefined);
    await q.close();
    const stale = await client.keys(`quarry:${QUEUE}:*`);
    if (stale.length > 0) await client.del(...stale);
    await client.quit();
  }
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('quarry worker', () => {
  it('redoes the point of a worker killed mid-point on the other worker, once, and stops gracefully on SIGTERM', async () => {
    const [a, b] = [startWorker('a'), startWorker('b')];
    await Promise.all([a.waitFor(/ready on queue/), b.waitFor(/ready on queue/)]);
    const count = join(root, 'runs.txt');
    const job = spec('slow-point', `echo run >> ${count}; sleep 3; echo '{"f": 1}' > result.json`);
    const [handle] = await executor.submit([job]);
    assert.equal(executor.capacity(), 2, 'both workers announced one slot');

    const started = new RegExp(`^started ${job.id} `);
    const first = await Promise.race([a.waitFor(started).then(() => a), b.waitFor(started).then(() => b)]);
    const other = first === a ? b : a;
    while (!existsSync(join(job.dir, 'pid.json')) || !existsSync(count)) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500)); // mid-point: the command is sleeping
    // the host goes down: the worker, its runner and the command (each in its own group) die at once
    const pid = JSON.parse(readFileSync(join(job.dir, 'pid.json'), 'utf8')) as { pid: number; childPgid: number };
    killGroup(first.child.pid);
    killGroup(pid.pid);
    killGroup(pid.childPgid);
    assert.equal((await first.exited).signal, 'SIGKILL');

    await other.waitFor(new RegExp(`^finished ${job.id}: exit 0`), 25);
    const [status] = await pollUntilDone([handle]);
    assert.equal(status.state, 'finished');
    assert.deepEqual(status.state === 'finished' && JSON.parse(status.outcome.result ?? 'null'), { f: 1 });
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(readFileSync(count, 'utf8'), 'run\nrun\n', 'the command ran twice in all: killed once, redone once');
    assert.equal(first.lines.filter((l) => l.startsWith(`finished ${job.id}`)).length, 0);
    assert.equal(other.lines.filter((l) => l.startsWith(`started ${job.id}`)).length, 1);
    assert.ok(other.lines.some((l) => l.startsWith(`stalled ${job.id}:`)), 'the survivor saw the lock of the dead worker expire');
    assert.deepEqual(await executor.poll([handle]), [status], 'one finished outcome, unchanged');

    // SIGTERM: the running point finishes, then the worker exits 0
    const next = spec('graceful-point', `sleep 1; echo '{"f": 2}' > result.json`);
    const [nextHandle] = await executor.submit([next]);
    await other.waitFor(new RegExp(`^started ${next.id} `));
    other.child.kill('SIGTERM');
    assert.deepEqual(await other.exited, { code: 0, signal: null });
    assert.ok(other.lines.some((l) => l.startsWith(`finished ${next.id}: exit 0`)), other.lines.join('\n'));
    assert.equal(other.lines.at(-1), 'stopped');
    const [nextStatus] = await executor.poll([nextHandle]);
    assert.deepEqual(nextStatus.state === 'finished' && JSON.parse(nextStatus.outcome.result ?? 'null'), { f: 2 });
  });

  it('exits with code 2 and a one-line error with a hint when Redis is unreachable or the URL is wrong', async () => {
    const timed = async (args: string[]) => { const t = Date.now(); const r = await quarry(args); return { ...r, ms: Date.now() - t }; };
    const [unreachable, malformed] = await Promise.all([
      timed(['worker', '--redis', 'redis://127.0.0.1:1']),
      timed(['worker', '--redis', 'localhost:6379']),
    ]);
    // the malformed URL fails before connecting: the difference is the time spent trying to connect
    assert.ok(unreachable.ms - malformed.ms < 4000, `gave up after ${unreachable.ms - malformed.ms} ms instead of within seconds`);
    assert.equal(unreachable.code, 2);
    assert.match(unreachable.stderr, /^quarry: error: cannot connect to Redis at redis:\/\/127\.0\.0\.1:1: .*ECONNREFUSED.*\n {2}hint: start Redis/);
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /^quarry: error: --redis "localhost:6379" is not a Redis URL\n {2}hint: /);
    for (const r of [unreachable, malformed]) assert.equal(r.stderr.split('\n').filter(Boolean).length, 2, r.stderr);
  });
});
