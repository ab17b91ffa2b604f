import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acquisition } from './index.ts';
import { refinePoint } from './refine.ts';
import { scoreCandidates, type ScoringModel } from './score.ts';
import { GaussianProcess } from '../surrogate/gaussian-process.ts';
import { sobolPoints } from '../numeric/design/index.ts';

/** A GP on the unit square through five points of f(u) = u₀ + u₁ − 1 (contour: the anti-diagonal). */
function model(): ScoringModel {
  const x = Float64Array.of(0.1, 0.1, 0.9, 0.9, 0.1, 0.9, 0.9, 0.1, 0.5, 0.2);
  const y = Float64Array.from({ length: 5 }, (_, i) => x[2 * i] + x[2 * i + 1] - 1);
  const gp = GaussianProcess.create({
    kernel: 'matern52', hyperparameters: { amplitude: 1, lengthScales: [0.3, 0.3], noise: 1e-6 },
    inputLower: [0, 0], inputUpper: [1, 1], yMean: 0, yStd: 1, nugget: 1e-10,
  }, x, y);
  return { gp, thresholds: [0], weight: 1 };
}

for (const name of ['straddle', 'entropy', 'sur'] as const) {
  test(`gradient refinement raises the ${name} score of a start point and stays in the box`, () => {
    const models = [model()];
    const entry = acquisition(name);
    const integration = { points: sobolPoints(256, 2) };
    const start = Float64Array.of(0.3, 0.45);
    const before = scoreCandidates(models, entry, start, integration)[0];
    const { point, score } = refinePoint(start, models, entry, { integration, steps: 4 });
    assert.ok(score > before, `${score} > ${before}`);
    assert.equal(score, scoreCandidates(models, entry, point, integration)[0]);
    assert.ok(point.every((v) => v >= 0 && v <= 1));
  });
}

test('gradient refinement never leaves the valid region', () => {
  const models = [model()];
  const valid = (u: Float64Array) => u[0] <= 0.32;
  const { point } = refinePoint(Float64Array.of(0.3, 0.45), models, acquisition('straddle'), { valid, steps: 6 });
  assert.ok(valid(point));
});
