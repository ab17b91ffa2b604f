/**
 * Scores candidate points for one or several modelled functions: each function's acquisition is
 * computed from its own posterior and thresholds, then the scores combine by a weighted sum.
 */
import type { GaussianProcess } from '../surrogate/gaussian-process.ts';
import { combineWeighted } from './combine.ts';
import type { AcquisitionEntry } from './index.ts';

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

/** Scores m candidates (m × d, row-major); larger is better. */
export function scoreCandidates(
  models: readonly ScoringModel[], acquisition: AcquisitionEntry, candidates: Float64Array, integration?: Integration,
): Float64Array {
  const scores = models.map((model) => {
    const posterior = model.gp.posterior(candidates);
    if (acquisition.kind === 'pointwise') return acquisition.score(posterior, model.thresholds);
    if (!integration) throw new RangeError(`acquisition needs integration points`);
    const h = model.gp.spec.hyperparameters;
    return acquisition.score({
      candidates: posterior,
      integration: model.gp.posterior(integration.points),
      crossCovariance: model.gp.crossCovariance(candidates, integration.points),
      noiseVariance: (h.noise + model.gp.spec.nugget) * model.gp.spec.yStd ** 2,
      weights: integration.weights,
    }, model.thresholds);
  });
  return scores.length === 1 ? scores[0] : combineWeighted(scores, models.map((m) => m.weight));
}
