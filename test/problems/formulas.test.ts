import { test } from 'node:test';
import assert from 'node:assert/strict';
import { onedFastFunction } from '../../bench/problems/oned-fast.ts';
import { onedNoiseFunction } from '../../bench/problems/oned-noise.ts';
import { physicsToy2d } from '../../bench/problems/fast-2d.ts';
import { physicsToy3d } from '../../bench/problems/three-d.ts';
import { checkmateFunction, checkmate } from '../../bench/problems/checkmate.ts';
import { gaussianCircles } from '../../bench/problems/gaussian-circles.ts';
import { twoFunctions } from '../../bench/problems/two-functions.ts';
import { masked } from '../../bench/problems/masked.ts';
import { paraboloid4d, paraboloid5d } from '../../bench/problems/paraboloid.ts';
import { lnHalfOneMinusTanh } from '../../bench/problems/stats.ts';
import { PROBLEMS, problemByName } from '../../bench/problems/index.ts';
import { QuarryError } from '../../src/errors.ts';

// References: the formulas of PROBLEMS.md evaluated naively in 40-digit arithmetic (mpmath).
const close = (a: number, b: number, rel = 1e-13): void => assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${a} ≠ ${b}`);

test('the 1D functions match hand computation', () => {
  close(onedFastFunction({ x: 0.25 }), 11.081850371071072);
  close(onedNoiseFunction({ x: 4 }), 2.6585677049989127);
});

test('the 2D physics toy matches 3·(ln((1 − tanh(n − 5))/2) − ln 0.05) at a few points', () => {
  close(physicsToy2d(0, 0), -17.008907455249016);
  close(physicsToy2d(0.5, 1), 5.545990711839059);
  close(physicsToy2d(1.5, 0.2), 5.674335059661398);
  close(physicsToy2d(0.25, 0.1), -13.421028149826006);
  // the "expected" function is the observed one shifted by (0.05, 0.05)
  close(twoFunctions.functions[1]({ x: 1, y: 0.5 }), -3.655067592039673);
  close(twoFunctions.functions[0]({ x: 0.5, y: 1 }), physicsToy2d(0.5, 1), 0);
});

test('the 3D toy has no +1 inside cos(10y) and is damped by exp(−0.3z)', () => {
  close(physicsToy3d(0, 0, 0), -17.2189343142288);
  close(physicsToy3d(1, 0.5, 1.5), 8.30252897382137);
  close(physicsToy3d(0.3, 0.2, 0.7), -2.4633398965603486);
});

test('ln stats is evaluated without cancellation where 1 − tanh rounds to 0', () => {
  close(lnHalfOneMinusTanh(30), -60 - Math.log1p(Math.exp(-60)), 1e-15);
  close(lnHalfOneMinusTanh(400), -800, 1e-15);
  close(lnHalfOneMinusTanh(0), -Math.LN2, 1e-15);
  close(lnHalfOneMinusTanh(-40), -Math.exp(-80), 1e-12);
  assert.ok(Number.isFinite(physicsToy2d(-40, -40)));
});

test('the CheckMATE toy and its threshold ln 0.05', () => {
  close(checkmateFunction({ x: 300, y: 50 }), -4.40080745373559);
  close(checkmateFunction({ x: 600, y: 100 }), -7.5507012525278885);
  close(checkmateFunction({ x: 800, y: 0 }), -1.6681576720721434);
  assert.deepEqual(checkmate.thresholds, [Math.log(0.05)]);
  assert.equal(checkmate.invalid!({ x: 300, y: 126 }), true);
  assert.equal(checkmate.invalid!({ x: 300, y: 125 }), false);
});

test('the Gaussian circles are bivariate normal pdfs with variances 0.2 and 0.3, peak ≈ 0.6497', () => {
  const [f0, f1] = gaussianCircles.functions;
  close(f0({ x: 0.3, y: 0.2 }), 0.6497473343613968);
  close(f1({ x: 0.2, y: 0.3 }), 0.6497473343613968);
  close(f0({ x: 0.5, y: 0.5 }), 0.5060237327992138);
  close(f1({ x: 0.5, y: 0.5 }), 0.4853726295480174);
  assert.deepEqual(gaussianCircles.thresholds, [0.58, 0.6, 0.62]);
});

test('the paraboloids are Σ x_i² with threshold 1 on [−2, 2]^d', () => {
  assert.equal(paraboloid4d.functions[0]({ x1: 1, x2: -2, x3: 0.5, x4: 0 }), 5.25);
  assert.equal(paraboloid5d.parameters.length, 5);
  assert.ok(paraboloid5d.parameters.every((p) => p.lower === -2 && p.upper === 2));
});

test('masked removes x < y and keeps the diagonal', () => {
  assert.equal(masked.invalid!({ x: 0.2, y: 0.3 }), true);
  assert.equal(masked.invalid!({ x: 0.3, y: 0.3 }), false);
});

test('the table holds every problem under its excursion name; unknown names list the valid ones', () => {
  assert.deepEqual(Object.keys(PROBLEMS).sort(), [
    'checkmate', 'fast_2d', 'gaussian_circles', 'masked', 'oned_fast', 'oned_noise',
    'paraboloid_4d', 'paraboloid_5d', 'three_d', 'two_functions',
  ]);
  for (const [name, p] of Object.entries(PROBLEMS)) {
    assert.equal(problemByName(name), p);
    assert.ok(p.functions.length >= 1 && p.thresholds.length >= 1 && p.parameters.length >= 1, name);
  }
  assert.equal(problemByName('oned_noise').noise, 1);
  assert.throws(() => problemByName('fast2d'), (e: unknown) => e instanceof QuarryError && e.code === 'UNKNOWN_KEY' && /fast_2d, two_functions/.test(e.message) && /"fast2d"/.test(e.message));
  assert.throws(() => problemByName('toString'), QuarryError);
});
