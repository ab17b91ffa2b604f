import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sobolPoints } from '../numeric/design/index.ts';
import { softplus, softplusInverse, unwarpValue, warpDerivative, warpLogJacobian, warpValue, type Warp } from './warp.ts';
import { fitWarpedGaussianProcess, warpCandidates } from './warp-select.ts';

const upper: Warp = { type: 'saturating', side: 'upper', level: 9, scale: 3 };
const lower: Warp = { type: 'saturating', side: 'lower', level: -1, scale: 0.5 };

describe('saturating output warpings', () => {
  it('invert softplus to rounding over twenty decades', () => {
    for (const v of [1e-12, 1e-5, 0.3, 1, 2.5, 40, 700]) assert.ok(Math.abs(softplus(softplusInverse(v)) - v) <= 1e-13 * Math.max(1, v), `v = ${v}`);
  });

  it('are undone by their inverses and increase', () => {
    for (const w of [upper, lower]) {
      for (const z of [-10, -3, -0.1, 0, 0.2, 4, 10]) {
        const y = unwarpValue(w, z);
        assert.ok(Math.abs(warpValue(w, y) - z) < 1e-7 * Math.max(1, Math.abs(z)), `${w.type} ${'side' in w ? w.side : ''} z = ${z}`);
        assert.ok(warpDerivative(w, y) > 0);
      }
    }
  });

  it('have the derivative of central finite differences, so the Jacobian term is Σ ln g′', () => {
    for (const w of [upper, lower]) {
      const ys = w === upper ? [-20, 0, 5, 8.5, 8.99] : [-0.999, -0.5, 0, 3];
      for (const y of ys) {
        const h = 1e-6 * Math.max(1e-3, Math.abs(y - (w as { level: number }).level));
        const fd = (warpValue(w, y + h) - warpValue(w, y - h)) / (2 * h);
        assert.ok(Math.abs(fd - warpDerivative(w, y)) < 1e-6 * fd, `y = ${y}: ${fd} vs ${warpDerivative(w, y)}`);
      }
      assert.ok(Math.abs(warpLogJacobian(w, ys) - ys.reduce((a, y) => a + Math.log(warpDerivative(w, y)), 0)) < 1e-12);
    }
  });

  it('are linear far from the level: g(y) ≈ ±(y − c)/s', () => {
    assert.ok(Math.abs(warpValue(upper, -291) - -100) < 1e-12);
    assert.ok(Math.abs(warpValue(lower, 49) - 100) < 1e-12);
  });

  it('are NaN on the wrong side of the level, the identity everywhere', () => {
    assert.ok(Number.isNaN(warpValue(upper, 9.5)));
    assert.ok(Number.isNaN(warpValue(lower, -2)));
    assert.equal(warpValue({ type: 'identity' }, 7), 7);
  });
});

describe('choosing a warping by the warped evidence', () => {
  const x = sobolPoints(30, 2, { skip: 1 });
  const data = (f: (a: number, b: number) => number) => ({ x, y: Float64Array.from({ length: 30 }, (_, i) => f(x[2 * i], x[2 * i + 1])), dimension: 2 });
  const fit = { noise: 1e-6, restarts: 3, seed: 1, domain: { lower: [0, 0], upper: [1, 1] } };

  it('puts the candidate levels beyond the data and the thresholds, the identity first', () => {
    const c = warpCandidates([0, 1, 2], { keep: [5] });
    assert.deepEqual(c[0], { type: 'identity' });
    for (const w of c.slice(1)) {
      assert.ok(w.type === 'saturating');
      assert.ok(w.side === 'upper' ? w.level > 5 : w.level < 0);
    }
  });

  it('finds an upper saturation (y = 5 − 2·softplus(4(a + b) − 3)) and its side, level and scale', () => {
    const r = fitWarpedGaussianProcess(data((a, b) => 5 - 2 * softplus(4 * (a + b) - 3)), { keep: [0], fit });
    assert.ok(r.warp.type === 'saturating' && r.warp.side === 'upper', JSON.stringify(r.warp));
    assert.ok(r.warp.level > 5 && r.warp.level < 5.6 && r.warp.scale > 0.7 && r.warp.scale < 6, JSON.stringify(r.warp));
    assert.ok(r.score > r.candidates[0].score + 5, `warped ${r.score} vs identity ${r.candidates[0].score}`);
  });

  it('finds a lower saturation (y = −1 + softplus(5(a − b))/2)', () => {
    const r = fitWarpedGaussianProcess(data((a, b) => -1 + 0.5 * softplus(5 * (a - b))), { keep: [0], fit });
    assert.ok(r.warp.type === 'saturating' && r.warp.side === 'lower', JSON.stringify(r.warp));
    assert.ok(r.warp.level > -1.2 && r.warp.level < -1, JSON.stringify(r.warp));
  });

  it('keeps the identity for smooth data that do not saturate', () => {
    assert.deepEqual(fitWarpedGaussianProcess(data((a, b) => Math.sin(3 * a) + b * b), { keep: [0], fit }).warp, { type: 'identity' });
    assert.deepEqual(fitWarpedGaussianProcess(data((a, b) => 2 * a - b), { keep: [0], fit }).warp, { type: 'identity' });
  });
});
