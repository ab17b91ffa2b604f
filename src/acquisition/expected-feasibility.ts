/**
 * The expected-feasibility family: for f ~ N(μ, σ²), a threshold t and the band half-width εσ (ε = 2),
 *
 *   EF_δ = E[max(0, (εσ)^δ − |f − t|^δ)],  δ ∈ {1, 2},
 *
 * per candidate. With d = (t − μ)/σ and u = (f − μ)/σ ~ N(0, 1) it is σ^δ ∫_{d−ε}^{d+ε} (ε^δ − |u − d|^δ) φ(u) du:
 *
 *   δ = 1 (B. J. Bichon, M. S. Eldred, L. P. Swiler, S. Mahadevan, J. M. McFarland, "Efficient global
 *   reliability analysis for nonlinear implicit performance functions", AIAA J. 46 (2008) 2459, eq. 8):
 *     EF₁ = σ [ε (Φ(d+ε) − Φ(d−ε)) + d (Φ(d+ε) + Φ(d−ε) − 2Φ(d)) + φ(d+ε) + φ(d−ε) − 2φ(d)];
 *   δ = 2 (P. Ranjan, D. Bingham, G. Michailidis, "Sequential experiment design for contour estimation
 *   from complex computer codes", Technometrics 50 (2008) 527, eq. 7):
 *     EF₂ = σ² [(ε² − d² − 1)(Φ(d+ε) − Φ(d−ε)) + (d + ε) φ(d−ε) + (ε − d) φ(d+ε)].
 *
 * Both are even in d and decrease in |d|, so with K > 1 thresholds the score uses the nearest threshold,
 * which is also the maximum over thresholds. EF_δ is evaluated at d = −|d|, where the Φ terms are tails
 * and do not cancel. Units: f for δ = 1, f² for δ = 2.
 */
import { normalCdf, normalPdf } from '../numeric/special/index.ts';
import type { Posterior } from '../surrogate/posterior.ts';
import { checkPosterior, checkThresholds, type PointwiseAcquisition } from './types.ts';
import { QuarryError } from '../errors.ts';

/** Band half-width in units of σ. */
const EPSILON = 2;

/** ∫_{d−ε}^{d+ε} (ε − |u − d|) φ(u) du (Bichon's EF over σ). */
export function bichonStandard(d: number, eps = EPSILON): number {
  const a = -Math.abs(d);
  const lo = a - eps;
  const hi = a + eps;
  const value =
    eps * (normalCdf(hi) - normalCdf(lo)) +
    a * (normalCdf(hi) + normalCdf(lo) - 2 * normalCdf(a)) +
    normalPdf(hi) + normalPdf(lo) - 2 * normalPdf(a);
  return Math.max(value, 0);
}

/** ∫_{d−ε}^{d+ε} (ε² − (u − d)²) φ(u) du (Ranjan's EI over σ²). */
export function ranjanStandard(d: number, eps = EPSILON): number {
  const a = -Math.abs(d);
  const lo = a - eps;
  const hi = a + eps;
  const value = (eps * eps - a * a - 1) * (normalCdf(hi) - normalCdf(lo)) + (a + eps) * normalPdf(lo) + (eps - a) * normalPdf(hi);
  return Math.max(value, 0);
}

/** E[max(0, (2σ)^δ − |f − t|^δ)] with t the nearest threshold: δ = 1 Bichon, δ = 2 Ranjan; shape (m). */
export function expectedFeasibility(delta: 1 | 2): PointwiseAcquisition {
  if (delta !== 1 && delta !== 2) {
    throw new QuarryError('INVALID_ARGUMENT', `expectedFeasibility delta = ${String(delta)}`, 'use delta 1 (Bichon) or 2 (Ranjan)');
  }
  const standard = delta === 1 ? bichonStandard : ranjanStandard;
  return (posterior: Posterior, thresholds: readonly number[]): Float64Array => {
    const m = checkPosterior(posterior);
    checkThresholds(thresholds);
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const sigma = Math.sqrt(Math.max(posterior.variance[i]!, 0));
      if (!(sigma > 0)) continue; // a band of width 0 holds f = t with probability 0
      const mu = posterior.mean[i]!;
      let nearest = Infinity;
      for (const t of thresholds) nearest = Math.min(nearest, Math.abs(mu - t));
      out[i] = (delta === 1 ? sigma : sigma * sigma) * standard(nearest / sigma);
    }
    return out;
  };
}
