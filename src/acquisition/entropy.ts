/**
 * Class entropy over the K + 1 classes cut by K sorted thresholds ("MES" in excursion):
 *
 *   p_k = Φ((t_{k+1} − μ)/σ) − Φ((t_k − μ)/σ),  k = 0 … K  (t_0 = −∞, t_{K+1} = +∞),
 *   H = −Σ_k p_k ln p_k  (nats; 0 ≤ H ≤ ln(K + 1)),
 *
 * per candidate; class k holds t_k ≤ f < t_{k+1}, so class 0 (f < t_1) is "excluded".
 * Each p_k is taken from the tails that do not cancel (Φ below 0, Q = 1 − Φ above), the class that
 * straddles the mean as 1 − (its two tails) with ln p = log1p(−tails), so 0 · ln 0 = 0 and σ → 0 give H → 0.
 * Reference: L. Heinrich, excursion (Cranmer, Heinrich, Louppe), `MES`; Cover & Thomas, Elements of
 * Information Theory, eq. (2.1).
 */
import { normalCdf } from '../numeric/special/index.ts';
import type { Posterior } from '../surrogate/posterior.ts';
import { checkPosterior, checkThresholds } from './types.ts';

/** (t − μ)/σ, and ±∞ when σ = 0 (f = μ then lies in the class with t_k ≤ μ). */
export function standardize(t: number, mu: number, sigma: number): number {
  if (sigma > 0) return (t - mu) / sigma;
  return t > mu ? Infinity : -Infinity;
}

/** Entropy of the classes of f ~ N(μ, σ²) for sorted thresholds (nats). */
export function gaussianClassEntropy(mu: number, sigma: number, thresholds: ArrayLike<number>): number {
  const K = thresholds.length;
  let h = 0;
  let vLo = -Infinity;
  let lowerLo = 0; // Φ(vLo)
  let upperLo = 1; // Q(vLo)
  for (let k = 0; k <= K; k++) {
    let vHi = Infinity;
    let lowerHi = 1;
    let upperHi = 0;
    if (k < K) {
      vHi = standardize(thresholds[k]!, mu, sigma);
      if (vHi < 0) {
        lowerHi = normalCdf(vHi);
        upperHi = 1 - lowerHi;
      } else {
        upperHi = normalCdf(-vHi);
        lowerHi = 1 - upperHi;
      }
    }
    if (vLo >= 0) {
      const p = upperLo - upperHi;
      if (p > 0) h -= p * Math.log(p);
    } else if (vHi <= 0) {
      const p = lowerHi - lowerLo;
      if (p > 0) h -= p * Math.log(p);
    } else {
      const tails = lowerLo + upperHi;
      if (tails > 0) h -= (1 - tails) * Math.log1p(-tails);
    }
    vLo = vHi;
    lowerLo = lowerHi;
    upperLo = upperHi;
  }
  return h;
}

/** Class entropy H (nats) at each of the m candidates; shape (m). */
export function entropy(posterior: Posterior, thresholds: readonly number[]): Float64Array {
  const m = checkPosterior(posterior);
  checkThresholds(thresholds);
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    out[i] = gaussianClassEntropy(posterior.mean[i]!, Math.sqrt(Math.max(posterior.variance[i]!, 0)), thresholds);
  }
  return out;
}
