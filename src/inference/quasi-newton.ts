/**
 * Box-constrained dense quasi-Newton minimiser for the small, smooth problems of likelihood fits (n ≲ 200).
 *
 * Projected BFGS with an active set (D. P. Bertsekas, "Projected Newton methods for optimization problems
 * with simple constraints", SIAM J. Control Optim. 20 (1982) 221): variables on a bound whose gradient
 * points outwards are held; the others take the step d_F = −(B_FF)⁻¹ g_F, from the dense BFGS inverse
 * H = B⁻¹ by a Schur complement over the few held variables; the step is projected onto the box and accepted by Armijo backtracking, where
 * a non-finite f (e.g. a negative expected yield) counts as a failed trial. H is updated by inverse BFGS
 * (Nocedal & Wright, Numerical Optimization, eq. 6.17), skipped when sᵀy is not clearly positive, scaled
 * by sᵀy/yᵀy before the first update (eq. 6.20). The final H is returned so a following fit of a nearby
 * problem (the next μ of a scan) can start from it. Per iteration O(n²), well below one evaluation of a
 * HistFactory likelihood and its gradient.
 */
export interface QuasiNewtonOptions {
  lower: Float64Array;
  upper: Float64Array;
  /** Stop when max |projected gradient| ≤ pgtol. */
  pgtol: number;
  maxIterations?: number;
  /** Start approximation of the inverse Hessian (row-major n × n); default a scaled identity. */
  inverseHessian?: Float64Array;
}

export interface QuasiNewtonResult {
  x: Float64Array;
  f: number;
  gradient: Float64Array;
  inverseHessian: Float64Array;
  iterations: number;
  evaluations: number;
  converged: boolean;
  /** max |projected gradient| at x. */
  projectedGradient: number;
}

/** Solves the k × k system a·x = b in place (Gaussian elimination, partial pivoting); false when singular. */
function solveSmall(a: Float64Array, k: number, b: Float64Array): boolean {
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r * k + c]) > Math.abs(a[p * k + c])) p = r;
    if (!(Math.abs(a[p * k + c]) > 0)) return false;
    if (p !== c) {
      for (let j = 0; j < k; j++) [a[c * k + j], a[p * k + j]] = [a[p * k + j], a[c * k + j]];
      [b[c], b[p]] = [b[p], b[c]];
    }
    for (let r = c + 1; r < k; r++) {
      const f = a[r * k + c] / a[c * k + c];
      for (let j = c; j < k; j++) a[r * k + j] -= f * a[c * k + j];
      b[r] -= f * b[c];
    }
  }
  for (let r = k - 1; r >= 0; r--) {
    let v = b[r];
    for (let j = r + 1; j < k; j++) v -= a[r * k + j] * b[j];
    b[r] = v / a[r * k + r];
  }
  return true;
}

function projectedGradientMax(x: Float64Array, g: Float64Array, lo: Float64Array, hi: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    let gi = g[i];
    if (gi > 0 && x[i] <= lo[i]) gi = 0;
    if (gi < 0 && x[i] >= hi[i]) gi = 0;
    m = Math.max(m, Math.abs(gi));
  }
  return Number.isNaN(m) ? Infinity : m;
}

