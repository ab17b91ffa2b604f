import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeExecutor } from './fake-executor.test-helper.ts';
import { parseScanConfig } from './config.ts';
import { exportCsv } from './export.ts';
import { loadRun, openScan } from './open.ts';
import { runScan } from './index.ts';

const config = (extra: Record<string, unknown> = {}) => parseScanConfig({
  name: 'unit',
  parameters: [{ name: 'x', lower: -1.5, upper: 1.5 }, { name: 'y', lower: -1.5, upper: 1.5 }],
  outputs: [{ name: 'f', thresholds: [0] }],
  evaluator: { type: 'command', run: 'true {x} {y}', retries: 2, retryDelay: 0 },
  design: { type: 'sobol', points: 4 },
  batch: 3,
  stop: { budget: 13 },
  seed: 2,
  poll: 0.001,
  ...extra,
}, 'unit.yaml', tmpdir());

const scratch = () => join(mkdtempSync(join(tmpdir(), 'quarry-driver-')), 'run');

test('a scan runs to its budget, proposing in batches and telling each batch whole', async () => {
  const dir = scratch();
  const executor = new FakeExecutor();
  const summary = await runScan(config(), dir, { executor });
  assert.equal(summary.outcome, 'finished');
  assert.deepEqual([summary.counts.completed, summary.counts.failed], [13, 0]);
  assert.equal(summary.stopped?.reason, 'budget');
  const { run, loop } = loadRun(dir);
  assert.deepEqual(run.trials.map((t) => t.batch), [0, 0, 0, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]); // design 4 = 3 + 1
  assert.equal(loop.observations.length, 13);
  assert.deepEqual(loop.observations.map((o) => o.x), run.trials.map((t) => t.point));
});

test('a lost job is retried as a new attempt; a point that keeps crashing fails after its retries', async () => {
  const dir = scratch();
  let losses = 0;
  const executor = new FakeExecutor((job) => {
    if (job.id.endsWith('-a1') && losses < 2) { losses++; return 'lost'; }
    return JSON.parse(job.env.QUARRY_PARAMS_JSON).x > 1.2 ? 'crash' : null;
  });
  const summary = await runScan(config(), dir, { executor });
  assert.equal(summary.outcome, 'finished');
  const { run } = loadRun(dir);
  const retried = run.trials.filter((t) => t.attempts.length === 2 && t.status === 'completed');
  assert.ok(retried.length >= 1, 'a lost first attempt is redone');
  for (const t of run.trials.filter((t) => t.status === 'failed')) {
    assert.equal(t.attempts.length, 3);
    assert.equal(t.fault, 'crash');
  }
});

test('a driver closed mid-scan and reopened proposes exactly what an uninterrupted one does', async () => {
  const straight = scratch();
  await runScan(config(), straight, { executor: new FakeExecutor() });

  const interrupted = scratch();
  const executor = new FakeExecutor();
  for (let stops = 0; stops < 50; stops++) {
    const opened = await openScan(config(), interrupted, { executor });
    for (let k = 0; k < 1 + (stops % 4) && !opened.driver.finished; k++) await opened.driver.step();
    const done = opened.driver.finished;
    await opened.close();
    if (done) break;
  }
  assert.equal(exportCsv(loadRun(interrupted)), exportCsv(loadRun(straight)));
  assert.equal(new Set(executor.submitted).size, executor.submitted.length, 'no attempt submitted twice');
});

test('resuming with a different configuration is refused; a larger budget continues the scan', async () => {
  const dir = scratch();
  await runScan(config(), dir, { executor: new FakeExecutor() });
  await assert.rejects(runScan(config({ seed: 3 }), dir, { executor: new FakeExecutor() }), /holds a scan of a different configuration/);
  const more = await runScan(config({ stop: { budget: 19 } }), dir, { executor: new FakeExecutor() });
  assert.equal(more.counts.completed, 19);
});

test('a cancelled scan keeps its finished points and, resumed, runs the abandoned ones again to the end', async () => {
  const dir = scratch();
  const executor = new FakeExecutor();
  const opened = await openScan(config(), dir, { executor });
  for (let k = 0; k < 6; k++) await opened.driver.step();
  const abandoned = await opened.driver.cancel();
  await opened.close();
  const cancelled = loadRun(dir);
  assert.equal(cancelled.run.stopped?.reason, 'cancelled');
  assert.equal(cancelled.run.trials.filter((t) => t.status === 'abandoned').length, abandoned);
  const kept = cancelled.run.trials.filter((t) => t.status === 'completed').map((t) => t.id);
  const summary = await runScan(config(), dir, { executor: new FakeExecutor() });
  assert.equal(summary.outcome, 'finished');
  assert.equal(summary.counts.completed, 13);
  const { run } = loadRun(dir);
  for (const id of kept) assert.equal(run.trials.find((t) => t.id === id)!.attempts.length, 1, `${id} was not run again`);
});
