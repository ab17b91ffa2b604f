/**
 * Mutual information between the observation y_i at candidate x_i and the class C(z) of f at the
 * integration points (excursion's "PES"), integrated over z:
 *
 *   score_i = Σ_j w_j I(y_i; C(z_j)),  I(y; C(z)) = H[C(z)] − E_y H[C(z) | y]  (nats, ≥ 0).
 *
 * (y, f(z)) is bivariate normal; with U = (y − μ_y)/s_y ~ N(0, 1), s_y² = σ_x² + noise and ρ = c/(s_y σ_z),
 * f(z) | y ~ N(μ_z + ρσ_z U, σ_z²(1 − ρ²)), so E_y H[C | y] = ∫ φ(u) H_C(μ_z + ρσ_z u, σ_z √(1 − ρ²)) du with
 * H_C the class entropy of a normal (entropy.ts). This integral is computed exactly (to ~1e-12), not by
 * moment matching: the integrand is non-zero only where the posterior mean lies within 8.5 posterior
 * standard deviations of a threshold, so u is cut into those windows (|u| ≤ 9, split halfway between
 * thresholds) and each window is integrated by 32-point Gauss–Legendre. A fixed Gauss–Hermite rule would
 * miss these windows when ρ → 1 (their width is √(1 − ρ²)/ρ in u), where I → H[C(z)].
 *
 * Fast path: for fixed z_j the information depends on the candidate only through s = √(1 − ρ²) and is
 * analytic in s ∈ [0, 1] (0 at s = 1, H[C(z_j)] at s = 0); it is tabulated at the Chebyshev–Lobatto points
 * (sur.ts, degree 32) and summed over the m × q pairs by Clenshaw's recurrence. Interpolation error: ~1e-11
 * for one threshold; up to ~5e-6 nats when thresholds lie within ~0.1σ_z of each other (a feature at small s).
 * With one threshold the table itself is universal (a function of (t − μ_j)/σ_j and s only): it is built once
 * per process and interpolated per integration point, ~20x cheaper than a table per point. `mutualInformationDirect` is the slow
 * reference; `mutualInformationMomentMatched` is excursion's approximation, for comparison.
 *
 * References: N. Houlsby, F. Huszár, Z. Ghahramani, M. Lengyel, "Bayesian active learning for
 * classification and preference learning", arXiv:1112.5745, eq. 2 (the H[C] − E_y H[C | y] form);
 * excursion (Cranmer, Heinrich, Louppe), `PES`.
 */
import { normalCdf, normalPdf } from '../numeric/special/index.ts';
import { gaussianClassEntropy, standardize } from './entropy.ts';
import { A_REACH, addInterpolatedRow, sumOverPairs, tabulateEvenInA, tabulateInS, TABLE_DEGREE } from './sur.ts';
import { checkLookahead, checkThresholds, type LookaheadPosterior } from './types.ts';

/** Half-width of a threshold's window in units of s (the integrand there is below e^{−36} ≈ 2e-16). */
const WINDOW = 8.5;
/** Longest Gauss–Legendre panel in units of s. */
const PANEL = 8.5;
/** u = (y − μ_y)/s_y beyond ±9 has density below 1e-18. */
const U_MAX = 9;
/** Positive nodes of the 16-point Gauss–Legendre rule on [−1, 1]. */
const GL_NODES = [
  0.09501250983763744, 0.2816035507792589, 0.45801677765722737, 0.6178762444026438, 0.755404408355003, 0.8656312023878318, 0.9445750230732326, 0.9894009349916499,
];
/** Their weights. */
const GL_WEIGHTS = [
  0.18945061045506864, 0.18260341504492364, 0.16915651939500265, 0.1495959888165767, 0.12462897125553407, 0.0951585116824926, 0.062253523938647456, 0.027152459411754176,
];

/** ∫_lo^hi φ(u) H_C(μ + ρσu, σs) du by 16-point Gauss–Legendre. */
function panelIntegral(lo: number, hi: number, mu: number, sigma: number, rho: number, s: number, thresholds: readonly number[]): number {
  const center = (lo + hi) / 2;
  const half = (hi - lo) / 2;
  let sum = 0;
  for (let n = 0; n < GL_NODES.length; n++) {
    const du = half * GL_NODES[n]!;
    const left = center - du;
    const right = center + du;
    sum +=
      GL_WEIGHTS[n]! *
      (normalPdf(left) * gaussianClassEntropy(mu + rho * sigma * left, sigma * s, thresholds) +
        normalPdf(right) * gaussianClassEntropy(mu + rho * sigma * right, sigma * s, thresholds));
  }
  return half * sum;
}

