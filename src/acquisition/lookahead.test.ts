/**
 * Look-ahead acquisitions (SUR, mutual information) on a joint Gaussian written by hand: an RBF prior
 * (σ_f² = 1.2, ℓ = 0.2) over candidates x and integration points z on [0, 1].
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sur, surDirect, misclassificationReduction } from './sur.ts';
import { expectedPosteriorEntropy, mutualInformation, mutualInformationDirect, mutualInformationMomentMatched } from './mutual-information.ts';
import { gaussianClassEntropy } from './entropy.ts';
import type { LookaheadPosterior } from './types.ts';
import { QuarryError } from '../errors.ts';
import { createRng } from '../numeric/random/index.ts';
import { normalCdf, normalPdf } from '../numeric/special/index.ts';

const close = (actual: number, expected: number, tol: number, what = ''): void =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what} ${actual} ≠ ${expected} (±${tol})`);

function rbfLookahead(xs: number[], zs: number[], noiseVariance = 1e-4): LookaheadPosterior {
  const k = (a: number, b: number): number => 1.2 * Math.exp(-((a - b) ** 2) / (2 * 0.2 ** 2));
  const mean = (x: number): number => Math.sin(3 * x) - 0.5;
  const crossCovariance = new Float64Array(xs.length * zs.length);
  xs.forEach((x, i) => zs.forEach((z, j) => (crossCovariance[i * zs.length + j] = k(x, z))));
  return {
    candidates: { mean: Float64Array.from(xs, mean), variance: Float64Array.from(xs, (x) => k(x, x)) },
    integration: { mean: Float64Array.from(zs, mean), variance: Float64Array.from(zs, (z) => k(z, z)) },
    crossCovariance,
    noiseVariance,
  };
}

const XS = [0.02, 0.15, 0.33, 0.5, 0.71, 0.96];
const ZS = Array.from({ length: 25 }, (_, j) => (j + 0.5) / 25);

test('SUR matches a seeded Monte Carlo over the observation y to 3 standard errors', () => {
  const rng = createRng(7);
  const thresholds = [-0.1, 0.4];
  const p = rbfLookahead([0.3], [0.42], 0.05);
  const [mx, vx, mz, vz, c] = [p.candidates.mean[0]!, p.candidates.variance[0]!, p.integration.mean[0]!, p.integration.variance[0]!, p.crossCovariance[0]!];
  void mx;
  const sy2 = vx + p.noiseVariance;
  const sdAfter = Math.sqrt(vz - (c * c) / sy2);
  const n = 200000;
  let sum = 0;
  let sumSq = 0;
  for (let s = 0; s < n; s++) {
    const shift = (c / Math.sqrt(sy2)) * rng.normal(); // μ_z⁺ − μ_z for y − μ_y ~ N(0, s_y²)
    let g = 0;
    for (const t of thresholds) {
      const before = normalCdf((t - mz) / Math.sqrt(vz));
      const after = normalCdf((t - mz - shift) / sdAfter);
      g += before * (1 - before) - after * (1 - after);
    }
    sum += g;
    sumSq += g * g;
  }
  const estimate = sum / n;
  const standardError = Math.sqrt((sumSq / n - estimate * estimate) / n);
  const score = sur(p, thresholds)[0]!;
  assert.ok(score > 0.01, `score ${score}`);
  close(score, estimate, 3 * standardError, 'SUR vs Monte Carlo');
});

test('SUR removes all of p(1 − p) when z = x and there is no noise, and nothing when Cov = 0', () => {
  const p = rbfLookahead([0.4], [0.4], 0);
  const a = (0.2 - p.integration.mean[0]!) / Math.sqrt(p.integration.variance[0]!);
  close(sur(p, [0.2])[0]!, normalCdf(a) * (1 - normalCdf(a)), 1e-15);
  close(misclassificationReduction(a, 1), normalCdf(a) * normalCdf(-a), 1e-16);
  p.crossCovariance[0] = 0;
  assert.equal(sur(p, [0.2])[0], 0);
});

test('SUR by the Chebyshev table equals the pair-by-pair Φ₂ sum to 1e-13', () => {
  const p = rbfLookahead(XS, ZS, 0.01);
  for (const thresholds of [[0], [-0.6, -0.5, 0.3]]) {
    const fast = sur(p, thresholds);
    const slow = surDirect(p, thresholds);
    for (let i = 0; i < XS.length; i++) close(fast[i]!, slow[i]!, 1e-13, `x = ${XS[i]}`);
  }
});

/** E_U H by the trapezoid rule on 400 001 points of u ∈ [−10, 10] (the slow reference of the windows). */
function expectedEntropyByTrapezoid(mu: number, sigma: number, thresholds: number[], s: number): number {
  const rho = Math.sqrt(1 - s * s);
  const n = 400000;
  const h = 20 / n;
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    const u = -10 + i * h;
    sum += (i === 0 || i === n ? 0.5 : 1) * normalPdf(u) * gaussianClassEntropy(mu + rho * sigma * u, sigma * s, thresholds);
  }
  return sum * h;
}

test('the windowed Gauss–Legendre expectation of the posterior entropy agrees with a fine trapezoid rule', () => {
  for (const thresholds of [[0], [0.58, 0.6, 0.62]]) {
    for (const [mu, sigma] of [[0, 0.05], [0.61, 0.5], [-1.1, 2]] as const) {
      for (const s of [0.001, 0.05, 0.5, 0.8, 0.999]) {
        const exact = expectedEntropyByTrapezoid(mu, sigma, thresholds, s);
        close(expectedPosteriorEntropy(mu, sigma, thresholds, s), exact, 2e-9 * Math.max(exact, 1e-3), `μ = ${mu}, σ = ${sigma}, s = ${s}`);
      }
    }
  }
});

