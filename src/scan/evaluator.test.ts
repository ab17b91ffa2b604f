import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jobFor, resolveScripts } from './evaluator.ts';
import { pointHash } from './point-dirs.ts';

const configDir = mkdtempSync(join(tmpdir(), 'quarry-evaluator-'));
writeFileSync(join(configDir, 'sim.py'), '');
writeFileSync(join(configDir, 'run.sh'), '');
writeFileSync(join(configDir, 'python3'), '');
writeFileSync(join(configDir, 'result.json'), '');
mkdirSync(join(configDir, 'cards'));

test('script arguments next to the config become absolute; programs, options, directories and the result file do not', () => {
  const q = (name: string) => `'${join(configDir, name)}'`;
  assert.equal(resolveScripts('python3 sim.py {x} {y}', configDir, 'result.json'), `python3 ${q('sim.py')} {x} {y}`);
  assert.equal(resolveScripts('./run.sh --mass {m} cards result.json missing.py', configDir, 'result.json'), `${q('run.sh')} --mass {m} cards result.json missing.py`);
  assert.equal(resolveScripts('bash run.sh && echo done', configDir, 'out.json'), `bash ${q('run.sh')} && echo done`);
});

test('a command job fills the template, runs in the point directory and names the result file', () => {
  const point = { x: 0.1, y: 1e-7 };
  const hash = pointHash('abc', point);
  const job = jobFor({ type: 'command', run: 'python3 sim.py {x} {y}', result: 'out.json', timeout: 60 }, { configDir, runDir: '/runs/r', hash, attempt: 2, point });
  assert.equal(job.command, `python3 '${join(configDir, 'sim.py')}' 0.1 1e-7`);
  assert.equal(job.cwd, `/runs/r/points/${hash}`);
  assert.equal(job.dir, `/runs/r/points/${hash}/attempt-2`);
  assert.equal(job.id, `${hash}-a2`);
  assert.equal(job.timeoutSeconds, 60);
  assert.deepEqual(JSON.parse(job.env.QUARRY_PARAMS_JSON), point);
  assert.equal(job.env.QUARRY_OUTPUT, `/runs/r/points/${hash}/out.json`);
});

test('the point hash depends on the values and the config, not on the order of the names', () => {
  assert.equal(pointHash('c', { x: 1, y: 2 }), pointHash('c', { y: 2, x: 1 }));
  assert.notEqual(pointHash('c', { x: 1, y: 2 }), pointHash('c', { x: 1, y: 2.000000000000001 }));
  assert.notEqual(pointHash('c', { x: 1, y: 2 }), pointHash('d', { x: 1, y: 2 }));
});
