/**
 * The slurm executor against the real single-node Slurm of `scripts/services.sh start slurm` (found through
 * SLURM_CONF, else /tmp/quarry-slurm/slurm.conf). The tests run concurrently: the cluster has a CPU per core.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { QuarryError } from '../errors.ts';
import type { Executor, JobHandle, JobSpec, JobStatus } from './executor.ts';
import { commandEnv, runSyncOrNull, slurmConf } from './slurm-commands.ts';
import { createSlurmExecutor } from './slurm.ts';

const root = mkdtempSync(join(tmpdir(), 'quarry-slurm-test-'));
after(() => rmSync(root, { recursive: true, force: true }));

const sinfo = runSyncOrNull('sinfo', ['-h', '-o', '%t'], commandEnv());
/** Fails the calling test with a one-line message when the cluster does not answer. */
function needSlurm(): void {
  if (sinfo === null || !/idle|mix|alloc|comp/.test(sinfo)) {
    assert.fail(`Slurm is not running (sinfo with SLURM_CONF=${slurmConf() ?? 'unset'} said ${JSON.stringify(sinfo)}): start it with scripts/services.sh start slurm`);
  }
}

let serial = 0;
/** A job in its own attempt directory under the test's temporary root. */
function job(command: string, extra: Partial<JobSpec> = {}): JobSpec {
  const id = `t${++serial}-a1`;
  const point = join(root, `p${serial}`);
  return { id, dir: join(point, 'a1'), cwd: point, command, env: {}, resultFile: 'result.json', ...extra };
}

