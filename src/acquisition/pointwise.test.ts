/** Pointwise acquisitions against hand-computed numbers (scipy literals) for posteriors written by hand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entropy } from './entropy.ts';
import { straddle } from './straddle.ts';
import { bichonStandard, expectedFeasibility, ranjanStandard } from './expected-feasibility.ts';
import { misclassificationProbability } from './sur.ts';
import { combineWeighted } from './combine.ts';
import { QuarryError } from '../errors.ts';
import { normalPdf } from '../numeric/special/index.ts';
import type { Posterior } from '../surrogate/posterior.ts';

const posterior = (mean: number[], variance: number[]): Posterior => ({
  mean: Float64Array.from(mean),
  variance: Float64Array.from(variance),
});
const close = (actual: number, expected: number, tol: number, what = ''): void =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what} ${actual} ≠ ${expected} (±${tol})`);

test('entropy at μ = t is ln 2 for one threshold', () => {
  close(entropy(posterior([0.7], [0.3]), [0.7])[0]!, Math.LN2, 1e-16);
});

test('entropy of N(0, 1) cut at ±1 into three classes matches scipy', () => {
  close(entropy(posterior([0], [1]), [-1, 1])[0]!, 0.8447684325345389, 1e-15);
});

test('entropy is 0 when σ = 0 and correct (not 0·ln 0 = NaN) in the far tail', () => {
  assert.deepEqual([...entropy(posterior([0, 0, 2], [0, 0, 0]), [0])], [0, 0, 0]);
  // μ 30σ from the threshold: H = −Q ln Q − (1 − Q) ln(1 − Q), Q = Q(30) = 4.9067e-198.
  const h = entropy(posterior([0], [1]), [30])[0]!;
  close(h, 2.234131089047027e-195, 1e-14 * h); // mpmath, log1p for the 1 − Q term
  assert.equal(entropy(posterior([0], [1]), [60])[0], 0);
});

test('entropy never exceeds ln(K + 1) and scores m candidates as m single calls', () => {
  const p = posterior([-1, 0.1, 0.5, 3], [0.5, 2, 0.01, 4]);
  const th = [0, 0.2, 1];
  const all = entropy(p, th);
  for (let i = 0; i < 4; i++) {
    assert.equal(all[i], entropy(posterior([p.mean[i]!], [p.variance[i]!]), th)[0]);
    assert.ok(all[i]! >= 0 && all[i]! <= Math.log(4));
  }
});

test('acquisitions reject unsorted thresholds and mismatched posteriors with a QuarryError', () => {
  assert.throws(() => entropy(posterior([0], [1]), [1, 0]), (e: unknown) => e instanceof QuarryError && e.code === 'INVALID_ARGUMENT');
  assert.throws(() => straddle(posterior([0, 1], [1]), [0]), QuarryError);
  assert.throws(() => straddle(posterior([0], [1]), []), QuarryError);
});

test('straddle is 1.96σ − |μ − t| at the nearest threshold: positive inside the band, negative outside', () => {
  const s = straddle(posterior([0.5, 3, 1.9], [1, 1, 0.01]), [0, 2]);
  close(s[0]!, 1.96 - 0.5, 1e-15);
  close(s[1]!, 1.96 - 1, 1e-15);
  close(s[2]!, 0.196 - 0.1, 1e-15);
  assert.ok(straddle(posterior([5], [1]), [0])[0]! < 0);
});

/** E[max(0, (2σ)^δ − |f − t|^δ)] by the trapezoid rule on 200 001 points (the slow reference). */
function feasibilityByQuadrature(mu: number, sigma: number, t: number, delta: number): number {
  const n = 200000;
  const lo = t - 2 * sigma;
  const h = (4 * sigma) / n;
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    const f = lo + i * h;
    const g = ((2 * sigma) ** delta - Math.abs(f - t) ** delta) * (normalPdf((f - mu) / sigma) / sigma);
    sum += (i === 0 || i === n ? 0.5 : 1) * g;
  }
  return sum * h;
}

test('expected feasibility at μ = t matches scipy quad: Bichon 1.2190968444307941σ, Ranjan 3.079463074363678σ²', () => {
  close(bichonStandard(0), 1.2190968444307941, 1e-15);
  close(ranjanStandard(0), 3.079463074363678, 1e-15);
  close(expectedFeasibility(1)(posterior([0.3], [0.25]), [1])[0]!, 0.34771155324499814, 1e-14);
  close(expectedFeasibility(2)(posterior([0.3], [0.25]), [1])[0]!, 0.47203233310920556, 1e-14);
});

test('the closed forms of expected feasibility (δ = 1, 2) agree with numerical integration', () => {
  for (const [mu, sigma, t] of [[0, 1, 0.4], [1.2, 0.3, 0.5], [-2, 0.7, 1], [0.1, 2, -0.3], [5, 0.5, 0]] as const) {
    for (const delta of [1, 2] as const) {
      const got = expectedFeasibility(delta)(posterior([mu], [sigma * sigma]), [t])[0]!;
      close(got, feasibilityByQuadrature(mu, sigma, t, delta), 1e-9, `δ = ${delta}, μ = ${mu}`);
    }
  }
});

test('expected feasibility uses the nearest threshold, is 0 for σ = 0 and rejects δ ∉ {1, 2}', () => {
  const two = expectedFeasibility(1)(posterior([0.9, 0.9], [0.04, 0]), [0, 1]);
  close(two[0]!, expectedFeasibility(1)(posterior([0.9], [0.04]), [1])[0]!, 0);
  assert.equal(two[1], 0);
  assert.throws(() => expectedFeasibility(3 as 1), QuarryError);
});

test('misclassification probability is the mass outside the class of μ', () => {
  const p = misclassificationProbability(posterior([0, 5, 0.5, 1], [1, 1, 0, 4]), [-1, 2]);
  close(p[0]!, 0.18140538587963628, 1e-16); // Φ(−1) + Q(2)
  close(p[1]!, 0.0013498980316300933, 1e-17); // Φ(2 − 5) from above the top threshold
  assert.equal(p[2], 0);
  close(misclassificationProbability(posterior([0], [1]), [0])[0]!, 0.5, 0);
  close(p[3]!, 0.15865525393145707 + 0.3085375387259869, 1e-15); // μ = 1, σ = 2: Φ(−1) + Q(0.5)
});

test('combineWeighted sums the scores of several functions with their weights and checks lengths', () => {
  const out = combineWeighted([Float64Array.from([1, 2]), Float64Array.from([10, 20])], [0.5, 0.25]);
  assert.deepEqual([...out], [3, 6]);
  assert.throws(() => combineWeighted([Float64Array.from([1]), Float64Array.from([1, 2])], [1, 1]), QuarryError);
  assert.throws(() => combineWeighted([Float64Array.from([1])], [1, 2]), QuarryError);
  assert.throws(() => combineWeighted([], []), QuarryError);
});
