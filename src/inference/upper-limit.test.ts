import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../histfactory/model.ts';
import { countingSpec } from './counting-fixture.test-helper.ts';
import { hypotest } from './hypotest.ts';
import { upperLimit } from './upper-limit.ts';

test('each limit sits where its CLs curve crosses 0.05', () => {
  const spec = countingSpec([12, 20], [10, 18], [3, 2]);
  const model = buildModel(spec);
  const data = model.observedData(spec);
  const ul = upperLimit(model, data);
  assert.deepEqual(ul.warnings, []);
  assert.ok(Math.abs(hypotest(model, data, ul.observed!).cls - 0.05) < 1e-6);
  for (const k of ['minus2', 'minus1', 'median', 'plus1', 'plus2'] as const) {
    assert.ok(Math.abs(hypotest(model, data, ul.expected[k]!).expected[k] - 0.05) < 1e-6, k);
  }
  assert.ok(ul.expected.minus2! < ul.expected.median! && ul.expected.median! < ul.expected.plus2!);
});

test('a limit above the POI upper bound is null with a warning naming the curve and the bound, never an error', () => {
  const spec = countingSpec([12, 20], [10, 18], [3, 2], [0, 1.5]);
  const model = buildModel(spec);
  const ul = upperLimit(model, model.observedData(spec));
  assert.equal(ul.observed, null);
  assert.equal(ul.expected.plus2, null);
  assert.ok(ul.warnings.some((w) => /^observed limit lies above the POI upper bound 1\.5/.test(w)));
  assert.ok(ul.warnings.some((w) => /^expected \+2σ limit lies above the POI upper bound 1\.5/.test(w)));
  assert.ok(ul.warnings.every((w) => /poiBounds/.test(w)));
  const wide = upperLimit(model, model.observedData(spec), { poiBounds: [0, 50] });
  assert.ok(wide.observed! > 1.5 && wide.warnings.length === 0);
});
