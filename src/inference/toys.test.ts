import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../histfactory/model.ts';
import { createRng } from '../numeric/random/index.ts';
import { poissonDeviate } from './calculators/sampling.ts';
import { percentile } from './calculators/toys.ts';
import { countingSpec } from './counting-fixture.test-helper.ts';
import { hypotest } from './hypotest.ts';

test('Poisson deviates have mean and variance λ (small λ by multiplication, large by PTRS)', () => {
  const rng = createRng(7);
  for (const lambda of [0.7, 4, 35, 400]) {
    const n = 20000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const k = poissonDeviate(rng, lambda);
      assert.ok(Number.isInteger(k) && k >= 0);
      s += k;
      s2 += k * k;
    }
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    assert.ok(Math.abs(mean - lambda) < 5 * Math.sqrt(lambda / n), `λ=${lambda}: mean ${mean}`);
    assert.ok(Math.abs(variance / lambda - 1) < 0.05, `λ=${lambda}: variance ${variance}`);
  }
});

test('percentiles interpolate linearly as NumPy does', () => {
  assert.equal(percentile([1, 2, 3, 4], 50), 2.5);
  assert.equal(percentile([1, 2, 3, 4], 100), 4);
});

test('toys are reproducible by seed and agree with the asymptotic CLs on a high-count counting model', () => {
  const spec = countingSpec([105], [100], [10]);
  const model = buildModel(spec);
  const data = model.observedData(spec);
  const a = hypotest(model, data, 2, { calculator: 'toys', ntoys: 300, seed: 3 });
  const b = hypotest(model, data, 2, { calculator: 'toys', ntoys: 300, seed: 3 });
  assert.deepEqual(a, b);
  const asym = hypotest(model, data, 2);
  assert.ok(Math.abs(a.cls - asym.cls) < 0.08, `toys ${a.cls} vs asymptotic ${asym.cls}`);
  assert.ok(Math.abs(a.expected.median - asym.expected.median) < 0.08, `toys ${a.expected.median} vs asymptotic ${asym.expected.median}`);
  assert.ok(Math.abs(a.testStatistic - asym.testStatistic) < 1e-9);
});
