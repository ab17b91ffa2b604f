import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lbfgsb } from './lbfgsb.ts';
import { QuarryError } from '../../errors.ts';

/** Extended Rosenbrock function and gradient. */
function rosenbrock(x: Float64Array, g: Float64Array): number {
  let f = 0;
  g.fill(0);
  for (let i = 0; i < x.length - 1; i++) {
    const a = x[i + 1] - x[i] * x[i];
    const b = 1 - x[i];
    f += 100 * a * a + b * b;
    g[i] += -400 * x[i] * a - 2 * b;
    g[i + 1] += 200 * a;
  }
  return f;
}

/** The classic start (−1.2, 1, −1.2, 1, …). */
const start = (n: number) => Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -1.2 : 1));
const maxAbsDiff = (x: ArrayLike<number>, y: ArrayLike<number>) => Math.max(...Array.from(x, (v, i) => Math.abs(v - y[i])));

describe('lbfgsb', () => {
  it('reaches the minimum of the 2D Rosenbrock function to 1e-6', () => {
    const r = lbfgsb(rosenbrock, [-1.2, 1], { pgtol: 1e-10, factr: 10 });
    assert.ok(r.converged, r.message);
    assert.ok(maxAbsDiff(r.x, [1, 1]) < 1e-6);
    assert.ok(r.f < 1e-12);
  });

  it('reaches the minimum of the 10D Rosenbrock function to 1e-6 (scipy 1.17: 76 iterations, 94 evaluations)', () => {
    const r = lbfgsb(rosenbrock, start(10), { pgtol: 1e-10, factr: 10 });
    assert.ok(r.converged, r.message);
    assert.ok(maxAbsDiff(r.x, new Float64Array(10).fill(1)) < 1e-6);
    assert.ok(r.iterations <= 100 && r.evaluations <= 120, `${r.iterations} iterations, ${r.evaluations} evaluations`);
  });

  it('solves the 100-dimensional Rosenbrock function', () => {
    const r = lbfgsb(rosenbrock, start(100), { pgtol: 1e-10, factr: 10 });
    assert.ok(r.converged, r.message);
    assert.ok(maxAbsDiff(r.x, new Float64Array(100).fill(1)) < 1e-6);
  });

  it('matches scipy L-BFGS-B when a bound holds the Rosenbrock optimum', () => {
    // scipy.optimize.minimize(rosen, [-1.2, 1], jac=rosen_der, method='L-BFGS-B', bounds=...) in scipy 1.17.
    const a = lbfgsb(rosenbrock, [-1.2, 1], { lower: [-2, 1.5], upper: [2, 3] });
    assert.ok(a.converged, a.message);
    assert.ok(maxAbsDiff(a.x, [-1.2210262420670972, 1.5]) < 1e-6);
    assert.ok(Math.abs(a.f - 4.941229317989185) < 1e-10);
    assert.equal(a.x[1], 1.5);
    const b = lbfgsb(rosenbrock, [-1.2, 1], { lower: [-2, -2], upper: [0.5, 3] });
    assert.ok(b.converged, b.message);
    assert.equal(b.x[0], 0.5);
    assert.ok(maxAbsDiff(b.x, [0.5, 0.25]) < 1e-6);
    assert.ok(Math.abs(b.f - 0.25) < 1e-10);
  });

  it('puts the variables of a separable quadratic exactly on their bounds when the unconstrained optimum is outside', () => {
    const c = [3, -2, 0.5, 10, -7, 1];
    const w = [1, 2, 3, 4, 5, 6];
    const fg = (x: Float64Array, g: Float64Array) => {
      let f = 0;
      for (let i = 0; i < x.length; i++) { f += 0.5 * w[i] * (x[i] - c[i]) ** 2; g[i] = w[i] * (x[i] - c[i]); }
      return f;
    };
    const lower = [-1, -1, -1, -1, -Infinity, 0];
    const upper = [1, 1, 1, Infinity, 1, 2];
    const r = lbfgsb(fg, [0, 0, 0, 0, 0, 0], { lower, upper, pgtol: 1e-10, factr: 1 });
    assert.ok(r.converged, r.message);
    assert.deepEqual(Array.from(r.x.slice(0, 2)), [1, -1]);
    assert.ok(maxAbsDiff(r.x, [1, -1, 0.5, 10, -7, 1]) < 1e-7, `${r.x}`);
  });

  it('finds a log-space hyperparameter optimum sitting on its bound, with a flat direction', () => {
    // f decreases monotonically in t0 (like a length scale that wants to vanish); t2 does not enter f at all.
    const fg = (t: Float64Array, g: Float64Array) => {
      g[0] = Math.exp(t[0]);
      g[1] = 2 * (t[1] - 0.3) + 0.1 * Math.exp(t[0]);
      g[2] = 0;
      return Math.exp(t[0]) + (t[1] - 0.3) ** 2 + 0.1 * Math.exp(t[0]) * t[1] - 0.1 * Math.exp(t[0]) * t[1];
    };
    const r = lbfgsb(fg, [2, 2, 0.7], { lower: [-5, -5, -5], upper: [5, 5, 5] });
    assert.ok(r.converged, r.message);
    assert.equal(r.x[0], -5);
    assert.equal(r.x[2], 0.7);
  });

  it('projects a start point outside the bounds into the box', () => {
    const seen: number[][] = [];
    const fg = (x: Float64Array, g: Float64Array) => { seen.push(Array.from(x)); g[0] = 2 * (x[0] - 1); g[1] = 2 * x[1]; return (x[0] - 1) ** 2 + x[1] ** 2; };
    const r = lbfgsb(fg, [10, -10], { lower: [-2, -2], upper: [2, 2] });
    assert.deepEqual(seen[0], [2, -2]);
    assert.ok(seen.every(([a, b]) => a >= -2 && a <= 2 && b >= -2 && b <= 2));
    assert.ok(maxAbsDiff(r.x, [1, 0]) < 1e-6);
  });

  it('backs off from NaN values beyond x = 3 and finds the optimum at 2.9', () => {
    let nanCalls = 0;
    const fg = (x: Float64Array, g: Float64Array) => {
      let f = 0;
      for (let i = 0; i < x.length; i++) {
        if (x[i] > 3) { nanCalls++; return NaN; }
        const u = x[i] - 2.9;
        f += (i + 1) * Math.log1p(u * u);
        g[i] = ((i + 1) * 2 * u) / (1 + u * u);
      }
      return f;
    };
    for (const x0 of [0, -10, -100]) {
      const r = lbfgsb(fg, [x0], { pgtol: 1e-9 });
      assert.ok(r.converged, r.message);
      assert.ok(Math.abs(r.x[0] - 2.9) < 1e-6, `from ${x0}: ${r.x[0]}`);
    }
    nanCalls = 0;
    const r = lbfgsb(fg, [-5, -3, 0, 1, 2], { pgtol: 1e-9 });
    assert.ok(nanCalls > 0, 'the test should hit the NaN region');
    assert.ok(r.converged && Number.isFinite(r.f), r.message);
    assert.ok(maxAbsDiff(r.x, new Float64Array(5).fill(2.9)) < 1e-4);
  });

  it('solves a rotated quadratic with condition number 1e6', () => {
    const n = 8;
    const lambda = Array.from({ length: n }, (_, i) => 10 ** ((6 * i) / (n - 1)));
    // A = Q diag(λ) Qᵀ with Q the Householder reflection I − 2vvᵀ/vᵀv, v = (1, 2, …, n).
    const v = Array.from({ length: n }, (_, i) => i + 1);
    const vv = v.reduce((s, a) => s + a * a, 0);
    const q = (i: number, j: number) => (i === j ? 1 : 0) - (2 * v[i] * v[j]) / vv;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) a[i * n + j] += q(i, k) * lambda[k] * q(j, k);
    const xStar = Array.from({ length: n }, (_, i) => Math.cos(i));
    const fg = (x: Float64Array, g: Float64Array) => {
      let f = 0;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += a[i * n + j] * (x[j] - xStar[j]);
        g[i] = s;
        f += 0.5 * (x[i] - xStar[i]) * s;
      }
      return f;
    };
    const r = lbfgsb(fg, new Float64Array(n), { pgtol: 1e-9, factr: 1 });
    assert.ok(r.converged, r.message);
    assert.ok(maxAbsDiff(r.x, xStar) < 1e-6, `${maxAbsDiff(r.x, xStar)}`);
  });

  it('solves a 100-dimensional bounded quadratic with coupled variables', () => {
    const n = 100;
    // f = Σ (x_i − c_i)² + Σ (x_{i+1} − x_i)², c alternating ±3, box [−1, 1]: many variables end on a bound.
    const c = Array.from({ length: n }, (_, i) => (i % 10 < 5 ? 3 : -3));
    const fg = (x: Float64Array, g: Float64Array) => {
      let f = 0;
      for (let i = 0; i < n; i++) { f += (x[i] - c[i]) ** 2; g[i] = 2 * (x[i] - c[i]); }
      for (let i = 0; i < n - 1; i++) { const d = x[i + 1] - x[i]; f += d * d; g[i] -= 2 * d; g[i + 1] += 2 * d; }
      return f;
    };
    const r = lbfgsb(fg, new Float64Array(n), { lower: new Float64Array(n).fill(-1), upper: new Float64Array(n).fill(1), pgtol: 1e-8 });
    assert.ok(r.converged, r.message);
    const atBound = r.x.filter((v) => Math.abs(v) === 1).length;
    assert.ok(atBound >= 50, `${atBound} at a bound`);
    // KKT: the projected gradient vanishes.
    for (let i = 0; i < n; i++) {
      if (r.x[i] === 1) assert.ok(r.gradient[i] <= 1e-8);
      else if (r.x[i] === -1) assert.ok(r.gradient[i] >= -1e-8);
      else assert.ok(Math.abs(r.gradient[i]) <= 1e-8);
    }
  });

  it('returns a complete result object', () => {
    const r = lbfgsb(rosenbrock, [-1.2, 1]);
    assert.deepEqual(Object.keys(r).sort(), ['converged', 'evaluations', 'f', 'gradient', 'iterations', 'message', 'x']);
    assert.ok(r.x instanceof Float64Array && r.gradient instanceof Float64Array);
    const g = new Float64Array(2);
    assert.equal(r.f, rosenbrock(r.x, g));
    assert.deepEqual(r.gradient, g);
    assert.ok(r.evaluations >= r.iterations && r.iterations > 0);
    assert.match(r.message, /^CONVERGENCE/);
  });

  it('stops at maxIterations and maxEvaluations with converged: false', () => {
    const a = lbfgsb(rosenbrock, [-1.2, 1], { maxIterations: 3 });
    assert.equal(a.converged, false);
    assert.equal(a.iterations, 3);
    assert.match(a.message, /ITERATIONS/);
    const b = lbfgsb(rosenbrock, [-1.2, 1], { maxEvaluations: 5 });
    assert.equal(b.converged, false);
    assert.ok(b.evaluations <= 5);
  });

  it('is deterministic', () => {
    const a = lbfgsb(rosenbrock, start(10), { lower: new Float64Array(10).fill(-0.5) });
    const b = lbfgsb(rosenbrock, start(10), { lower: new Float64Array(10).fill(-0.5) });
    assert.deepEqual(a, b);
  });

  it('returns at once when the start is already stationary', () => {
    const r = lbfgsb((x, g) => { g[0] = 0; return 1; }, [0.5]);
    assert.equal(r.iterations, 0);
    assert.equal(r.evaluations, 1);
    assert.ok(r.converged);
  });

  it('throws a NUMERICAL QuarryError when f is not finite at x0', () => {
    assert.throws(() => lbfgsb((_x, _g) => NaN, [1, 2]), (e: unknown) => e instanceof QuarryError && e.code === 'NUMERICAL');
  });

  it('throws INVALID_ARGUMENT for inconsistent bounds', () => {
    assert.throws(() => lbfgsb(rosenbrock, [0, 0], { lower: [1, 1], upper: [0, 2] }), (e: unknown) => e instanceof QuarryError && e.code === 'INVALID_ARGUMENT');
    assert.throws(() => lbfgsb(rosenbrock, [0, 0], { lower: [1] }), /length 1/);
  });
});
