import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProblemModule } from './problem-module.ts';
import { QuarryError } from '../errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'quarry-problem-module-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let count = 0;
/** Writes `source` to a fresh .mjs file (fresh name: import() caches by URL) and returns its path. */
function fixture(source: string, name = `module-${count++}`): string {
  const path = join(dir, `${name}.mjs`);
  writeFileSync(path, source);
  return path;
}

/** A module exporting `problem = {…}` with `fields` spliced into a valid problem. */
function problemWith(fields: string): string {
  return fixture(`export const problem = {
    parameters: [{ name: 'x', lower: 0, upper: 1 }, { name: 'm', lower: 10, upper: 1000, scale: 'log' }],
    thresholds: [0.5, -1],
    functions: [(p) => p.x - Math.log10(p.m) / 3],
    ${fields}
  };`);
}

async function rejects(path: string, pattern: RegExp, hint?: RegExp): Promise<void> {
  await assert.rejects(loadProblemModule(path), (e: unknown) => {
    assert.ok(e instanceof QuarryError, `not a QuarryError: ${String(e)}`);
    assert.match(e.message, pattern);
    assert.ok(e.message.includes(path), `message names the file: ${e.message}`);
    assert.ok(!e.message.includes('\n'), 'one line');
    if (hint) assert.match(e.hint, hint);
    return true;
  });
}

test('a valid module loads: name defaults to the file name, thresholds come sorted, functions work', async () => {
  const path = fixture(`export const problem = {
    parameters: [{ name: 'x', lower: 0, upper: 1 }, { name: 'm', lower: 10, upper: 1000, scale: 'log' }],
    thresholds: [0.5, -1],
    functions: [(p) => p.x - Math.log10(p.m) / 3, (p) => p.x],
    invalid: (p) => p.x > 0.9,
  };`, 'my-scan');
  const problem = await loadProblemModule(path);
  assert.equal(problem.name, 'my-scan');
  assert.deepEqual(problem.parameters, [{ name: 'x', lower: 0, upper: 1 }, { name: 'm', lower: 10, upper: 1000, scale: 'log' }]);
  assert.deepEqual(problem.thresholds, [-1, 0.5]);
  assert.equal(problem.functions.length, 2);
  assert.equal(problem.functions[0]({ x: 1, m: 1000 }), 0);
  assert.equal(problem.invalid!({ x: 0.95, m: 10 }), true);
});

test('an explicit name, truthGrid and noise are kept', async () => {
  const problem = await loadProblemModule(problemWith("name: 'scan-a', truthGrid: 50, noise: 0.1,"));
  assert.equal(problem.name, 'scan-a');
  assert.equal(problem.truthGrid, 50);
  assert.equal(problem.noise, 0.1);
});

test('a missing file is FILE_NOT_FOUND naming the path', async () => {
  const path = join(dir, 'nope.mjs');
  await assert.rejects(loadProblemModule(path), (e: unknown) => e instanceof QuarryError && e.code === 'FILE_NOT_FOUND' && e.message.includes(path));
});

test('an import failure carries the module\'s own message', async () => {
  await rejects(fixture("throw new Error('no connection to the database');"), /failed to import: no connection to the database/);
  await rejects(fixture('export const problem = {;'), /failed to import: .+/);
});

test('a module without a `problem` export says so', async () => {
  await rejects(fixture('export const problems = {};'), /problem is not exported/, /export const problem/);
  await rejects(fixture('export const problem = 3;'), /problem is 3, not an object/);
});

test('parameters: missing, empty, unnamed, duplicated', async () => {
  await rejects(fixture('export const problem = { thresholds: [0], functions: [() => 0] };'), /problem\.parameters is missing/);
  await rejects(fixture('export const problem = { parameters: [], thresholds: [0], functions: [() => 0] };'), /problem\.parameters is an array of 0/);
  await rejects(fixture("export const problem = { parameters: [{ lower: 0, upper: 1 }], thresholds: [0], functions: [() => 0] };"), /parameters\[0\]\.name is missing/);
  await rejects(
    fixture("export const problem = { parameters: [{ name: 'a', lower: 0, upper: 1 }, { name: 'a', lower: 0, upper: 2 }], thresholds: [0], functions: [() => 0] };"),
    /parameters\[1\]\.name "a" is used twice/,
  );
});

test('bounds: non-finite, reversed ("swap them"), equal, log scale with lower ≤ 0, unknown scale', async () => {
  const one = (p: string): string => fixture(`export const problem = { parameters: [${p}], thresholds: [0], functions: [() => 0] };`);
  await rejects(one("{ name: 'a', lower: 0, upper: Infinity }"), /parameters\[0\]\.upper is Infinity, not a finite number/);
  await rejects(one("{ name: 'a', lower: '0', upper: 1 }"), /parameters\[0\]\.lower is "0", not a finite number/);
  await rejects(one("{ name: 'a', lower: 5, upper: 1 }"), /parameters\[0\] has lower = 5 ≥ upper = 1/, /swap them: lower: 1, upper: 5/);
  await rejects(one("{ name: 'a', lower: 1, upper: 1 }"), /lower = 1 ≥ upper = 1/, /widen/);
  await rejects(one("{ name: 'm', lower: 0, upper: 10, scale: 'log' }"), /parameters\[0\]\.lower is 0 but scale is 'log'/, /> 0/);
  await rejects(one("{ name: 'm', lower: 1, upper: 10, scale: 'ln' }"), /parameters\[0\]\.scale is "ln"/);
});

test('thresholds: missing, empty, not numbers', async () => {
  const withT = (t: string): string => fixture(`export const problem = { parameters: [{ name: 'a', lower: 0, upper: 1 }], ${t} functions: [() => 0] };`);
  await rejects(withT(''), /problem\.thresholds is missing/);
  await rejects(withT('thresholds: [],'), /problem\.thresholds is an array of 0, not a non-empty array/);
  await rejects(withT("thresholds: [0, '1'],"), /problem\.thresholds\[1\] is "1", not a finite number/);
  await rejects(withT('thresholds: [NaN],'), /thresholds\[0\] is NaN/);
  await rejects(withT('thresholds: 0,'), /problem\.thresholds is 0/);
});

test('functions and invalid must be functions', async () => {
  const withF = (f: string): string => fixture(`export const problem = { parameters: [{ name: 'a', lower: 0, upper: 1 }], thresholds: [0], ${f} };`);
  await rejects(withF(''), /problem\.functions is missing/);
  await rejects(withF('functions: (x) => x.a'), /problem\.functions is a function, not a non-empty array/, /wrap it in an array/);
  await rejects(withF("functions: [(x) => x.a, 'x.a']"), /problem\.functions\[1\] is "x\.a", not a function/);
  await rejects(withF('functions: [(x) => x.a], invalid: true'), /problem\.invalid is true, not a function/);
  await rejects(problemWith('truthGrid: 1.5,'), /problem\.truthGrid is 1\.5/);
  await rejects(problemWith('noise: -1,'), /problem\.noise is -1/);
});
