import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  accuracy,
  balancedAccuracy,
  classify,
  misclassificationEstimate,
  symmetricDifferenceVolume,
} from './metrics.ts';
import { QuarryError } from '../errors.ts';

const f64 = (...v: number[]): Float64Array => Float64Array.from(v);
const close = (a: number, b: number, tol = 1e-12): void => assert.ok(Math.abs(a - b) <= tol, `${a} ≠ ${b}`);

test('classify counts the thresholds a value reaches: f < t is class 0, f = t is above', () => {
  assert.deepEqual([...classify(f64(-1, 0, 0.5, 1, 2, NaN), [0])], [0, 1, 1, 1, 1, 0]);
  assert.deepEqual([...classify(f64(0.57, 0.58, 0.59, 0.61, 0.62, 0.7), [0.6, 0.58, 0.62])], [0, 1, 1, 2, 3, 3]);
});

test('a perfect prediction has balanced and plain accuracy 1 and no symmetric difference', () => {
  const truth = [f64(-2, -1, 1, 2, 3)];
  const pred = [f64(-5, -0.1, 0.2, 9, 1)];
  assert.equal(balancedAccuracy(truth, pred, [0]), 1);
  assert.equal(accuracy(truth, pred, [0]), 1);
  assert.equal(symmetricDifferenceVolume(truth, pred, [0], 0.2), 0);
});

test('a class predicted all wrong counts 0 for that class: balanced accuracy is the mean over classes', () => {
  // two excluded points, both predicted allowed; three allowed points, all right → (0 + 1)/2
  const truth = [f64(-1, -1, 1, 1, 1)];
  const pred = [f64(1, 1, 1, 1, 1)];
  assert.equal(balancedAccuracy(truth, pred, [0]), 0.5);
  close(accuracy(truth, pred, [0]), 0.6);
  close(symmetricDifferenceVolume(truth, pred, [0], 0.1), 0.2);
});

test('under class imbalance balanced accuracy differs from plain accuracy', () => {
  // 1 point inside of 100, predicted outside: plain 0.99, balanced (0 + 1)/2
  const truth = new Float64Array(100).fill(5);
  truth[17] = 0.5;
  const pred = new Float64Array(100).fill(5);
  assert.equal(balancedAccuracy([truth], [pred], [1]), 0.5);
  close(accuracy([truth], [pred], [1]), 0.99);
  // 9 of 90 outside points wrong, the 10 inside points right: balanced (1 + 0.9)/2 = 0.95, plain 0.91
  const t2 = new Float64Array(100).fill(5);
  const p2 = new Float64Array(100).fill(5);
  for (let i = 0; i < 10; i++) t2[i] = p2[i] = 0;
  for (let i = 10; i < 19; i++) p2[i] = 0;
  close(balancedAccuracy([t2], [p2], [1]), 0.95);
  close(accuracy([t2], [p2], [1]), 0.91);
});

test('classes absent from the truth do not count; functions are averaged', () => {
  const truth = [f64(1, 1, 1, 1), f64(-1, -1, 1, 1)];
  const pred = [f64(1, 1, -1, 1), f64(-1, -1, -1, 1)];
  // f0: only class 1 present, 3/4 right → 0.75; f1: class 0 2/2, class 1 1/2 → 0.75
  close(balancedAccuracy(truth, pred, [0]), 0.75);
  close(accuracy(truth, pred, [0]), 0.75);
  close(symmetricDifferenceVolume(truth, pred, [0], 0.25), 0.25);
});

test('a mask removes points from every metric', () => {
  const truth = [f64(-1, -1, 1, 1, 1, -1)];
  const pred = [f64(-1, 1, 1, 1, -1, 1)];
  const mask = Uint8Array.from([1, 0, 1, 1, 0, 0]);
  assert.equal(balancedAccuracy(truth, pred, [0], mask), 1);
  assert.equal(accuracy(truth, pred, [0], mask), 1);
  assert.equal(symmetricDifferenceVolume(truth, pred, [0], 1, mask), 0);
  const mask2 = Uint8Array.from([1, 1, 1, 1, 0, 0]);
  close(balancedAccuracy(truth, pred, [0], mask2), (0.5 + 1) / 2);
  close(accuracy(truth, pred, [0], mask2), 0.75);
  close(symmetricDifferenceVolume(truth, pred, [0], 0.5, mask2), 0.5);
});

test('several thresholds make K + 1 classes, each weighted equally', () => {
  const t = [0.58, 0.6, 0.62];
  // truth classes 0,0,1,2,3,3 ; predicted 0,1,1,1,3,2
  const truth = [f64(0.1, 0.2, 0.59, 0.61, 0.63, 0.64)];
  const pred = [f64(0.1, 0.585, 0.595, 0.59, 0.7, 0.615)];
  close(balancedAccuracy(truth, pred, t), (0.5 + 1 + 0 + 0.5) / 4);
  close(accuracy(truth, pred, t), 3 / 6);
  close(symmetricDifferenceVolume(truth, pred, t, 1 / 6), 0.5);
});

test('misclassification estimate is Φ(−|μ − t|/σ) for one threshold', () => {
  // Φ(−1) = 0.15865525393145707, Φ(−2) = 0.022750131948179195, Φ(0) = 0.5
  const means = [f64(1, -2, 0)];
  const variances = [f64(1, 1, 4)];
  close(misclassificationEstimate(means, variances, [0]), (0.15865525393145707 + 0.022750131948179195 + 0.5) / 3, 1e-15);
  // zero variance is certain; a mask drops the third point
  close(misclassificationEstimate([f64(1, 0.1)], [f64(0, -1e-18)], [0]), 0);
  close(misclassificationEstimate(means, variances, [0], Uint8Array.from([1, 1, 0])), (0.15865525393145707 + 0.022750131948179195) / 2, 1e-15);
});

test('misclassification estimate with several thresholds is 1 − P(f in μ\'s interval)', () => {
  // μ = 0.5 between 0 and 1, σ = 0.5: 1 − (Φ(1) − Φ(−1)) = 2 Φ(−1); μ = 2 above both (σ = 1): Φ(−1)
  const e = misclassificationEstimate([f64(0.5, 2)], [f64(0.25, 1)], [1, 0]);
  close(e, (2 * 0.15865525393145707 + 0.15865525393145707) / 2, 1e-15);
  // averaged over functions
  const two = misclassificationEstimate([f64(0.5), f64(2)], [f64(0.25), f64(1)], [0, 1]);
  close(two, e, 1e-15);
});

test('mismatched shapes, masks and thresholds throw QuarryError naming the input', () => {
  const a = [f64(1, 2)];
  assert.throws(() => balancedAccuracy(a, [f64(1)], [0]), (e: unknown) => e instanceof QuarryError && /predicted\[0\]/.test(e.message));
  assert.throws(() => accuracy(a, [f64(1, 2), f64(1, 2)], [0]), /2 functions|1 functions/);
  assert.throws(() => accuracy(a, a, [0], Uint8Array.from([1])), /mask has 1 entries/);
  assert.throws(() => accuracy(a, a, [0], Uint8Array.from([0, 0])), /no valid points/);
  assert.throws(() => classify(f64(1), []), /thresholds/);
  assert.throws(() => classify(f64(1), [NaN]), /thresholds\[0\]/);
  assert.throws(() => symmetricDifferenceVolume(a, a, [0], 0), /cellVolume/);
  assert.throws(() => misclassificationEstimate([f64(NaN)], [f64(1)], [0]), /means\[0\]\[0\]/);
});
