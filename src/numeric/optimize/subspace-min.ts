/**
 * Subspace minimisation of L-BFGS-B: minimises the quadratic model over the variables that are
 * free at the generalized Cauchy point, then projects back into the box.
 *
 * Direct primal method (Byrd, Lu, Nocedal, Zhu 1995, §5.1): with Z the free columns of I,
 * r̂ = Zᵀ(g + θ(x^c − x) − W M c), and the reduced Hessian B̂ = θI − ZᵀW M WᵀZ inverted by
 * Sherman–Morrison–Woodbury, d̂ = −r̂/θ − ZᵀW (I − M WᵀZZᵀW/θ)⁻¹ M WᵀZ r̂ / θ². The step is then
 * projected onto the box and, if that makes it an ascent direction, truncated instead
 * (the modification of Morales and Nocedal 2011, L-BFGS-B 3.0).
 */
import type { Box } from './bounds.ts';
import { luFactor, luSolve } from './dense-lu.ts';
import { dot, type LbfgsMemory } from './lbfgs-memory.ts';

/** Returns x̄ = x^c + Z d̂ (inside the box), the end of the L-BFGS-B search direction d = x̄ − x. */
export function subspaceMinimize(
  x: Float64Array,
  g: Float64Array,
  box: Box,
  memory: LbfgsMemory,
  xcp: Float64Array,
  c: Float64Array,
  free: Uint8Array,
): Float64Array {
  const idx: number[] = [];
  for (let i = 0; i < x.length; i++) if (free[i]) idx.push(i);
  const k2 = 2 * memory.count;
  if (idx.length === 0 || k2 === 0) return xcp;
  const theta = memory.theta;
  const mc = memory.mv(c);
  const rows = idx.map((i) => memory.wRow(i));
  // Reduced gradient of the model at x^c.
  const r = idx.map((i, a) => g[i] + theta * (xcp[i] - x[i]) - dot(rows[a], mc));
  const v = new Float64Array(k2);
  const a = new Float64Array(k2 * k2); // WᵀZZᵀW
  for (let q = 0; q < idx.length; q++) {
    const w = rows[q];
    for (let j = 0; j < k2; j++) {
      v[j] += w[j] * r[q];
      for (let l = 0; l < k2; l++) a[j * k2 + l] += w[j] * w[l];
    }
  }
  const mvv = memory.mv(v);
  // N = I − M A / θ, built column by column.
  const nMat = new Float64Array(k2 * k2);
  const col = new Float64Array(k2);
  for (let l = 0; l < k2; l++) {
    for (let j = 0; j < k2; j++) col[j] = a[j * k2 + l];
    const mcol = memory.mv(col);
    for (let j = 0; j < k2; j++) nMat[j * k2 + l] = (j === l ? 1 : 0) - mcol[j] / theta;
  }
  const nLu = luFactor(nMat, k2);
  const vv = nLu === null ? new Float64Array(k2) : luSolve(nLu, mvv);
  const du = idx.map((_, q) => -r[q] / theta - dot(rows[q], vv) / (theta * theta));
  if (!du.every(Number.isFinite)) return xcp;
  return projectOrTruncate(x, g, box, xcp, idx, du);
}

/** x^c + d̂ projected onto the box when that still descends from x, else x^c + α d̂ with the largest feasible α ≤ 1. */
function projectOrTruncate(x: Float64Array, g: Float64Array, box: Box, xcp: Float64Array, idx: number[], du: number[]): Float64Array {
  const out = xcp.slice();
  let clipped = false;
  for (let q = 0; q < idx.length; q++) {
    const i = idx[q];
    const xi = xcp[i] + du[q];
    out[i] = Math.min(Math.max(xi, box.lower[i]), box.upper[i]);
    if (out[i] !== xi || out[i] === box.lower[i] || out[i] === box.upper[i]) clipped = true;
  }
  if (!clipped) return out;
  let slope = 0;
  for (let i = 0; i < x.length; i++) slope += (out[i] - x[i]) * g[i];
  if (slope <= 0) return out;
  // Projection turned the step uphill: fall back to truncating it at the first bound.
  let alpha = 1;
  let hit = -1;
  for (let q = 0; q < idx.length; q++) {
    const i = idx[q];
    const dk = du[q];
    let limit = alpha;
    if (dk < 0) limit = Math.max(0, (box.lower[i] - xcp[i]) / dk);
    else if (dk > 0) limit = Math.max(0, (box.upper[i] - xcp[i]) / dk);
    if (limit < alpha) { alpha = limit; hit = q; }
  }
  const result = xcp.slice();
  for (let q = 0; q < idx.length; q++) {
    const i = idx[q];
    result[i] = Math.min(Math.max(xcp[i] + alpha * du[q], box.lower[i]), box.upper[i]);
  }
  if (hit >= 0) result[idx[hit]] = du[hit] > 0 ? box.upper[idx[hit]] : box.lower[idx[hit]];
  return result;
}
