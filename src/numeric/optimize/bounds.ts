/**
 * Box constraints l ≤ x ≤ u for L-BFGS-B: validation, projection, the projected gradient and the
 * longest feasible step.
 *
 * The projected gradient is the one whose infinity norm L-BFGS-B tests against pgtol: component i is
 * g_i clipped so that x_i − g_i stays in [l_i, u_i] (Byrd, Lu, Nocedal, Zhu 1995, §6; `projgr` in
 * the reference Fortran). Infinite bounds mean "unbounded".
 */
import { QuarryError } from '../../errors.ts';

export interface Box {
  lower: Float64Array;
  upper: Float64Array;
  /** True when at least one bound is finite. */
  constrained: boolean;
  /** True when every variable has two finite bounds. */
  boxed: boolean;
}

/** Builds and checks the box for n variables (missing bounds are ±Infinity). */
export function makeBox(n: number, lower?: ArrayLike<number>, upper?: ArrayLike<number>): Box {
  const lo = new Float64Array(n).fill(-Infinity);
  const up = new Float64Array(n).fill(Infinity);
  for (const [name, given, into] of [['lower', lower, lo], ['upper', upper, up]] as const) {
    if (given === undefined) continue;
    if (given.length !== n) {
      throw new QuarryError('INVALID_ARGUMENT', `lbfgsb: ${name} has length ${given.length} but x0 has length ${n}`, `pass one ${name} bound per variable`);
    }
    for (let i = 0; i < n; i++) into[i] = given[i];
  }
  let constrained = false;
  let boxed = n > 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(lo[i]) || Number.isNaN(up[i]) || lo[i] > up[i] || lo[i] === Infinity || up[i] === -Infinity) {
      throw new QuarryError('INVALID_ARGUMENT', `lbfgsb: bounds of variable ${i} are invalid: lower=${lo[i]}, upper=${up[i]}`, 'each lower bound must be ≤ its upper bound, and neither NaN');
    }
    const lf = Number.isFinite(lo[i]);
    const uf = Number.isFinite(up[i]);
    if (lf || uf) constrained = true;
    if (!(lf && uf)) boxed = false;
  }
  return { lower: lo, upper: up, constrained, boxed };
}

/** Clips x into the box in place. */
export function project(x: Float64Array, box: Box): void {
  for (let i = 0; i < x.length; i++) x[i] = Math.min(Math.max(x[i], box.lower[i]), box.upper[i]);
}

/** max_i |P(x − g) − x|_i: the infinity norm of the projected gradient. */
export function projectedGradientNorm(x: Float64Array, g: Float64Array, box: Box): number {
  let norm = 0;
  for (let i = 0; i < x.length; i++) {
    let gi = g[i];
    if (gi < 0) gi = Math.max(x[i] - box.upper[i], gi);
    else gi = Math.min(x[i] - box.lower[i], gi);
    norm = Math.max(norm, Math.abs(gi));
  }
  return norm;
}

/** The largest t ≥ 0 with x + t·d inside the box (Infinity when no bound limits it). */
export function maxFeasibleStep(x: Float64Array, d: Float64Array, box: Box): number {
  let t = Infinity;
  for (let i = 0; i < x.length; i++) {
    if (d[i] < 0 && Number.isFinite(box.lower[i])) t = Math.min(t, Math.max(0, (box.lower[i] - x[i]) / d[i]));
    else if (d[i] > 0 && Number.isFinite(box.upper[i])) t = Math.min(t, Math.max(0, (box.upper[i] - x[i]) / d[i]));
  }
  return t;
}
