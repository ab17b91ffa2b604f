/**
 * Straddle: score = 1.96 σ − |μ − t| with t the threshold nearest to μ (equal to the maximum over
 * thresholds of 1.96 σ − |μ − t_k|), per candidate; positive where the 95% band straddles a threshold.
 * Reference: B. Bryan, J. Schneider, R. Nichol, C. Miller, C. Genovese, L. Wasserman, "Active learning for
 * identifying function threshold boundaries", NIPS 18 (2005), section 3.
 */
import type { Posterior } from '../surrogate/posterior.ts';
import { checkPosterior, checkThresholds } from './types.ts';

/** 1.96 σ − min_k |μ − t_k| at each of the m candidates; shape (m), units of f. */
export function straddle(posterior: Posterior, thresholds: readonly number[]): Float64Array {
  const m = checkPosterior(posterior);
  checkThresholds(thresholds);
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const mu = posterior.mean[i]!;
    let nearest = Infinity;
    for (const t of thresholds) nearest = Math.min(nearest, Math.abs(mu - t));
    out[i] = 1.96 * Math.sqrt(Math.max(posterior.variance[i]!, 0)) - nearest;
  }
  return out;
}
