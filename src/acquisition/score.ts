/**
 * Scores candidate points for one or several modelled functions: each function's acquisition is
 * computed from its own posterior and thresholds, then the scores combine by a weighted sum.
 */
import type { GaussianProcess } from '../surrogate/gaussian-process.ts';
import type { Posterior } from '../surrogate/posterior.ts';
import type { Warp } from '../surrogate/warp.ts';
import { combineWeighted } from './combine.ts';
import type { AcquisitionEntry } from './index.ts';
import { misclassificationProbability } from './sur.ts';

/** One modelled function: its GP (in the loop's unit box), thresholds in the GP's output units, weight. */
export interface ScoringModel {
  gp: GaussianProcess;
  thresholds: readonly number[];
  weight: number;
  /** The output warping the GP models (thresholds are warped alike); absent: the identity. */
  warp?: Warp;
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
  const uncertainty = maxMisclassification(models, posteriors);
  const shortlist = m <= LOOKAHEAD_SHORTLIST ? Array.from({ length: m }, (_, i) => i) : largest(uncertainty, LOOKAHEAD_SHORTLIST);
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

/** Per point, the largest misclassification probability over the models' posteriors. */
function maxMisclassification(models: readonly ScoringModel[], posteriors: readonly Posterior[]): Float64Array {
  const out = new Float64Array(posteriors[0].mean.length);
  models.forEach((model, k) => {
    const p = misclassificationProbability(posteriors[k], model.thresholds);
    for (let i = 0; i < out.length; i++) out[i] = Math.max(out[i], p[i]);
  });
  return out;
}

/** Indices of the `count` largest values, in increasing index order. */
function largest(values: Float64Array, count: number): number[] {
  return Array.from(values.keys()).sort((a, b) => values[b] - values[a]).slice(0, count).sort((a, b) => a - b);
}

/** The rows (m × d) of the LOOKAHEAD_SHORTLIST points of most uncertain class (all if there are fewer). */
export function uncertainShortlist(models: readonly ScoringModel[], points: Float64Array): Float64Array {
  const d = models[0].gp.dimension;
  const m = points.length / d;
  if (m <= LOOKAHEAD_SHORTLIST) return points;
  const keep = largest(maxMisclassification(models, models.map((model) => model.gp.posterior(points))), LOOKAHEAD_SHORTLIST);
  const out = new Float64Array(keep.length * d);
  keep.forEach((i, r) => out.set(points.subarray(i * d, (i + 1) * d), r * d));
  return out;
}

/**
 * The integration points whose class is uncertain (misclassification probability above `floor` for
 * some model), with their weights (uniform 1/q when none were given). A point of probability p adds
 * at most p(1 − p) to SUR's score (and at most its class entropy to the mutual information), so
 * the dropped points change the scores by less than about `floor` times their weight.
 */
export function focusIntegration(models: readonly ScoringModel[], integration: Integration, floor = 1e-7): Integration {
  const d = models[0].gp.dimension;
  const q = integration.points.length / d;
  const uncertainty = maxMisclassification(models, models.map((model) => model.gp.posterior(integration.points)));
  const keep: number[] = [];
  for (let j = 0; j < q; j++) if (uncertainty[j] > floor) keep.push(j);
  if (keep.length === 0) keep.push(largest(uncertainty, 1)[0]);
  const points = new Float64Array(keep.length * d);
  keep.forEach((j, r) => points.set(integration.points.subarray(j * d, (j + 1) * d), r * d));
  const weights = Float64Array.from(keep, (j) => integration.weights?.[j] ?? 1 / q);
  return { points, weights };
}