/**
 * E_U[H_C(μ + ρσU, σs)], U ~ N(0, 1), ρ = √(1 − s²): the expected class entropy at a point with prior
 * N(μ, σ²) after an observation with squared correlation 1 − s² to it (nats).
 * Near threshold k the integrand is φ(u) times a function of v = (a_k − ρu)/s (a_k = (t_k − μ)/σ) that
 * decays like φ(v); as s² + ρ² = 1, φ(u)φ(v) ∝ exp(−(u − ρa_k)²/(2s²)), so it lives in u ∈ ρa_k ± WINDOW·s.
 * The union of these windows (clipped to |u| ≤ 9) is cut into panels of at most PANEL·s.
 */
export function expectedPosteriorEntropy(mu: number, sigma: number, thresholds: readonly number[], s: number): number {
  if (!(sigma > 0) || !(s > 0)) return 0;
  if (s >= 1) return gaussianClassEntropy(mu, sigma, thresholds);
  const rho = Math.sqrt((1 - s) * (1 + s));
  const reach = WINDOW * s;
  let total = 0;
  const K = thresholds.length;
  let k = 0;
  while (k < K) {
    const lo = Math.max(rho * standardize(thresholds[k]!, mu, sigma) - reach, -U_MAX);
    let hi = rho * standardize(thresholds[k]!, mu, sigma) + reach;
    // Merge the windows of the following thresholds while they overlap.
    while (k + 1 < K && rho * standardize(thresholds[k + 1]!, mu, sigma) - reach <= hi) {
      k++;
      hi = rho * standardize(thresholds[k]!, mu, sigma) + reach;
    }
    k++;
    hi = Math.min(hi, U_MAX);
    if (!(hi > lo)) continue;
    const panels = Math.ceil((hi - lo) / (PANEL * s));
    const width = (hi - lo) / panels;
    for (let n = 0; n < panels; n++) total += panelIntegral(lo + n * width, lo + (n + 1) * width, mu, sigma, rho, s, thresholds);
  }
  return total;
}

let oneThreshold: Float64Array | null = null;

/** Σ_j w_j I(y_i; C(z_j)) for each candidate (nats); shape (m). Table + Clenshaw, see the file comment. */
export function mutualInformation(p: LookaheadPosterior, thresholds: readonly number[]): Float64Array {
  checkThresholds(thresholds);
  const { q, weights } = checkLookahead(p);
  let coefficients: Float64Array;
  if (thresholds.length === 1) {
    // with one threshold g_j depends on z_j only through a = (t − μ_j)/σ_j (μ = −a, σ = 1, t = 0 below)
    oneThreshold ??= tabulateEvenInA(TABLE_DEGREE, (a, s) => gaussianClassEntropy(-a, 1, [0]) - expectedPosteriorEntropy(-a, 1, [0], s));
    coefficients = new Float64Array(q * (TABLE_DEGREE + 1));
    for (let j = 0; j < q; j++) {
      const sigma = Math.sqrt(Math.max(p.integration.variance[j]!, 0));
      if (!(sigma > 0)) continue;
      const a = (thresholds[0]! - p.integration.mean[j]!) / sigma;
      // (almost) no information about a point whose class is certain
      if (!(Math.abs(a) < A_REACH) || !(gaussianClassEntropy(-a, 1, [0]) > 1e-15)) continue;
      addInterpolatedRow(oneThreshold, TABLE_DEGREE, a, coefficients, j * (TABLE_DEGREE + 1));
    }
  } else {
    let prior = 0;
    coefficients = tabulateInS(q, TABLE_DEGREE, (j, s, l) => {
      const mu = p.integration.mean[j]!;
      const sigma = Math.sqrt(Math.max(p.integration.variance[j]!, 0));
      if (l === 0) {
        prior = sigma > 0 ? gaussianClassEntropy(mu, sigma, thresholds) : 0;
        return prior > 1e-15 ? 0 : null; // (almost) no information about a point whose class is certain
      }
      return prior - expectedPosteriorEntropy(mu, sigma, thresholds, s);
    });
  }
  const out = sumOverPairs(p, weights, coefficients, TABLE_DEGREE);
  for (let i = 0; i < out.length; i++) out[i] = Math.max(out[i]!, 0);
  return out;
}

