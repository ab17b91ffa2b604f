/**
 * Durability: a scan whose driver is kill -9'd at random moments, twelve times, and resumed each time
 * ends in the same state as an uninterrupted scan with the same seed — no finished evaluation lost,
 * none run twice.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, quarry, quarrySync } from './run-quarry.ts';
import { writeScanConfig } from './scan-fixtures/write-config.ts';

const SLOW = fileURLToPath(new URL('./scan-fixtures/slow.mjs', import.meta.url));

/** The scan: 4 design points, then batches of 3; budgets 4 + 3k keep every batch full. */
function writeConfig(dir: string, budget: number): string {
  return writeScanConfig(dir, 'durable', {
    evaluator: `{type: module, path: '${SLOW}'}`,
    design: '{type: sobol, points: 4}',
    batch: '3',
    stop: `{budget: ${budget}}`,
    seed: '7',
  });
}

/** Starts `quarry scan` and SIGKILLs it after `ms`; resolves to its exit code (null when killed). */
function scanKilledAfter(config: string, out: string, env: Record<string, string>, ms: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'scan', config, '--out', out, '--quiet'], { stdio: 'ignore', env: { ...process.env, ...env } });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('error', reject);
    child.on('exit', (code) => { clearTimeout(timer); resolve(code); });
  });
}

/** A seeded stream of kill delays (ms) so the test is the same on every run. */
function delays(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return 400 + (s / 2147483648) * 2200;
  };
}

test('a scan kill -9\'d twelve times and resumed ends exactly like an uninterrupted one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-durable-'));

  // Kill until twelve kills have landed. Should the scan finish first (a fast machine), its budget is raised
  // by two batches and it goes on: a resume may raise the budget, and with full batches the run is then the
  // same as one started with the final budget, which is what the reference run below uses.
  let budget = 22;
  let config = writeConfig(dir, budget);
  const killed = join(dir, 'killed');
  const killedLog = join(dir, 'killed-runs.log');
  const next = delays(20261202);
  let kills = 0;
  while (kills < 12) {
    const code = await scanKilledAfter(config, killed, { QUARRY_RUNS_LOG: killedLog }, next());
    if (code === 0) {
      budget += 6;
      config = writeConfig(dir, budget);
      continue;
    }
    assert.equal(code, null, `the driver exited with ${code} instead of being killed`);
    kills++;
  }
  const last = await quarry(['scan', config, '--out', killed, '--quiet'], { env: { QUARRY_RUNS_LOG: killedLog } });
  assert.equal(last.code, 0, last.stderr);

  const reference = join(dir, 'reference');
  const referenceLog = join(dir, 'reference-runs.log');
  const straight = await quarry(['scan', config, '--out', reference, '--quiet'], { env: { QUARRY_RUNS_LOG: referenceLog } });
  assert.equal(straight.code, 0, straight.stderr);

  // the same points, outputs, statuses and attempts, and the same convergence record per iteration
  const csv = (out: string) => quarrySync(['export', out, '--format', 'csv']).stdout;
  assert.equal(csv(killed), csv(reference));
  const iterations = (out: string) => JSON.stringify((JSON.parse(quarrySync(['export', out, '--format', 'json']).stdout) as { iterations: unknown }).iterations);
  assert.equal(iterations(killed), iterations(reference));
  assert.equal(csv(killed).trim().split('\n').length, budget + 1);

  // every point ran exactly once, although the driver died twelve times
  const runs = readFileSync(killedLog, 'utf8').trim().split('\n').sort();
  assert.equal(runs.length, budget);
  assert.equal(new Set(runs).size, budget);
  assert.deepEqual(runs, readFileSync(referenceLog, 'utf8').trim().split('\n').sort());
  assert.equal(existsSync(join(killed, 'driver.lock')), false);
});