/** Polls until every status satisfies `done`, or fails after `seconds`. */
async function pollUntil(executor: Executor, handles: JobHandle[], done: (s: JobStatus) => boolean, seconds = 60): Promise<JobStatus[]> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const statuses = await executor.poll(handles);
    if (statuses.every(done)) return statuses;
    if (Date.now() > deadline) assert.fail(`jobs not done after ${seconds}s: ${JSON.stringify(statuses)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
const ended = (s: JobStatus) => s.state === 'finished' || s.state === 'lost';

describe('the slurm executor on a real cluster', { concurrency: true }, () => {
  test('runs four jobs as one array, each with its exit code, result text and output', async () => {
    needSlurm();
    const slurm = createSlurmExecutor();
    const jobs = [0, 1, 2, 3].map((i) => job(`echo "task $N"; printf '{"f":%s}' "$N" > result.json; exit "$N"`, { env: { N: String(i) } }));
    const handles = await slurm.submit(jobs);
    assert.deepEqual(handles.map((h) => h.task), [0, 1, 2, 3]);
    assert.equal(new Set(handles.map((h) => h.jobId)).size, 1, 'one sbatch array for the whole submit');
    assert.deepEqual(handles.map((h) => h.id), handles.map((h) => `${h.jobId}_${h.task}`));
    assert.ok(existsSync(join(jobs[0].dir, 'job.json')));
    const statuses = await pollUntil(slurm, handles, ended);
    statuses.forEach((s, i) => {
      assert.equal(s.state, 'finished');
      if (s.state !== 'finished') return;
      assert.equal(s.outcome.exitCode, i);
      assert.equal(s.outcome.result, `{"f":${i}}`);
      assert.equal(s.outcome.timedOut, false);
      assert.equal(readFileSync(join(jobs[i].dir, 'stdout.txt'), 'utf8'), `task ${i}\n`);
    });
  });

  test('a failing command finishes with its exit code, its stderr kept and no result', async () => {
    needSlurm();
    const slurm = createSlurmExecutor();
    const spec = job('echo "no such model" >&2; exit 7');
    const [status] = await pollUntil(slurm, await slurm.submit([spec]), ended);
    assert.equal(status.state, 'finished');
    if (status.state !== 'finished') return;
    assert.equal(status.outcome.exitCode, 7);
    assert.equal(status.outcome.result, null);
    assert.equal(readFileSync(join(spec.dir, 'stderr.txt'), 'utf8'), 'no such model\n');
  });

  test('a job past its timeout is killed by the runner, within a Slurm --time of the timeout plus a minute', async () => {
    needSlurm();
    const slurm = createSlurmExecutor();
    const handles = await slurm.submit([job('sleep 60', { timeoutSeconds: 1 })]);
    const line = execFileSync('scontrol', ['-o', 'show', 'job', String(handles[0].id)], { env: commandEnv(), encoding: 'utf8' });
    assert.match(line, /TimeLimit=00:02:00/);
    const [status] = await pollUntil(slurm, handles, ended);
    assert.equal(status.state, 'finished');
    if (status.state !== 'finished') return;
    assert.equal(status.outcome.timedOut, true);
    assert.ok(status.outcome.seconds < 10, `killed after ${status.outcome.seconds}s`);
  });

  test('cancelling a running job stops it through its runner: it finishes cancelled', async () => {
    needSlurm();
    const slurm = createSlurmExecutor();
    const spec = job('echo started; sleep 60');
    const handles = await slurm.submit([spec]);
    const stdout = join(spec.dir, 'stdout.txt');
    await pollUntil(slurm, handles, (s) => s.state === 'running' && existsSync(stdout) && readFileSync(stdout, 'utf8') !== '');
    await slurm.cancel(handles);
    const [status] = await pollUntil(slurm, handles, ended, 30);
    assert.equal(status.state, 'finished');
    if (status.state !== 'finished') return;
    assert.equal(status.outcome.cancelled, true);
    assert.ok(status.outcome.seconds < 30);
    await slurm.cancel(handles); // cancelling what has ended changes nothing
    assert.deepEqual(await slurm.poll(handles), [status]);
  });

  test('cancelling jobs still in the queue: they never run and poll as lost', async () => {
    needSlurm();
    const slurm = createSlurmExecutor({ sbatchArgs: ['--hold'] }); // held: they stay pending until released
    const specs = [job('echo ran > result.json'), job('echo ran > result.json')];
    const handles = await slurm.submit(specs);
    assert.deepEqual(await slurm.poll(handles), [{ state: 'queued' }, { state: 'queued' }]);
    await slurm.cancel([handles[0]]);
    const [first, second] = await slurm.poll(handles);
    assert.deepEqual(first, { state: 'lost', reason: `slurm job ${handles[0].id} is unknown to Slurm (its array is, so it was cancelled before it started) and left no outcome in ${specs[0].dir}` });
    assert.deepEqual(second, { state: 'queued' });
    await slurm.cancel([handles[1]]);
    const [, last] = await slurm.poll(handles);
    assert.deepEqual(last, { state: 'lost', reason: `slurm job ${handles[1].id} ended CANCELLED (exit 0:0) without an outcome` });
    assert.ok(specs.every((s) => !existsSync(join(s.dir, 'pid.json'))));
  });

  test('a new executor re-attaches with find(), also when the driver died before recording the job id', async () => {
    needSlurm();
    const first = createSlurmExecutor();
    const spec = job('sleep 1; echo 1 > result.json');
    const [handle] = await first.submit([spec]);
    await first.close();
    const second = createSlurmExecutor();
    assert.deepEqual(await second.find(spec), handle);
    const record = JSON.parse(readFileSync(join(spec.dir, 'slurm.json'), 'utf8'));
    writeFileSync(join(spec.dir, 'slurm.json'), JSON.stringify({ ...record, jobId: null })); // as if killed between sbatch and the write
    assert.deepEqual(await createSlurmExecutor().find(spec), handle);
    const [status] = await pollUntil(second, [handle], ended);
    assert.equal(status.state === 'finished' && status.outcome.result, '1\n');
    assert.deepEqual(await second.submit([spec]), [handle], 'submitting the same job again does not run it twice');
    assert.equal(await second.find(job('true')), null, 'a job never submitted is not found');
  });

  test('a task that dies without an outcome is lost, with Slurm\'s state, exit code and output', async () => {
    needSlurm();
    const slurm = createSlurmExecutor({ runner: join(root, 'missing-runner.mjs') });
    const handles = await slurm.submit([job('true')]);
    const [status] = await pollUntil(slurm, handles, ended);
    assert.equal(status.state, 'lost');
    if (status.state !== 'lost') return;
    assert.match(status.reason, new RegExp(`^slurm job ${handles[0].id} ended FAILED \\(exit 1:0\\) without an outcome; slurm output: .*Cannot find module`));
  });

  test('a job Slurm never heard of is lost', async () => {
    needSlurm();
    const slurm = createSlurmExecutor();
    const dir = join(root, 'never');
    const [status] = await slurm.poll([{ executor: 'slurm', id: '99999999_0', jobId: 99999999, task: 0, dir }]);
    assert.deepEqual(status, { state: 'lost', reason: `slurm job 99999999_0 is unknown to Slurm (purged after MinJobAge, or the controller lost its state) and left no outcome in ${dir}` });
  });

  test('capacity is the partition\'s CPUs unless slots says otherwise', () => {
    needSlurm();
    assert.equal(createSlurmExecutor().capacity(), availableParallelism());
    assert.equal(createSlurmExecutor({ partition: 'debug' }).capacity(), availableParallelism());
    assert.equal(createSlurmExecutor({ slots: 7 }).capacity(), 7);
    assert.throws(() => createSlurmExecutor({ slots: 0 }), QuarryError);
  });

  test('a controller that does not answer is a QuarryError with the command\'s error and a hint', async () => {
    needSlurm();
    const conf = join(root, 'unreachable.conf');
    const local = readFileSync(slurmConf()!, 'utf8').replace(/^SlurmctldPort=.*$/m, 'SlurmctldPort=1');
    writeFileSync(conf, `${local}\nMessageTimeout=1\n`);
    const slurm = createSlurmExecutor({ slurmConf: conf });
    const check = (e: unknown, command: string) => {
      assert.ok(e instanceof QuarryError);
      assert.match(e.message, new RegExp(`^slurm executor: \`${command}.*failed.*(Unable to contact slurm controller|slurm_load_jobs)`));
      assert.match(e.hint, /scripts\/services\.sh start slurm/);
      return true;
    };
    await assert.rejects(slurm.submit([job('true')]), (e) => check(e, 'sbatch'));
    await assert.rejects(slurm.poll([{ executor: 'slurm', id: '1_0', jobId: 1, task: 0, dir: join(root, 'none') }]), (e) => check(e, 'squeue'));
    assert.equal(slurm.capacity(), 1);
  });
});
