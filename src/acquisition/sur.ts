/**
 * One-step look-ahead reduction of the integrated misclassification ∫ p(1 − p) (SUR / targeted IMSE):
 *
 *   score_i = Σ_j w_j Σ_k [p_jk(1 − p_jk) − E_y p⁺_jk(1 − p⁺_jk)] = Σ_j w_j Σ_k [Φ₂(a, a; ρ²) − Φ(a)²]_{a = a_jk},
 *
 * with p_jk = Φ(a_jk), a_jk = (t_k − μ_z)/σ_z and ρ = Cov(y_i, f(z_j))/(s_y σ_z), s_y² = σ_x² + noise.
 * Derivation: after y, f(z) ~ N(μ_z + ρσ_z U, σ_z²(1 − ρ²)) with U = (y − μ_y)/s_y ~ N(0, 1), so
 * p⁺ = P(V₁ ≤ a | U) with V₁ = ρU + √(1 − ρ²) W₁; E_y p⁺ = Φ(a) and E_y p⁺² = P(V₁ ≤ a, V₂ ≤ a) = Φ₂(a, a; ρ²)
 * (V₁, V₂ share U), hence E_y p⁺(1 − p⁺) = Φ(a) − Φ₂(a, a; ρ²) = Φ₂(a, −a; −ρ²).
 * References: J. Bect, D. Ginsbourger, L. Li, V. Picheny, E. Vazquez, Stat. Comput. 22 (2012) 773, sec. 3.3;
 * C. Chevalier, J. Bect, D. Ginsbourger, E. Vazquez, V. Picheny, Y. Richet, Technometrics 56 (2014) 455,
 * prop. 2 (the same closed form with Φ₂).
 *
 * Fast path: for fixed z_j the reduction depends on the candidate only through s = √(1 − ρ²) ∈ [0, 1], where
 * it is analytic; it is tabulated at the Chebyshev–Lobatto points in s (degree 20, exact Φ₂ at each) and
 * summed over the m × q pairs by Clenshaw's recurrence. Each term depends on z_j only through a_jk, so the
 * table is universal: built once per process on a grid in a (`tabulateEvenInA`) and interpolated per
 * point and threshold. `surDirect` is the slow reference.
 *
 * Also here: `misclassificationProbability` (no look-ahead) and the table machinery the mutual
 * information shares.
 */
import { bivariateNormalCdf, normalCdf } from '../numeric/special/index.ts';
import type { Posterior } from '../surrogate/posterior.ts';
import { standardize } from './entropy.ts';
import { checkLookahead, checkPosterior, checkThresholds, type LookaheadPosterior } from './types.ts';

/** Degree of the Chebyshev interpolants in s for the look-ahead tables; the tests pin their error. */
export const TABLE_DEGREE = 32;
/** SUR's reduction is smoother in s (an integral of an entire function up to asin(1 − s²)). */
const SUR_DEGREE = 20;

/**
 * Chebyshev coefficients, q × (degree + 1) row-major, of g_j(s) on s ∈ [0, 1] from its values at
 * s_l = (1 + cos(πl/degree))/2, l = 0 … degree (s_0 = 1, s_degree = 0); `valueAt(j, s, l)` gives g_j(s_l).
 * Rows where `valueAt` returns null for l = 0 are skipped and stay zero (g_j ≡ 0).
 */
export function tabulateInS(q: number, degree: number, valueAt: (j: number, s: number, l: number) => number | null): Float64Array {
  const n = degree;
  const width = n + 1;
  const cosines = new Float64Array(width * width);
  for (let l = 0; l <= n; l++) for (let k = 0; k <= n; k++) cosines[l * width + k] = Math.cos((Math.PI * ((l * k) % (2 * n))) / n);
  const nodes = new Float64Array(width);
  for (let l = 0; l <= n; l++) nodes[l] = (1 + Math.cos((Math.PI * l) / n)) / 2;
  nodes[n] = 0;
  const coefficients = new Float64Array(q * width);
  const values = new Float64Array(width);
  for (let j = 0; j < q; j++) {
    const first = valueAt(j, 1, 0);
    if (first === null) continue;
    values[0] = first;
    for (let l = 1; l <= n; l++) values[l] = valueAt(j, nodes[l]!, l) ?? 0;
    for (let k = 0; k <= n; k++) {
      let sum = 0.5 * (values[0]! * cosines[k]! + values[n]! * cosines[n * width + k]!);
      for (let l = 1; l < n; l++) sum += values[l]! * cosines[l * width + k]!;
      coefficients[j * width + k] = ((k === 0 || k === n ? 1 : 2) / n) * sum;
    }
  }
  return coefficients;
}

