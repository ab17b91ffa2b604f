/**
 * Scores candidate points for one or several modelled functions: each function's acquisition is
 * computed from its own posterior and thresholds, then the scores combine by a weighted sum.
 */
import type { GaussianProcess } from '../surrogate/gaussian-process.ts';
import { combineWeighted } from './combine.ts';
import type { AcquisitionEntry } from './index.ts';
import { misclassificationProbability } from './sur.ts';

/** One modelled function: its GP (in the loop's unit box), thresholds in the GP's output units, weight. */
export interface ScoringModel {
  gp: GaussianProcess;
  thresholds: readonly number[];
  weight: number;
}

/** Integration points for look-ahead acquisitions (q × d, unit box) with optional weights. */
export interface Integration {
  points: Float64Array;
  weights?: Float64Array;
}

/** Look-ahead scores are computed for at most this many candidates: those of most uncertain class. */
export const LOOKAHEAD_SHORTLIST = 512;

/**
 * Scores m candidates (m × d, row-major); larger is better. A look-ahead acquisition scores only the
 * LOOKAHEAD_SHORTLIST candidates whose class is most uncertain (largest misclassification
 * probability over the models); the others get −∞. A point of nearly certain class gains nothing
 * from an observation, so the shortlist loses nothing that matters and saves most of the cost.
 */
export function scoreCandidates(
  models: readonly ScoringModel[], acquisition: AcquisitionEntry, candidates: Float64Array, integration?: Integration,
): Float64Array {
  const d = models[0].gp.dimension;
  const m = candidates.length / d;
  const posteriors = models.map((model) => model.gp.posterior(candidates));
  if (acquisition.kind === 'pointwise') {
    const scores = models.map((model, k) => acquisition.score(posteriors[k], model.thresholds));
    return scores.length === 1 ? scores[0] : combineWeighted(scores, models.map((mo) => mo.weight));
  }
  if (!integration) throw new RangeError('a look-ahead acquisition needs integration points');
  const uncertainty = new Float64Array(m);
  models.forEach((model, k) => {
    const p = misclassificationProbability(posteriors[k], model.thresholds);
    for (let i = 0; i < m; i++) uncertainty[i] = Math.max(uncertainty[i], p[i]);
  });
  const shortlist = m <= LOOKAHEAD_SHORTLIST
    ? Array.from({ length: m }, (_, i) => i)
    : Array.from(uncertainty.keys()).sort((a, b) => uncertainty[b] - uncertainty[a]).slice(0, LOOKAHEAD_SHORTLIST).sort((a, b) => a - b);
  const subset = new Float64Array(shortlist.length * d);
  shortlist.forEach((i, r) => subset.set(candidates.subarray(i * d, (i + 1) * d), r * d));
  const scores = models.map((model, k) => {
    const h = model.gp.spec.hyperparameters;
    return acquisition.score({
      candidates: { mean: Float64Array.from(shortlist, (i) => posteriors[k].mean[i]), variance: Float64Array.from(shortlist, (i) => posteriors[k].variance[i]) },
      integration: model.gp.posterior(integration.points),
      crossCovariance: model.gp.crossCovariance(subset, integration.points),
      noiseVariance: (h.noise + model.gp.spec.nugget) * model.gp.spec.yStd ** 2,
      weights: integration.weights,
    }, model.thresholds);
  });
  const combined = scores.length === 1 ? scores[0] : combineWeighted(scores, models.map((mo) => mo.weight));
  const out = new Float64Array(m).fill(Number.NEGATIVE_INFINITY);
  shortlist.forEach((i, r) => (out[i] = combined[r]));
  return out;
}
