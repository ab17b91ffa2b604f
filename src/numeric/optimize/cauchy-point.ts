/**
 * The generalized Cauchy point of L-BFGS-B: the first local minimiser of the quadratic model
 * m(x) = f + gᵀ(x − x_k) + ½(x − x_k)ᵀB(x − x_k) along the projected steepest-descent path
 * x(t) = P(x_k − t g).
 *
 * The path is piecewise linear with breakpoints t_i = (x_i − u_i)/g_i (g_i < 0) or (x_i − l_i)/g_i
 * (g_i > 0). Segments are examined in order of t; on each, f' and f'' of the model are updated in
 * O(k) from p = Wᵀd and c = Wᵀ(x(t) − x_k) using the compact form B = θI − WMWᵀ (Byrd, Lu, Nocedal,
 * Zhu 1995, §4, Algorithm CP), with the safeguard f'' ≥ ε·f''₀ of L-BFGS-B 3.0 (Morales, Nocedal 2011).
 * Breakpoints are visited in sorted order (the paper uses a heap; sorting costs the same here).
 */
import type { Box } from './bounds.ts';
import { dot, type LbfgsMemory } from './lbfgs-memory.ts';

export interface CauchyPoint {
  /** The generalized Cauchy point x^c (length n). */
  xcp: Float64Array;
  /** c = Wᵀ(x^c − x) (length 2k). */
  c: Float64Array;
  /** 1 for variables free at x^c (strictly movable), 0 for those at a bound or fixed. */
  free: Uint8Array;
}

/** Computes the generalized Cauchy point from x with gradient g inside the box. */
export function cauchyPoint(x: Float64Array, g: Float64Array, box: Box, memory: LbfgsMemory): CauchyPoint {
  const n = x.length;
  const theta = memory.theta;
  const xcp = x.slice();
  const d = new Float64Array(n);
  const t = new Float64Array(n);
  const free = new Uint8Array(n);
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    const lo = box.lower[i];
    const up = box.upper[i];
    let ti = Infinity;
    if (lo === up) ti = 0;
    else if (gi < 0 && Number.isFinite(up)) ti = (x[i] - up) / gi;
    else if (gi > 0 && Number.isFinite(lo)) ti = (x[i] - lo) / gi;
    t[i] = ti;
    if (ti <= 0 || gi === 0) continue; // at a bound with g pointing out, or no motion
    d[i] = -gi;
    free[i] = 1;
    if (ti < Infinity) order.push(i);
  }
  order.sort((a, b) => t[a] - t[b] || a - b);
  const p = memory.wtv(d);
  const c = new Float64Array(p.length);
  const k2 = p.length;
  let fp = -dot(d, d);
  if (fp >= 0) return { xcp, c, free }; // projected gradient is zero: x is already stationary
  let fpp = -theta * fp - (k2 > 0 ? dot(p, memory.mv(p)) : 0);
  const fpp0 = fpp;
  let dtMin = -fp / fpp;
  let tOld = 0;
  let next = 0;
  while (next < order.length) {
    const b = order[next];
    const dt = t[b] - tOld;
    if (dtMin < dt) break;
    next++;
    // Move to breakpoint b: variable b reaches its bound and stops.
    const bound = d[b] > 0 ? box.upper[b] : box.lower[b];
    const zb = bound - x[b];
    xcp[b] = bound;
    tOld = t[b];
    for (let j = 0; j < k2; j++) c[j] += dt * p[j];
    const gb = g[b];
    fp += dt * fpp + gb * gb + theta * gb * zb;
    fpp -= theta * gb * gb;
    if (k2 > 0) {
      const wb = memory.wRow(b);
      const mwb = memory.mv(wb);
      fp -= gb * dot(mwb, c);
      fpp -= 2 * gb * dot(mwb, p) + gb * gb * dot(wb, mwb);
      for (let j = 0; j < k2; j++) p[j] += gb * wb[j];
    }
    fpp = Math.max(Number.EPSILON * fpp0, fpp);
    d[b] = 0;
    free[b] = 0;
    dtMin = -fp / fpp;
  }
  if (!hasMotion(d)) dtMin = 0; // every variable reached its bound
  dtMin = Math.max(dtMin, 0);
  tOld += dtMin;
  for (let i = 0; i < n; i++) {
    if (d[i] !== 0) xcp[i] = Math.min(Math.max(x[i] + tOld * d[i], box.lower[i]), box.upper[i]);
  }
  for (let j = 0; j < k2; j++) c[j] += dtMin * p[j];
  return { xcp, c, free };
}

/** True when some component of d is nonzero. */
function hasMotion(d: Float64Array): boolean {
  for (let i = 0; i < d.length; i++) if (d[i] !== 0) return true;
  return false;
}
