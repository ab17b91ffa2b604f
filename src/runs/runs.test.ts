import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir, hostname } from 'node:os';
import { join } from 'node:path';
import { QuarryError } from '../errors.ts';
import { acquireRunLock, LOCK_FILE, LOG_FILE, readEvents, replay, RunStore } from './index.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'quarry-runs-'));

test('the store appends numbered events that read back in order', () => {
  const d = dir();
  const store = RunStore.open(d);
  store.append({ type: 'scan-started', config: { a: 1 }, configHash: 'abc', version: '0.1.0' });
  store.append({ type: 'cancel-requested' });
  store.close();
  const events = readEvents(d);
  assert.deepEqual(events.map((e) => [e.seq, e.type]), [[1, 'scan-started'], [2, 'cancel-requested']]);
  const again = RunStore.open(d);
  assert.equal(again.append({ type: 'scan-resumed', pid: 1, host: 'h' }).seq, 3);
  again.close();
});

test('a torn last line (a crash mid-write) is dropped and truncated on reopen', () => {
  const d = dir();
  const store = RunStore.open(d);
  store.append({ type: 'cancel-requested' });
  store.close();
  appendFileSync(join(d, LOG_FILE), '{"seq":2,"ty');
  assert.equal(readEvents(d).length, 1);
  const reopened = RunStore.open(d);
  reopened.append({ type: 'scan-stopped', reason: 'budget', message: 'done' });
  reopened.close();
  const lines = readFileSync(join(d, LOG_FILE), 'utf8').trim().split('\n');
  assert.equal(lines.length, 2);
  assert.equal(JSON.parse(lines[1]).type, 'scan-stopped');
});

test('a corrupt line in the middle of the log is an error naming the line', () => {
  const d = dir();
  writeFileSync(join(d, LOG_FILE), '{"seq":1,"type":"cancel-requested"}\nnot json\n{"seq":3,"type":"cancel-requested"}\n');
  assert.throws(() => readEvents(d), (e: unknown) => e instanceof QuarryError && /events\.jsonl:2/.test(e.message));
});

test('the lock admits one driver and is taken over when its process died', () => {
  const d = dir();
  const lock = acquireRunLock(d);
  assert.throws(() => acquireRunLock(d), (e: unknown) => e instanceof QuarryError && e.message.includes(String(process.pid)));
  lock.release();
  // a lock left by a process that is gone
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  writeFileSync(join(d, LOCK_FILE), JSON.stringify({ pid: Number(dead.stdout), host: hostname(), procStart: 1 }));
  const taken = acquireRunLock(d);
  assert.equal(JSON.parse(readFileSync(join(d, LOCK_FILE), 'utf8')).pid, process.pid);
  taken.release();
});

test('replay follows a trial through submission, a failed attempt, a retry and completion', () => {
  const d = dir();
  const store = RunStore.open(d);
  store.append({ type: 'scan-started', config: {}, configHash: 'h', version: '0' });
  store.append({ type: 'batch-proposed', batch: 0, trials: [{ id: 't0', hash: 'aa', point: { x: 1 } }, { id: 't1', hash: 'bb', point: { x: 2 } }], loop: { iteration: 1 } });
  store.append({ type: 'attempt-submitted', trial: 't0', attempt: 1, handle: { executor: 'local', id: 'a' } });
  store.append({ type: 'attempt-running', trial: 't0', attempt: 1 });
  let state = replay(store.events());
  assert.deepEqual(state.trials.map((t) => t.status), ['running', 'proposed']);
  store.append({ type: 'attempt-ended', trial: 't0', attempt: 1, status: 'failed', fault: 'crash', error: 'exit 3', retryAt: new Date().toISOString() });
  state = replay(store.events());
  assert.equal(state.trials[0].status, 'retrying');
  store.append({ type: 'attempt-submitted', trial: 't0', attempt: 2, handle: { executor: 'local', id: 'b' } });
  store.append({ type: 'attempt-ended', trial: 't0', attempt: 2, status: 'completed', outputs: { f: 1.5 } });
  store.append({ type: 'attempt-ended', trial: 't1', attempt: 1, status: 'failed', fault: 'cancelled', error: 'cancelled' });
  store.append({ type: 'trials-told', trials: ['t0', 't1'] });
  store.append({ type: 'scan-stopped', reason: 'budget', message: 'budget reached' });
  store.close();
  state = replay(readEvents(d));
  assert.deepEqual(state.trials.map((t) => [t.status, t.attempts.length, t.told]), [['completed', 2, true], ['abandoned', 1, true]]);
  assert.deepEqual(state.trials[0].outputs, { f: 1.5 });
  assert.equal(state.batches, 1);
  assert.deepEqual(state.loopUpdates, [{ iteration: 1 }]);
  assert.equal(state.stopped?.reason, 'budget');
});
