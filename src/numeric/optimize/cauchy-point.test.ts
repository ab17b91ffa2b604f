import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cauchyPoint } from './cauchy-point.ts';
import { makeBox } from './bounds.ts';
import { dot, LbfgsMemory } from './lbfgs-memory.ts';

/** Slow reference: m(x(t)) on a fine grid of t along the projected path, using B = θI − W M Wᵀ through the memory's products. */
function modelAlongPath(x: Float64Array, g: Float64Array, lower: number[], upper: number[], mem: LbfgsMemory, t: number): number {
  const z = x.map((xi, i) => Math.min(Math.max(xi - t * g[i], lower[i]), upper[i]) - xi);
  const wz = mem.wtv(z);
  const bzz = mem.theta * dot(z, z) - dot(wz, mem.mv(wz));
  return dot(g, z) + 0.5 * bzz;
}

describe('cauchyPoint', () => {
  it('is the first local minimiser of the model along the projected gradient path', () => {
    const n = 5;
    const mem = new LbfgsMemory(n, 3);
    // Correction pairs from a fixed SPD quadratic, so B is positive definite.
    const h = (v: Float64Array) => v.map((vi, i) => (i + 1) * vi + 0.3 * (v[(i + 1) % n] + v[(i + n - 1) % n]));
    for (let k = 0; k < 3; k++) {
      const s = Float64Array.from({ length: n }, (_, i) => Math.sin(1 + i * (k + 1)));
      mem.push(s, h(s));
    }
    const x = Float64Array.from([0.2, -0.4, 0.9, 0, 0.5]);
    const g = Float64Array.from([1.5, -2, 0.7, 3, -0.1]);
    const lower = [-0.5, -1, 0, -0.2, -1];
    const upper = [0.5, 0, 1, 0.2, 0.6];
    const box = makeBox(n, lower, upper);
    const cp = cauchyPoint(x, g, box, mem);
    let tBest = 0;
    let prev = 0;
    for (let t = 1e-4; t < 5; t += 1e-4) {
      const m = modelAlongPath(x, g, lower, upper, mem, t);
      if (m > prev) break;
      prev = m;
      tBest = t;
    }
    const ref = x.map((xi, i) => Math.min(Math.max(xi - tBest * g[i], lower[i]), upper[i]));
    for (let i = 0; i < n; i++) assert.ok(Math.abs(cp.xcp[i] - ref[i]) < 1e-3, `${cp.xcp} vs ${ref}`);
    // c = Wᵀ(x^c − x).
    const c = mem.wtv(cp.xcp.map((v, i) => v - x[i]));
    for (let j = 0; j < c.length; j++) assert.ok(Math.abs(c[j] - cp.c[j]) < 1e-12);
    // x[1] = 0 sits on its upper bound with g < 0 (pointing out): it is not free.
    assert.equal(cp.free[1], 0);
  });

  it('is the steepest-descent minimiser x − g/θ with no memory and no bounds', () => {
    const box = makeBox(2);
    const cp = cauchyPoint(Float64Array.from([1, 2]), Float64Array.from([0.5, -1]), box, new LbfgsMemory(2, 5));
    assert.deepEqual(Array.from(cp.xcp), [0.5, 3]);
  });
});