/** The same score pair by pair (the slow reference of `mutualInformation`); shape (m). */
export function mutualInformationDirect(p: LookaheadPosterior, thresholds: readonly number[]): Float64Array {
  checkThresholds(thresholds);
  const { m, q, weights } = checkLookahead(p);
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const sy2 = p.candidates.variance[i]! + p.noiseVariance;
    for (let j = 0; j < q; j++) {
      const mu = p.integration.mean[j]!;
      const vz = p.integration.variance[j]!;
      if (!(vz > 0) || !(sy2 > 0)) continue;
      const c = p.crossCovariance[i * q + j]!;
      const r2 = Math.min((c * c) / (sy2 * vz), 1);
      const sigma = Math.sqrt(vz);
      const info = gaussianClassEntropy(mu, sigma, thresholds) - expectedPosteriorEntropy(mu, sigma, thresholds, Math.sqrt(1 - r2));
      out[i] += weights[j]! * Math.max(info, 0);
    }
  }
  return out;
}

/**
 * excursion's moment-matched approximation, done correctly: I = H[y] − Σ_k P(C = k) H[y | C = k] with
 * y | C = k replaced by the normal of the same variance. y = μ_y + ρ s_y Z + s_y √(1 − ρ²) W with
 * Z = (f(z) − μ_z)/σ_z, so Var(y | C = k) = s_y² (1 − ρ² (1 − V_k)), V_k the variance of Z truncated to
 * class k: V = 1 + (αφ(α) − βφ(β))/P − ((φ(α) − φ(β))/P)² on [α, β]. Hence
 *   I_mm = −½ Σ_k P_k ln(1 − ρ²(1 − V_k)),
 * a lower bound on I (the normal has the largest entropy for its variance). Shape (m).
 */
export function mutualInformationMomentMatched(p: LookaheadPosterior, thresholds: readonly number[]): Float64Array {
  checkThresholds(thresholds);
  const { m, q, weights } = checkLookahead(p);
  const K = thresholds.length;
  const probability = new Float64Array(q * (K + 1));
  const lostVariance = new Float64Array(q * (K + 1)); // 1 − V_k
  for (let j = 0; j < q; j++) {
    const sigma = Math.sqrt(Math.max(p.integration.variance[j]!, 0));
    if (!(sigma > 0)) continue;
    for (let k = 0; k <= K; k++) {
      const alpha = k === 0 ? -Infinity : standardize(thresholds[k - 1]!, p.integration.mean[j]!, sigma);
      const beta = k === K ? Infinity : standardize(thresholds[k]!, p.integration.mean[j]!, sigma);
      const mass = alpha >= 0 ? normalCdf(-alpha) - normalCdf(-beta) : normalCdf(beta) - normalCdf(alpha);
      if (!(mass > 0)) continue;
      const fa = Number.isFinite(alpha) ? normalPdf(alpha) : 0;
      const fb = Number.isFinite(beta) ? normalPdf(beta) : 0;
      const afa = Number.isFinite(alpha) ? alpha * fa : 0;
      const bfb = Number.isFinite(beta) ? beta * fb : 0;
      const meanShift = (fa - fb) / mass;
      probability[j * (K + 1) + k] = mass;
      lostVariance[j * (K + 1) + k] = Math.min(Math.max(-(afa - bfb) / mass + meanShift * meanShift, 0), 1);
    }
  }
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const sy2 = p.candidates.variance[i]! + p.noiseVariance;
    if (!(sy2 > 0)) continue;
    for (let j = 0; j < q; j++) {
      const vz = p.integration.variance[j]!;
      if (!(vz > 0)) continue;
      const c = p.crossCovariance[i * q + j]!;
      const r2 = Math.min((c * c) / (sy2 * vz), 1);
      let info = 0;
      for (let k = 0; k <= K; k++) {
        const pk = probability[j * (K + 1) + k]!;
        if (pk > 0) info -= 0.5 * pk * Math.log1p(-r2 * lostVariance[j * (K + 1) + k]!);
      }
      out[i] += weights[j]! * info;
    }
  }
  return out;
}