test('mutual information is ≥ 0, bounded by the class entropy, and the table equals the direct sum', () => {
  const p = rbfLookahead(XS, ZS, 0.01);
  // Thresholds 0.1 apart at σ_z ≈ 1.1 put a feature at s ≈ 0.07 that degree 32 resolves only to ~5e-6.
  for (const [thresholds, tolerance] of [[[0], 1e-9], [[-0.6, -0.5, 0.3], 1e-5]] as const) {
    const fast = mutualInformation(p, [...thresholds]);
    const slow = mutualInformationDirect(p, [...thresholds]);
    let prior = 0;
    for (let j = 0; j < ZS.length; j++) prior += gaussianClassEntropy(p.integration.mean[j]!, Math.sqrt(p.integration.variance[j]!), thresholds) / ZS.length;
    for (let i = 0; i < XS.length; i++) {
      assert.ok(fast[i]! >= 0 && fast[i]! <= prior);
      close(fast[i]!, slow[i]!, tolerance, `x = ${XS[i]}`);
    }
  }
});

test('the one-threshold mutual information (interpolated universal table) equals the pair-by-pair integral to 1e-10', () => {
  // 4 candidates × 170 integration points: standardized thresholds a from −8.4 to 8.4 off the table's nodes,
  // correlations from 0.05 to 0.9999 (s from 0.999 to 0.014)
  const q = 170;
  const correlations = [0.05, 0.5, 0.95, 0.9999];
  const m = correlations.length;
  const sigma = 0.7;
  const integration = { mean: new Float64Array(q), variance: new Float64Array(q).fill(sigma * sigma) };
  for (let j = 0; j < q; j++) integration.mean[j] = 0.3 - sigma * (-8.4 + (16.8 * j) / (q - 1) + 0.0037);
  const crossCovariance = new Float64Array(m * q);
  correlations.forEach((r, i) => crossCovariance.fill(r * sigma, i * q, (i + 1) * q));
  const p: LookaheadPosterior = {
    candidates: { mean: new Float64Array(m), variance: new Float64Array(m).fill(1) },
    integration, crossCovariance, noiseVariance: 0, weights: new Float64Array(q).fill(1 / q),
  };
  const fast = mutualInformation(p, [0.3]);
  const slow = mutualInformationDirect(p, [0.3]);
  for (let i = 0; i < m; i++) {
    assert.ok(slow[i]! > 0);
    close(fast[i]!, slow[i]!, 1e-10, `ρ = ${correlations[i]}`);
  }
});

test('mutual information is 0 when the cross-covariance is 0', () => {
  const p = rbfLookahead(XS, ZS);
  p.crossCovariance.fill(0);
  assert.deepEqual([...mutualInformation(p, [0])], new Array(XS.length).fill(0));
});

test('mutual information equals H[C(z)] when z = x and the noise goes to 0', () => {
  const thresholds = [-0.2, 0.1];
  for (const noise of [0, 1e-14]) {
    const p = rbfLookahead([0.4], [0.4], noise);
    const h = gaussianClassEntropy(p.integration.mean[0]!, Math.sqrt(p.integration.variance[0]!), thresholds);
    close(mutualInformation(p, thresholds)[0]!, h, 1e-6);
    close(mutualInformationDirect(p, thresholds)[0]!, h, 1e-6);
  }
});

test('excursion\'s moment-matched mutual information is a lower bound on the exact one', () => {
  const p = rbfLookahead(XS, ZS, 0.01);
  const exact = mutualInformation(p, [0]);
  const matched = mutualInformationMomentMatched(p, [0]);
  for (let i = 0; i < XS.length; i++) {
    assert.ok(matched[i]! > 0 && matched[i]! <= exact[i]! + 1e-12, `x = ${XS[i]}: ${matched[i]} vs ${exact[i]}`);
  }
  // At z = x without noise the bound is −½ Σ P_k ln V_k, not H[C]: for a = 0, −½ ln(1 − 2/π) = 0.5068.
  const same = rbfLookahead([0.5], [0.5], 0);
  close(mutualInformationMomentMatched(same, [same.integration.mean[0]!])[0]!, -0.5 * Math.log(1 - 2 / Math.PI), 1e-12);
});

test('look-ahead scores of m candidates equal m single-candidate calls, and weights default to 1/q', () => {
  const p = rbfLookahead(XS, ZS, 0.01);
  const weighted = { ...p, weights: new Float64Array(ZS.length).fill(1 / ZS.length) };
  for (const score of [sur, mutualInformation]) {
    const all = score(p, [0]);
    assert.deepEqual([...score(weighted, [0])], [...all]);
    XS.forEach((x, i) => assert.equal(score(rbfLookahead([x], ZS, 0.01), [0])[0], all[i]));
  }
});

test('look-ahead acquisitions reject a cross-covariance of the wrong shape', () => {
  const p = rbfLookahead(XS, ZS);
  const bad = { ...p, crossCovariance: new Float64Array(3) };
  assert.throws(() => sur(bad, [0]), QuarryError);
  assert.throws(() => mutualInformation({ ...p, weights: new Float64Array(2) }, [0]), QuarryError);
});
