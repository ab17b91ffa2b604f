import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { JobOutcome } from '../executors/executor.ts';
import { interpretOutcome } from './result.ts';

const base: JobOutcome = { exitCode: 0, signal: null, timedOut: false, cancelled: false, startedAt: '', endedAt: '', seconds: 1.5, result: null, host: 'h' };
const outcome = (o: Partial<JobOutcome>) => ({ ...base, ...o });

test('a JSON object with every output completes the point', () => {
  assert.deepEqual(interpretOutcome(outcome({ result: '{"cls": 0.03, "extra": 1}' }), ['cls']), { status: 'completed', outputs: { cls: 0.03 } });
  assert.deepEqual(interpretOutcome(outcome({ result: '0.5\n' }), ['cls']), { status: 'completed', outputs: { cls: 0.5 } });
});

test('one missing or NaN output of two completes the point and says which', () => {
  const r = interpretOutcome(outcome({ result: '{"obs": NaN, "exp": 0.2}' }), ['obs', 'exp']);
  assert.deepEqual(r, { status: 'completed', outputs: { obs: null, exp: 0.2 }, error: 'obs = "NaN"' });
});

test('each fault is named: crash, timeout, cancelled, missing result, garbage, NaN', () => {
  const cases: [Partial<JobOutcome>, string, boolean][] = [
    [{ exitCode: 3 }, 'crash', true],
    [{ exitCode: null, signal: 'SIGSEGV' }, 'crash', true],
    [{ exitCode: null, signal: 'SIGTERM', timedOut: true }, 'timeout', true],
    [{ exitCode: null, signal: 'SIGTERM', cancelled: true }, 'cancelled', false],
    [{ result: null }, 'missing-result', true],
    [{ result: 'Segmentation fault' }, 'garbage', true],
    [{ result: '[1, 2]' }, 'garbage', true],
    [{ result: '{"other": 1}' }, 'garbage', true],
    [{ result: '{"cls": NaN}' }, 'nan', false],
    [{ result: '{"cls": "inf"}' }, 'nan', false],
  ];
  for (const [o, fault, retryable] of cases) {
    const r = interpretOutcome(outcome(o), ['cls'], 'first\nlast stderr line\n');
    assert.equal(r.status, 'failed', JSON.stringify(o));
    assert.ok(r.status === 'failed' && r.fault === fault && r.retryable === retryable && !r.error.includes('\n'), `${JSON.stringify(o)} → ${JSON.stringify(r)}`);
  }
  const crash = interpretOutcome(outcome({ exitCode: 3 }), ['cls'], 'Traceback\nValueError: bad mass\n');
  assert.ok(crash.status === 'failed' && crash.error === 'the evaluator failed (exit code 3); stderr: ValueError: bad mass', JSON.stringify(crash));
});
