import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createLocalExecutor } from './local.ts';
import type { Executor, JobHandle, JobSpec, JobStatus } from './executor.ts';
import { QuarryError } from '../errors.ts';

const root = mkdtempSync(join(tmpdir(), 'quarry-local-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** A job named `name`: it runs in `<root>/<name>` and keeps its attempt files in `<root>/<name>/a1`. */
function job(name: string, command: string, extra: Partial<JobSpec> = {}): JobSpec {
  const cwd = join(root, name);
  return { id: `${name}-a1`, dir: join(cwd, 'a1'), cwd, command, env: {}, resultFile: 'result.json', ...extra };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  for (const deadline = Date.now() + ms; !condition();) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms: ${condition.toString()}`);
    await sleep(20);
  }
}

/** Polls until no handle is queued or running; returns the final statuses. */
async function settle(executor: Executor, handles: readonly JobHandle[], ms = 10000): Promise<JobStatus[]> {
  for (const deadline = Date.now() + ms; ;) {
    const statuses = await executor.poll(handles);
    if (statuses.every((s) => s.state === 'finished' || s.state === 'lost')) return statuses;
    if (Date.now() > deadline) throw new Error(`jobs still ${statuses.map((s) => s.state).join(', ')} after ${ms} ms`);
    await sleep(30);
  }
}

function outcomeOf(status: JobStatus) {
  assert.equal(status.state, 'finished', JSON.stringify(status));
  return (status as Extract<JobStatus, { state: 'finished' }>).outcome;
}

/** True when `pid` has exited: no such process, or a zombie (this container's PID 1 does not reap orphans). */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] === 'Z';
  } catch {
    return true;
  }
}

const pidsIn = (path: string) => readFileSync(path, 'utf8').trim().split('\n').map(Number);

test('runs a command in its cwd with its env and reads back the exit code, stdout, stderr and the result text', async () => {
  const executor = createLocalExecutor({ workers: 2 });
  const ok = job('ok', 'echo "hello $WHO"; echo oops >&2; pwd > where.txt; printf \'{"f": 2.5}\' > "$QUARRY_OUTPUT"', { env: { WHO: 'world', QUARRY_OUTPUT: 'result.json' } });
  const failing = job('failing', 'echo partial; exit 7');
  const handles = await executor.submit([ok, failing]);
  assert.deepEqual(handles, [{ executor: 'local', id: ok.dir }, { executor: 'local', id: failing.dir }]);
  assert.deepEqual(JSON.parse(readFileSync(join(ok.dir, 'job.json'), 'utf8')), ok);
  const [good, bad] = (await settle(executor, handles)).map(outcomeOf);
  assert.equal(good.exitCode, 0);
  assert.equal(good.result, '{"f": 2.5}');
  assert.equal(readFileSync(join(ok.dir, 'stdout.txt'), 'utf8'), 'hello world\n');
  assert.equal(readFileSync(join(ok.dir, 'stderr.txt'), 'utf8'), 'oops\n');
  assert.equal(readFileSync(join(ok.cwd, 'where.txt'), 'utf8').trim(), ok.cwd);
  assert.equal(bad.exitCode, 7);
  assert.equal(bad.result, null);
  assert.equal(bad.timedOut || bad.cancelled, false);
  assert.equal(readFileSync(join(failing.dir, 'stdout.txt'), 'utf8'), 'partial\n');
  await executor.close();
});

test('never runs more than `workers` jobs at once, and runs them all', async () => {
  const executor = createLocalExecutor({ workers: 2 });
  assert.equal(executor.capacity(), 2);
  assert.equal(createLocalExecutor().capacity(), availableParallelism());
  const log = join(root, 'overlap.log');
  const command = `echo "$(date +%s%N) 1" >> ${log}; sleep 0.4; echo "$(date +%s%N) -1" >> ${log}`;
  const jobs = [1, 2, 3, 4, 5].map((i) => job(`pool${i}`, command));
  const statuses = await settle(executor, await executor.submit(jobs));
  assert.deepEqual(statuses.map((s) => outcomeOf(s).exitCode), [0, 0, 0, 0, 0]);
  // Sorted by time (an end before a start at the same instant), the running count never exceeds 2.
  const events = readFileSync(log, 'utf8').trim().split('\n').map((line) => line.split(' ').map(BigInt));
  events.sort(([t1, d1], [t2, d2]) => (t1 === t2 ? Number(d1 - d2) : t1 < t2 ? -1 : 1));
  let running = 0;
  let most = 0;
  for (const [, delta] of events) most = Math.max(most, (running += Number(delta)));
  assert.equal(events.length, 10);
  assert.equal(most, 2);
});

test('a timeout kills the whole process tree: background children and a nested shell', async () => {
  const executor = createLocalExecutor({ workers: 1 });
  const tree = job('tree', "sleep 100 & echo $! >> pids; sh -c 'sleep 100 & echo $! >> pids; echo $$ >> pids; sleep 100' & echo $$ >> pids; sleep 100", { timeoutSeconds: 0.6 });
  const [status] = await settle(executor, await executor.submit([tree]));
  const outcome = outcomeOf(status);
  assert.equal(outcome.timedOut, true);
  assert.equal(outcome.exitCode, null);
  const pids = pidsIn(join(tree.cwd, 'pids'));
  assert.equal(pids.length, 4);
  await until(() => pids.every(gone), 2000);
});

test('cancel kills a running tree and records it; a cancelled queued job never runs', async () => {
  const executor = createLocalExecutor({ workers: 1 });
  const busy = job('busy', 'sleep 100 & echo $! >> pids; echo $$ >> pids; sleep 100');
  const waiting = job('waiting', 'echo ran > ran.txt');
  const handles = await executor.submit([busy, waiting]);
  await until(() => existsSync(join(busy.cwd, 'pids')) && pidsIn(join(busy.cwd, 'pids')).length === 2);
  assert.deepEqual((await executor.poll(handles)).map((s) => s.state), ['running', 'queued']);
  await executor.cancel(handles);
  const [cancelled, never] = await executor.poll(handles);
  assert.equal(outcomeOf(cancelled).cancelled, true);
  assert.deepEqual(never, { state: 'lost', reason: 'cancelled before it started' });
  await until(() => pidsIn(join(busy.cwd, 'pids')).every(gone), 2000);
  await sleep(300); // time enough for a wrongly started runner to run the command
  assert.equal(existsSync(join(waiting.cwd, 'ran.txt')), false);
  assert.equal(existsSync(join(waiting.dir, 'pid.json')), false);
  const before = readFileSync(join(busy.dir, 'outcome.json'), 'utf8');
  await executor.cancel(handles); // a finished job is left as it is
  assert.equal(readFileSync(join(busy.dir, 'outcome.json'), 'utf8'), before);
  // A restarted driver does not run it either.
  assert.deepEqual((await createLocalExecutor({ workers: 1 }).poll([handles[1]]))[0], never);
});

test('a restarted driver re-attaches: running jobs are found and finish, a job queued in the dead driver is run', async () => {
  const long = job('long', 'sleep 1.5; printf 1 > result.json');
  const queued = job('queued', 'printf 2 > result.json');
  const driver = join(root, 'driver.mts');
  const local = pathToFileURL(fileURLToPath(new URL('./local.ts', import.meta.url))).href;
  writeFileSync(driver, `import { createLocalExecutor } from ${JSON.stringify(local)};
    const executor = createLocalExecutor({ workers: 1 });
    process.stdout.write(JSON.stringify(await executor.submit(JSON.parse(process.argv[2]))) + '\\n');
    setInterval(() => {}, 1000);\n`);
  const child = spawn(process.execPath, ['--import', 'tsx', driver, JSON.stringify([long, queued])], { stdio: ['ignore', 'pipe', 'inherit'] });
  let printed = '';
  child.stdout.on('data', (chunk) => { printed += chunk; });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await until(() => printed.endsWith('\n') && existsSync(join(long.dir, 'pid.json')), 8000);
  child.kill('SIGKILL');
  await exited;
  const handles = JSON.parse(printed) as JobHandle[];

  const executor = createLocalExecutor({ workers: 1 });
  assert.deepEqual(await executor.find(long), handles[0]);
  assert.deepEqual(await executor.find(queued), handles[1]);
  assert.equal(await executor.find(job('never-submitted', 'true')), null);
  assert.deepEqual((await executor.poll(handles)).map((s) => s.state), ['running', 'queued']);
  // The re-attached job holds the only slot: the queued one waits for it.
  for (let statuses = await executor.poll(handles); statuses[0].state === 'running'; statuses = await executor.poll(handles)) {
    assert.equal(existsSync(join(queued.dir, 'pid.json')), false);
    await sleep(50);
  }
  const [first, second] = (await settle(executor, handles)).map(outcomeOf);
  assert.deepEqual([first.result, second.result], ['1', '2']);
  assert.ok(second.startedAt >= first.endedAt, `${second.startedAt} < ${first.endedAt}`);
});

test('a job whose runner was kill -9\'d polls as lost, naming its directory, and its orphaned command is killed', async () => {
  const executor = createLocalExecutor({ workers: 1 });
  const orphan = job('orphan', 'echo $$ > pid; sleep 100');
  const handles = await executor.submit([orphan]);
  // pid.json is first the runner's claim, then (once the command runs) names the command's group too
  await until(() => existsSync(join(orphan.cwd, 'pid')) && Boolean((JSON.parse(readFileSync(join(orphan.dir, 'pid.json'), 'utf8')) as { childPgid: number | null }).childPgid));
  const runner = JSON.parse(readFileSync(join(orphan.dir, 'pid.json'), 'utf8')) as { pid: number };
  process.kill(runner.pid, 'SIGKILL');
  const [status] = await settle(executor, handles);
  assert.equal(status.state, 'lost');
  assert.ok(status.state === 'lost' && status.reason.includes(orphan.dir), JSON.stringify(status));
  const [command] = pidsIn(join(orphan.cwd, 'pid'));
  await until(() => gone(command), 2000);
});

test('bad jobs, bad handles and a bad worker count are refused with a QuarryError', async () => {
  assert.throws(() => createLocalExecutor({ workers: 0 }), (e) => e instanceof QuarryError && /workers/.test(e.message));
  assert.throws(() => createLocalExecutor({ workers: 1.5 }), QuarryError);
  const executor = createLocalExecutor({ workers: 1 });
  await assert.rejects(executor.submit([job('bad', 'true', { dir: 'relative/dir' })]), /not an absolute path/);
  await assert.rejects(executor.submit([job('bad', 'true', { id: 'a b' })]), /\[A-Za-z0-9_-\]/);
  await assert.rejects(executor.poll([{ executor: 'slurm', id: '12_3' }]), (e) => e instanceof QuarryError && /not a local job handle/.test(e.message));
  await executor.close();
  await assert.rejects(executor.submit([job('late', 'true')]), /after close/);
});