/** Spacing in a of the universal tables, the |a| they reach (beyond it every tabulated function is < 1e-17), and the extra nodes beyond. */
const A_STEP = 1 / 64;
export const A_REACH = 9;
const A_PAD = 4;
/** Offsets of the 8-point interpolation stencil from the node below |a|. */
const STENCIL = [-3, -2, -1, 0, 1, 2, 3, 4];

/**
 * A universal table for a function g(a, s) even in a: the Chebyshev coefficients in s (as `tabulateInS`) at
 * a = i·A_STEP, i = −A_PAD … A_REACH/A_STEP + A_PAD (585 rows). A look-ahead term that depends on an
 * integration point only through its standardized threshold a = (t − μ_j)/σ_j is then tabulated once per
 * process instead of once per integration point and iteration.
 */
export function tabulateEvenInA(degree: number, value: (a: number, s: number) => number): Float64Array {
  const rows = Math.round(A_REACH / A_STEP) + 2 * A_PAD + 1;
  return tabulateInS(rows, degree, (i, s) => value((i - A_PAD) * A_STEP, s));
}

/**
 * Adds the coefficients of g(|a|, ·) to out[offset …], interpolated between the table's rows by the 8-point
 * Lagrange rule (error ∝ A_STEP⁸; the tests pin it below 1e-13 against the direct sums). Needs |a| < A_REACH.
 */
export function addInterpolatedRow(table: Float64Array, degree: number, a: number, out: Float64Array, offset: number): void {
  const width = degree + 1;
  const x = Math.abs(a) / A_STEP;
  const below = Math.floor(x);
  const t = x - below;
  for (let k = 0; k < STENCIL.length; k++) {
    let w = 1;
    for (let m = 0; m < STENCIL.length; m++) if (m !== k) w *= (t - STENCIL[m]!) / (STENCIL[k]! - STENCIL[m]!);
    const base = (below + STENCIL[k]! + A_PAD) * width;
    for (let c = 0; c < width; c++) out[offset + c] += w * table[base + c]!;
  }
}

/**
 * Σ_j w_j g_j(s_ij) for each candidate i, s_ij = √(1 − ρ_ij²), ρ_ij² = c_ij²/((σ_xi² + noise) σ_zj²) (clipped
 * to [0, 1]), g_j given by `tabulateInS` coefficients. Pairs with ρ = 0 contribute g_j(1), taken as 0.
 */
export function sumOverPairs(p: LookaheadPosterior, weights: Float64Array, coefficients: Float64Array, degree: number): Float64Array {
  const m = p.candidates.mean.length;
  const q = p.integration.mean.length;
  const width = degree + 1;
  const out = new Float64Array(m);
  const varZ = p.integration.variance;
  const active: number[] = [];
  for (let j = 0; j < q; j++) if (varZ[j]! > 0 && weights[j] !== 0 && coefficients[j * width] !== 0) active.push(j);
  const cross = p.crossCovariance;
  for (let i = 0; i < m; i++) {
    const sy2 = p.candidates.variance[i]! + p.noiseVariance;
    if (!(sy2 > 0)) continue;
    const row = i * q;
    let acc = 0;
    for (const j of active) {
      const c = cross[row + j]!;
      if (c === 0) continue;
      let r2 = (c * c) / (sy2 * varZ[j]!);
      if (r2 > 1) r2 = 1;
      const x = 2 * Math.sqrt(1 - r2) - 1;
      const x2 = 2 * x;
      // Clenshaw: Σ_k c_k T_k(x).
      const base = j * width;
      let b1 = 0;
      let b2 = 0;
      for (let k = degree; k >= 1; k--) {
        const b0 = coefficients[base + k]! + x2 * b1 - b2;
        b2 = b1;
        b1 = b0;
      }
      acc += weights[j]! * (coefficients[base]! + x * b1 - b2);
    }
    out[i] = acc;
  }
  return out;
}