/** Minimises f on lower ≤ x ≤ upper; fg(x, g) writes ∇f into g and returns f (NaN where undefined). */
export function quasiNewton(fg: (x: Float64Array, g: Float64Array) => number, x0: Float64Array, options: QuasiNewtonOptions): QuasiNewtonResult {
  const n = x0.length;
  const { lower, upper, pgtol } = options;
  const maxIterations = options.maxIterations ?? 2000;
  let x = x0.slice();
  for (let i = 0; i < n; i++) x[i] = Math.min(Math.max(x[i], lower[i]), upper[i]);
  let g = new Float64Array(n);
  let f = fg(x, g);
  let evaluations = 1;
  let h = options.inverseHessian ? options.inverseHessian.slice() : identity(n, 1);
  let scaled = options.inverseHessian !== undefined;
  const held: number[] = [];
  const isHeld = new Uint8Array(n);
  let xt = new Float64Array(n);
  let gt = new Float64Array(n);
  const d = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const hy = new Float64Array(n);
  const gf = new Float64Array(n);
  let iterations = 0;
  let resets = 0;
  let stalls = 0;
  const result = (converged: boolean): QuasiNewtonResult => ({ x, f, gradient: g, inverseHessian: h, iterations, evaluations, converged, projectedGradient: projectedGradientMax(x, g, lower, upper) });
  if (!Number.isFinite(f)) return result(false);
  while (iterations < maxIterations) {
    const pg = projectedGradientMax(x, g, lower, upper);
    if (pg <= pgtol) return result(true);
    held.length = 0;
    for (let i = 0; i < n; i++) {
      isHeld[i] = (x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0) ? 1 : 0;
      if (isHeld[i]) held.push(i);
    }
    freeDirection(h, n, g, held, isHeld, gf, d);
    let slope = 0;
    for (let i = 0; i < n; i++) slope += g[i] * d[i];
    if (!(slope < 0)) for (let i = 0; i < n; i++) d[i] = isHeld[i] ? 0 : -g[i];
    if (!scaled) {
      // First step without curvature information: at most unit length in the largest coordinate.
      let big = 0;
      for (let i = 0; i < n; i++) big = Math.max(big, Math.abs(d[i]));
      if (big > 1) for (let i = 0; i < n; i++) d[i] /= big;
    }
    let t = 1;
    let accepted = false;
    let ft = NaN;
    for (let trial = 0; trial < 60; trial++) {
      let decrease = 0;
      for (let i = 0; i < n; i++) {
        xt[i] = Math.min(Math.max(x[i] + t * d[i], lower[i]), upper[i]);
        decrease += g[i] * (xt[i] - x[i]);
      }
      ft = fg(xt, gt);
      evaluations++;
      if (Number.isFinite(ft) && ft <= f + 1e-4 * decrease) { accepted = true; break; }
      if (Number.isFinite(ft) && decrease < 0) {
        // Safeguarded quadratic interpolation of f along the path.
        const tq = (-decrease * t) / (2 * (ft - f - decrease));
        t = Math.min(Math.max(tq, 0.1 * t), 0.5 * t);
      } else {
        t *= 0.3;
      }
      if (t < 1e-16) break;
    }
    iterations++;
    if (!accepted) {
      if (resets < 2) { h = identity(n, 1); scaled = false; resets++; continue; }
      return result(pg <= 100 * pgtol);
    }
    let sy = 0;
    let ss = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xt[i] - x[i];
      y[i] = gt[i] - g[i];
      sy += s[i] * y[i];
      ss += s[i] * s[i];
      yy += y[i] * y[i];
    }
    const fOld = f;
    [x, xt] = [xt, x];
    [g, gt] = [gt, g];
    f = ft;
    if (sy > 1e-12 * Math.sqrt(ss * yy)) {
      if (!scaled) { h = identity(n, sy / yy); scaled = true; }
      inverseBfgsUpdate(h, n, s, y, sy, hy);
    }
    // Changes at the level of rounding for several iterations: nothing more to gain.
    stalls = fOld - f <= 1e-15 * Math.max(1, Math.abs(f)) ? stalls + 1 : 0;
    if (stalls >= 3) return result(projectedGradientMax(x, g, lower, upper) <= 1000 * pgtol);
  }
  return result(false);
}

/**
 * d_F = −(B_FF)⁻¹ g_F, d_A = 0 from the inverse H = B⁻¹ by the Schur complement:
 * (B_FF)⁻¹ = H_FF − H_FA (H_AA)⁻¹ H_AF, so only a |A| × |A| system is solved (A = held variables, few).
 */
function freeDirection(h: Float64Array, n: number, g: Float64Array, held: readonly number[], isHeld: Uint8Array, gf: Float64Array, d: Float64Array): void {
  for (let i = 0; i < n; i++) gf[i] = isHeld[i] ? 0 : g[i];
  for (let i = 0; i < n; i++) {
    let v = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) v += h[row + j] * gf[j];
    d[i] = -v;
  }
  const k = held.length;
  if (k > 0) {
    const haa = new Float64Array(k * k);
    const r = new Float64Array(k);
    for (let p = 0; p < k; p++) {
      r[p] = -d[held[p]];
      for (let q = 0; q < k; q++) haa[p * k + q] = h[held[p] * n + held[q]];
    }
    if (solveSmall(haa, k, r)) {
      for (let i = 0; i < n; i++) {
        if (isHeld[i]) continue;
        let v = 0;
        for (let p = 0; p < k; p++) v += h[i * n + held[p]] * r[p];
        d[i] += v;
      }
    }
  }
  for (const i of held) d[i] = 0;
}

/** H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ, ρ = 1/sᵀy (Nocedal & Wright eq. 6.17), in O(n²). */
function inverseBfgsUpdate(h: Float64Array, n: number, s: Float64Array, y: Float64Array, sy: number, hy: Float64Array): void {
  const rho = 1 / sy;
  let yhy = 0;
  for (let i = 0; i < n; i++) {
    let v = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) v += h[row + j] * y[j];
    hy[i] = v;
    yhy += y[i] * v;
  }
  const c = rho * rho * yhy + rho;
  for (let i = 0; i < n; i++) {
    const row = i * n;
    const si = s[i];
    const hyi = hy[i];
    for (let j = 0; j < n; j++) h[row + j] += c * si * s[j] - rho * (si * hy[j] + hyi * s[j]);
  }
}

function identity(n: number, value: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = value;
  return out;
}

