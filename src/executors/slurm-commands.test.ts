import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { QuarryError } from '../errors.ts';
import { arrayScript, commandEnv, commandError, LOCAL_SLURM_CONF, shellQuote, slurmConf, timeLimitMinutes } from './slurm-commands.ts';

test('the array script runs the runner on the directory of line SLURM_ARRAY_TASK_ID + 1, quoting odd paths', () => {
  const dir = mkdtempSync(join(tmpdir(), "quarry slurm's "));
  try {
    const listFile = join(dir, 'tasks list');
    writeFileSync(listFile, '/runs/a\n/runs/b c\n');
    const script = join(dir, 'array.sh');
    writeFileSync(script, arrayScript({ name: 'quarry-x', node: '/bin/echo', runner: "/opt/it's/job-runner.mjs", listFile }));
    const run = (task: string) => execFileSync('/bin/sh', [script], { env: { PATH: process.env.PATH, SLURM_ARRAY_TASK_ID: task }, encoding: 'utf8' });
    assert.equal(run('0'), "/opt/it's/job-runner.mjs /runs/a\n");
    assert.equal(run('1'), "/opt/it's/job-runner.mjs /runs/b c\n");
    assert.throws(() => execFileSync('/bin/sh', [script], { env: { PATH: process.env.PATH, SLURM_ARRAY_TASK_ID: '2' }, stdio: 'pipe' }), /no line 3/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('shellQuote survives single quotes', () => {
  assert.equal(execFileSync('/bin/sh', ['-c', `printf %s ${shellQuote("a'b $c")}`], { encoding: 'utf8' }), "a'b $c");
});

test('--time is the longest timeout plus a minute, in whole minutes, and absent when a job has none', () => {
  assert.equal(timeLimitMinutes([1, 30]), 2);
  assert.equal(timeLimitMinutes([600]), 11);
  assert.equal(timeLimitMinutes([600, undefined]), null);
  assert.equal(timeLimitMinutes([]), null);
});

test('SLURM_CONF wins; without it the local cluster\'s config is used when it exists', () => {
  assert.equal(slurmConf({ SLURM_CONF: '/etc/slurm/x.conf' }), '/etc/slurm/x.conf');
  assert.equal(slurmConf({}), existsSync(LOCAL_SLURM_CONF) ? LOCAL_SLURM_CONF : undefined);
  assert.equal(commandEnv('/a/slurm.conf').SLURM_CONF, '/a/slurm.conf');
});

test('a failed command becomes a QuarryError with its stderr and a hint to start Slurm', () => {
  const e = commandError('sbatch', ['--parsable', 'x.sh'], { code: 1, stdout: '', stderr: 'sbatch: error: Batch job submission failed: Unable to contact slurm controller (connect failure)\n' });
  assert.ok(e instanceof QuarryError);
  assert.equal(e.code, 'UNAVAILABLE');
  assert.match(e.message, /`sbatch --parsable x.sh` failed \(exit 1\): sbatch: error: .*Unable to contact slurm controller/);
  assert.match(e.hint, /scripts\/services\.sh start slurm/);
  assert.match(e.hint, /SLURM_CONF/);
  const missing = commandError('squeue', [], { missing: true });
  assert.equal(missing.code, 'FILE_NOT_FOUND');
  assert.match(missing.message, /squeue is not installed/);
});
