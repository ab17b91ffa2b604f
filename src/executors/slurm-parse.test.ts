import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  expandTaskString, parseSbatchId, parseScontrolJobs, parseScontrolLine, parseSinfoCpus, parseSqueueJson, slurmPhase, type SlurmTask,
} from './slurm-parse.ts';

// Output recorded from the single-node cluster of scripts/services.sh (Slurm 22.05) by test/fixtures/slurm/record.sh:
// array `ended` ran four tasks that ended COMPLETED, FAILED (exit 3), CANCELLED and TIMEOUT; array `busy` had
// tasks 0 and 1 running and 2-5 pending; arrays `held` and `heldTasks` were cancelled before any task started,
// as a whole and task by task.
const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/slurm/${name}`, import.meta.url), 'utf8');
const [ended, busy, held, heldTasks] = fixture('job-ids.txt').trim().split(' ').map(Number);

const byTask = (tasks: SlurmTask[], arrayJobId: number) =>
  tasks.filter((t) => t.arrayJobId === arrayJobId).sort((a, b) => (a.task ?? -1) - (b.task ?? -1)).map((t) => [t.task, t.state, t.exitCode]);

describe('parseSqueueJson', () => {
  const { tasks, errors } = parseSqueueJson(fixture('squeue.json'));

  test('reads how each task of an ended array ended, with exit:signal as scontrol prints it', () => {
    assert.deepEqual(errors, []);
    assert.deepEqual(byTask(tasks, ended), [
      [0, 'COMPLETED', '0:0'], [1, 'FAILED', '3:0'], [2, 'CANCELLED', '0:15'], [3, 'TIMEOUT', '0:15'],
    ]);
  });

  test('expands the one record that stands for the tasks still pending', () => {
    assert.deepEqual(byTask(tasks, busy), [
      [0, 'RUNNING', null], [1, 'RUNNING', null], [2, 'PENDING', null], [3, 'PENDING', null], [4, 'PENDING', null], [5, 'PENDING', null],
    ]);
    assert.ok(tasks.filter((t) => t.arrayJobId === busy).every((t) => t.name === 'quarry-fixture-busy'));
  });

  test('reads an array cancelled before it started: its tasks, or one task-less record when cancelled task by task', () => {
    assert.deepEqual(byTask(tasks, held), [[0, 'CANCELLED', '0:0'], [1, 'CANCELLED', '0:0'], [2, 'CANCELLED', '0:0']]);
    assert.deepEqual(byTask(tasks, heldTasks), [[null, 'CANCELLED', '0:0']]);
  });

  test('reports the error squeue puts in its JSON when the controller does not answer (it still exits 0)', () => {
    const down = parseSqueueJson(fixture('squeue-unreachable.json'));
    assert.deepEqual(down.tasks, []);
    assert.equal(down.errors.length, 1);
    assert.match(down.errors[0], /slurm_load_jobs/);
  });

  test('also reads the shape of Slurm 23.02+ ({set, number} values, state lists, structured exit codes)', () => {
    // Written after the v0.0.39 OpenAPI schema, not recorded: this cluster runs 22.05.
    const text = JSON.stringify({
      errors: [],
      jobs: [
        { array_job_id: { set: true, number: 40 }, array_task_id: { set: true, number: 1 }, job_state: ['FAILED'], name: 'quarry-a',
          exit_code: { status: ['EXITED'], return_code: { set: true, number: 2 }, signal: { id: { set: false, number: 0 } } } },
        { array_job_id: { set: true, number: 40 }, array_task_id: { set: false, number: 0 }, array_task_string: '2-3', job_state: ['PENDING'], name: 'quarry-a' },
        { array_job_id: { set: true, number: 0 }, array_task_id: { set: false, number: 0 }, job_state: ['RUNNING'], name: 'not-an-array' },
      ],
    });
    assert.deepEqual(byTask(parseSqueueJson(text).tasks, 40), [[1, 'FAILED', '2:0'], [2, 'PENDING', null], [3, 'PENDING', null]]);
  });
});

describe('parseScontrolJobs', () => {
  test('reads state and exit code of every task of an ended array', () => {
    assert.deepEqual(byTask(parseScontrolJobs(fixture('scontrol-ended.txt')), ended), [
      [0, 'COMPLETED', '0:0'], [1, 'FAILED', '3:0'], [2, 'CANCELLED', '0:15'], [3, 'TIMEOUT', '0:15'],
    ]);
  });

  test('expands a pending range and keeps running tasks without an exit code', () => {
    const tasks = parseScontrolJobs(fixture('scontrol-busy.txt'));
    assert.deepEqual(byTask(tasks, busy).map(([task, state]) => [task, state]), [
      [0, 'RUNNING'], [1, 'RUNNING'], [2, 'PENDING'], [3, 'PENDING'], [4, 'PENDING'], [5, 'PENDING'],
    ]);
    assert.ok(tasks.every((t) => t.exitCode === null && t.name === 'quarry-fixture-busy'));
  });

  test('reads arrays cancelled before they started like squeue does', () => {
    assert.deepEqual(byTask(parseScontrolJobs(fixture('scontrol-held.txt')), held), [[0, 'CANCELLED', '0:0'], [1, 'CANCELLED', '0:0'], [2, 'CANCELLED', '0:0']]);
    assert.deepEqual(byTask(parseScontrolJobs(fixture('scontrol-held-tasks.txt')), heldTasks), [[null, 'CANCELLED', '0:0']]);
  });

  test('keeps spaces inside a value and tells keys with colons and slashes apart', () => {
    const f = parseScontrolLine('JobId=7 JobName=a b Comment=two  words StdOut=/tmp/x y/slurm.out ReqB:S:C:T=0:0:*:* CPUs/Task=1');
    assert.equal(f.JobName, 'a b');
    assert.equal(f.Comment, 'two  words');
    assert.equal(f.StdOut, '/tmp/x y/slurm.out');
    assert.equal(f['ReqB:S:C:T'], '0:0:*:*');
    assert.equal(f['CPUs/Task'], '1');
  });
});

describe('small Slurm outputs', () => {
  test('sinfo %C gives the total CPUs, summed over partitions', () => {
    assert.equal(parseSinfoCpus(fixture('sinfo-cpus.txt')), Number(fixture('sinfo-cpus.txt').trim().split('/')[3]));
    assert.equal(parseSinfoCpus('0/2/0/2\n1/3/0/4\n'), 6);
    assert.equal(parseSinfoCpus(''), null);
  });

  test('sbatch --parsable prints the job id, with or without a cluster name', () => {
    assert.equal(parseSbatchId('12\n'), 12);
    assert.equal(parseSbatchId('12;quarry\n'), 12);
    assert.equal(parseSbatchId('sbatch: error: nope\n'), null);
  });

  test('task strings expand ranges, lists and steps, and ignore the throttle', () => {
    assert.deepEqual(expandTaskString('0-3'), [0, 1, 2, 3]);
    assert.deepEqual(expandTaskString('2,5-6'), [2, 5, 6]);
    assert.deepEqual(expandTaskString('0-8:4%2'), [0, 4, 8]);
    assert.deepEqual(expandTaskString('[1-2]'), [1, 2]);
  });

  test('states map to queued, running (finishing counts) or ended', () => {
    assert.equal(slurmPhase('PENDING'), 'queued');
    assert.equal(slurmPhase('REQUEUED'), 'queued');
    assert.equal(slurmPhase('RUNNING'), 'running');
    assert.equal(slurmPhase('COMPLETING'), 'running');
    for (const s of ['COMPLETED', 'FAILED', 'CANCELLED', 'CANCELLED+', 'TIMEOUT', 'NODE_FAIL', 'OUT_OF_MEMORY', 'BOOT_FAIL']) {
      assert.equal(slurmPhase(s), 'ended', s);
    }
  });
});
