import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acquisition } from './index.ts';
import { selectBatch } from './batch.ts';
import { focusIntegration, type ScoringModel } from './score.ts';
import { GaussianProcess } from '../surrogate/gaussian-process.ts';
import { sobolPoints } from '../numeric/design/index.ts';
import { createRng } from '../numeric/random/index.ts';

/** A GP on the unit square through five points of f(u) = 4(u₀ + u₁ − 1) (contour: the anti-diagonal). */
function model(): ScoringModel {
  const x = Float64Array.of(0.1, 0.1, 0.9, 0.9, 0.1, 0.9, 0.9, 0.1, 0.5, 0.2);
  const y = Float64Array.from({ length: 5 }, (_, i) => 4 * (x[2 * i] + x[2 * i + 1] - 1));
  const gp = GaussianProcess.create({
    kernel: 'matern52', hyperparameters: { amplitude: 4, lengthScales: [0.4, 0.4], noise: 1e-6 },
    inputLower: [0, 0], inputUpper: [1, 1], yMean: 0, yStd: 1, nugget: 1e-10,
  }, x, y);
  return { gp, thresholds: [0], weight: 1 };
}

test('focusIntegration keeps the points of uncertain class with their original weight 1/q', () => {
  const points = Float64Array.of(0.5, 0.5, 0.1, 0.12, 0.9, 0.88, 0.45, 0.55);
  const focused = focusIntegration([model()], { points });
  assert.deepEqual(Array.from(focused.points), [0.5, 0.5, 0.45, 0.55]);
  assert.deepEqual(Array.from(focused.weights!), [0.25, 0.25]);
});

test('a greedy SUR batch of three picks distinct points near the contour, the same for the same seed', () => {
  const candidates = sobolPoints(256, 2);
  const run = () => selectBatch([model()], acquisition('sur'), candidates, {
    count: 3, strategy: 'kriging-believer', rng: createRng(3), exclusions: [], minDistance: 0.05,
    integration: { points: sobolPoints(128, 2, { skip: 7 }) },
  });
  const batch = run();
  assert.equal(batch.length, 6);
  for (let a = 0; a < 3; a++) {
    assert.ok(Math.abs(batch[2 * a] + batch[2 * a + 1] - 1) < 0.3, `point ${a} near the contour`);
    for (let b = 0; b < a; b++) assert.ok(Math.hypot(batch[2 * a] - batch[2 * b], batch[2 * a + 1] - batch[2 * b + 1]) >= 0.05);
  }
  assert.deepEqual(run(), batch);
});

test('a refined point inside an exclusion radius falls back to the chosen candidate', () => {
  const evaluated = Float64Array.of(0.5, 0.5);
  const batch = selectBatch([model()], acquisition('straddle'), Float64Array.of(0.3, 0.7, 0.1, 0.1), {
    count: 1, strategy: 'kriging-believer', rng: createRng(1), exclusions: [{ points: evaluated, radius: 0.01 }], minDistance: 1e-3,
    refine: () => Float64Array.of(0.5, 0.5),
  });
  assert.deepEqual(Array.from(batch), [0.3, 0.7]);
});