/** Φ₂(a, a; r) − Φ(a)² for one standardized threshold a and r = ρ² ∈ [0, 1] (even in a). */
export function misclassificationReduction(a: number, r: number): number {
  if (!Number.isFinite(a) || !(r > 0)) return 0;
  const lower = -Math.abs(a); // both forms are equal; the lower tail does not cancel
  const p = normalCdf(lower);
  return Math.max(bivariateNormalCdf(lower, lower, Math.min(r, 1)) - p * p, 0);
}

/** ρ² between y at candidate i and f at z_j, clipped to [0, 1]; 0 when either variance is 0. */
function squaredCorrelation(p: LookaheadPosterior, i: number, j: number, q: number): number {
  const sy2 = p.candidates.variance[i]! + p.noiseVariance;
  const vz = p.integration.variance[j]!;
  if (!(sy2 > 0) || !(vz > 0)) return 0;
  const c = p.crossCovariance[i * q + j]!;
  return Math.min((c * c) / (sy2 * vz), 1);
}

let surTable: Float64Array | null = null;

/** Expected reduction of Σ_k ∫ p_k(1 − p_k) by one observation at each candidate; shape (m). */
export function sur(p: LookaheadPosterior, thresholds: readonly number[]): Float64Array {
  checkThresholds(thresholds);
  const { q, weights } = checkLookahead(p);
  // Φ₂(a, a; 1 − s²) − Φ(a)² is a function of (a, s) alone: one universal table, one row per threshold and point
  surTable ??= tabulateEvenInA(SUR_DEGREE, (a, s) => misclassificationReduction(a, 1 - s * s));
  const width = SUR_DEGREE + 1;
  const coefficients = new Float64Array(q * width);
  for (let j = 0; j < q; j++) {
    const sigma = Math.sqrt(Math.max(p.integration.variance[j]!, 0));
    if (!(sigma > 0)) continue;
    // Skip points whose classes are certain to rounding: their reduction is below 1e-17.
    let prior = 0;
    for (const t of thresholds) {
      const a = Math.abs(standardize(t, p.integration.mean[j]!, sigma));
      prior += normalCdf(-a) * normalCdf(a);
    }
    if (!(prior > 1e-17)) continue;
    for (const t of thresholds) {
      const a = standardize(t, p.integration.mean[j]!, sigma);
      if (Math.abs(a) < A_REACH) addInterpolatedRow(surTable, SUR_DEGREE, a, coefficients, j * width);
    }
  }
  return sumOverPairs(p, weights, coefficients, SUR_DEGREE);
}

/** The same score pair by pair with Φ₂ (the slow reference of `sur`); shape (m). */
export function surDirect(p: LookaheadPosterior, thresholds: readonly number[]): Float64Array {
  checkThresholds(thresholds);
  const { m, q, weights } = checkLookahead(p);
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < q; j++) {
      const sigma = Math.sqrt(Math.max(p.integration.variance[j]!, 0));
      const r = squaredCorrelation(p, i, j, q);
      for (const t of thresholds) out[i] += weights[j]! * misclassificationReduction(standardize(t, p.integration.mean[j]!, sigma), r);
    }
  }
  return out;
}

/**
 * P(class of f ≠ class of μ) per point, f ~ N(μ, σ²): with t_k ≤ μ < t_{k+1} the class of μ, it is
 * Φ((t_k − μ)/σ) + Q((t_{k+1} − μ)/σ) (both tails, no cancellation); 0 when σ = 0. Shape (m).
 */
export function misclassificationProbability(posterior: Posterior, thresholds: readonly number[]): Float64Array {
  const m = checkPosterior(posterior);
  checkThresholds(thresholds);
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const mu = posterior.mean[i]!;
    const sigma = Math.sqrt(Math.max(posterior.variance[i]!, 0));
    if (!(sigma > 0)) continue;
    let k = 0;
    while (k < thresholds.length && thresholds[k]! <= mu) k++;
    const below = k > 0 ? normalCdf((thresholds[k - 1]! - mu) / sigma) : 0;
    const above = k < thresholds.length ? normalCdf(-(thresholds[k]! - mu) / sigma) : 0;
    out[i] = below + above;
  }
  return out;
}
