/** Φ₂(h, k; ρ) against mpmath (40 digits, Φ₂ = ∫_{−∞}^{h} φ(x) Φ((k − ρx)/√(1 − ρ²)) dx) and identities. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bivariateNormalCdf } from './bivariate-normal.ts';
import { normalCdf } from './normal.ts';

// [h, k, ρ, Φ₂(h, k; ρ)] from mpmath.quad at mp.dps = 40.
const GOLDEN: readonly [number, number, number, number][] = [
  [0, 0, 0, 0.25],
  [0, 0, 0.5, 0.3333333333333333],
  [0, 0, -0.5, 0.16666666666666666],
  [1, -0.5, 0.3, 0.28313842024448094],
  [-1.5, 2, 0.7, 0.06680699764383292],
  [0.3, 0.3, 0.9, 0.5493403142443908],
  [-2, -2, 0.95, 0.01602448370426653],
  [2, 1, -0.95, 0.8185946141203637],
  [0.5, -0.2, 0.999, 0.42074029056089696],
  [-0.5, 0.7, -0.999, 0.06657389835728321],
  [3, -3, 0.2, 0.0013497672811870077],
  [-6, -6, 0.5, 3.8935880669598155e-13],
  [-8, 1, 0.9, 6.220960574271784e-16],
  [5, 5, -0.3, 0.9999994266968563],
  [1.2, 0.4, 0.9999999, 0.6554217416103242],
  [-1, 1, -0.9999999, 4.317058049039468e-5],
  [0.25, -0.75, 0.92, 0.22631242349067324],
  [-3, -2.5, -0.93, 3.2254951185559373e-51],
  [0, 0, 1, 0.5],
  [0.4, -0.3, -1, 0.03751031942137154],
  [-0.3, 0.4, -1, 0.03751031942137154],
  [-10, -10, 0.99, 3.6126016762325164e-24],
  [-4, -4, 0.999, 2.9286526690599683e-5],
];

test('bivariateNormalCdf matches mpmath to 1e-14 absolute across ρ ∈ [−1, 1] and into the tails', () => {
  for (const [h, k, rho, expected] of GOLDEN) {
    const got = bivariateNormalCdf(h, k, rho);
    assert.ok(Math.abs(got - expected) <= 1e-14, `Φ₂(${h}, ${k}; ${rho}) = ${got}, expected ${expected}`);
  }
});

test('bivariateNormalCdf is accurate relative to tiny probabilities away from ρ = ±1', () => {
  for (const [h, k, rho, expected] of GOLDEN) {
    if (expected > 1e-6 || Math.abs(rho) > 0.9) continue;
    const got = bivariateNormalCdf(h, k, rho);
    assert.ok(Math.abs(got - expected) <= 1e-10 * expected, `Φ₂(${h}, ${k}; ${rho}) = ${got}, expected ${expected}`);
  }
});

test('bivariateNormalCdf handles infinite limits, ρ = ±1 and NaN', () => {
  assert.equal(bivariateNormalCdf(-Infinity, 0.3, 0.5), 0);
  assert.equal(bivariateNormalCdf(0.3, -Infinity, -0.5), 0);
  assert.equal(bivariateNormalCdf(Infinity, 0.3, 0.5), normalCdf(0.3));
  assert.equal(bivariateNormalCdf(-1.2, Infinity, 0.9), normalCdf(-1.2));
  assert.equal(bivariateNormalCdf(Infinity, Infinity, -1), 1);
  assert.ok(Math.abs(bivariateNormalCdf(0.7, -0.2, 1) - normalCdf(-0.2)) < 1e-16);
  assert.ok(Math.abs(bivariateNormalCdf(0.7, -0.2, -1) - (normalCdf(0.7) - normalCdf(0.2))) < 1e-16);
  assert.equal(bivariateNormalCdf(-0.7, -0.2, -1), 0);
  assert.ok(Number.isNaN(bivariateNormalCdf(NaN, 0, 0)));
  assert.ok(Number.isNaN(bivariateNormalCdf(0, 0, 1.5)));
});

test('bivariateNormalCdf is symmetric in (h, k) and satisfies Φ₂(h, k; ρ) + Φ₂(h, −k; −ρ) = Φ(h)', () => {
  for (const rho of [-0.99, -0.93, -0.6, -0.1, 0, 0.2, 0.5, 0.8, 0.94, 0.9999]) {
    for (const [h, k] of [[0.3, -1.1], [-2.5, 0.4], [1.7, 2.2], [-0.2, -0.9]] as const) {
      assert.ok(Math.abs(bivariateNormalCdf(h, k, rho) - bivariateNormalCdf(k, h, rho)) < 1e-15);
      const sum = bivariateNormalCdf(h, k, rho) + bivariateNormalCdf(h, -k, -rho);
      assert.ok(Math.abs(sum - normalCdf(h)) < 2e-15, `ρ = ${rho}, h = ${h}, k = ${k}`);
    }
  }
});

test('bivariateNormalCdf is accurate on both sides of the switch of method at |ρ| = 0.925', () => {
  // [h, k, ρ, Φ₂] from mpmath, just below and at the switch.
  const cases: [number, number, number, number][] = [
    [0.4, -0.6, 0.9249999999, 0.2740110121971728],
    [0.4, -0.6, 0.925, 0.2740110121986593],
    [0.4, -0.6, -0.925, 0.02647973943606707],
    [-1.3, -0.8, 0.9249999999, 0.09267517307522957],
    [-1.3, -0.8, 0.925, 0.09267517308549625],
    [-1.3, -0.8, -0.925, 7.783908394078782e-10],
    [2, 2, 0.9249999999, 0.969065606684978],
    [2, 2, 0.925, 0.9690656066902218],
    [2, 2, -0.925, 0.9544997361036416],
  ];
  for (const [h, k, rho, expected] of cases) {
    assert.ok(Math.abs(bivariateNormalCdf(h, k, rho) - expected) < 1e-15, `Φ₂(${h}, ${k}; ${rho})`);
  }
});
