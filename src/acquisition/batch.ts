/**
 * Batch selection by sequential greedy maximisation: pick the best candidate, then make the models
 * believe an outcome there (a fantasy, added by a rank-1 Cholesky update, no refit) or penalise its
 * neighbourhood, and pick again. Kriging believer: the fantasy is the posterior mean (Ginsbourger et
 * al. 2010); posterior sample: a draw from the predictive distribution; penalisation: scores shrink by
 * 1 − exp(−r²/2) with r the length-scale-scaled distance to chosen points (after González et al. 2016).
 */
import type { Rng } from '../numeric/random/index.ts';
import type { AcquisitionEntry } from './index.ts';
import { focusIntegration, scoreCandidates, uncertainShortlist, type Integration, type ScoringModel } from './score.ts';

export type BatchStrategy = 'kriging-believer' | 'posterior-sample' | 'penalisation';
export const BATCH_STRATEGIES: readonly BatchStrategy[] = ['kriging-believer', 'posterior-sample', 'penalisation'];

/** Points the batch must keep away from: within `radius` (unit-box distance) nothing is chosen. */
export interface Exclusion {
  points: Float64Array;
  radius: number;
}

export interface BatchOptions {
  count: number;
  strategy: BatchStrategy;
  rng: Rng;
  /** Evaluated, pending and failed points, each set with its own radius. */
  exclusions: readonly Exclusion[];
  /** Minimum distance between two points of the batch (unit box). */
  minDistance: number;
  integration?: Integration;
  /** Local improvement of a chosen candidate (e.g. gradient steps); must return a point of the box. */
  refine?: (point: Float64Array, models: readonly ScoringModel[], integration?: Integration) => Float64Array;
}

/** Chooses `count` points (count × d, row-major) among the candidates (m × d). */
export function selectBatch(
  models: readonly ScoringModel[], acquisition: AcquisitionEntry, candidates: Float64Array, options: BatchOptions,
): Float64Array {
  const d = models[0].gp.dimension;
  let integration = options.integration;
  if (acquisition.kind === 'lookahead' && integration) {
    // fantasies only shrink the uncertainty (kriging believer), so the look-ahead needs only the
    // candidates and integration points of uncertain class now, found once for the whole batch
    candidates = uncertainShortlist(models, candidates);
    integration = focusIntegration(models, integration);
  }
  const m = candidates.length / d;
  const allowed = new Uint8Array(m).fill(1);
  for (const { points, radius } of options.exclusions) excludeNear(candidates, d, points, radius, allowed);
  const chosen: number[] = [];
  let current = models;
  let penalty: Float64Array | null = null;
  for (let b = 0; b < options.count; b++) {
    const scores = scoreCandidates(current, acquisition, candidates, integration);
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    let minScore = Number.POSITIVE_INFINITY;
    for (let i = 0; i < m; i++) if (allowed[i] && scores[i] < minScore) minScore = scores[i];
    for (let i = 0; i < m; i++) {
      if (!allowed[i] || Number.isNaN(scores[i])) continue;
      const s = penalty ? (scores[i] - minScore) * penalty[i] : scores[i];
      if (s > bestScore) { bestScore = s; best = i; }
    }
    if (best < 0) break; // every candidate excluded: return a shorter batch
    let point: Float64Array = candidates.slice(best * d, (best + 1) * d);
    if (options.refine) {
      // a refined point that lands next to a kept-away point or a batch point falls back to the candidate
      const refined = options.refine(point, current, integration);
      const keptAway = [...options.exclusions, { points: Float64Array.from(chosen), radius: options.minDistance }];
      if (!keptAway.some(({ points, radius }) => isNear(refined, points, radius))) point = refined;
    }
    chosen.push(...point);
    excludeNear(candidates, d, point, options.minDistance, allowed);
    if (b === options.count - 1) break;
    if (options.strategy === 'penalisation') {
      penalty = penalise(penalty, candidates, d, point, current[0].gp.spec.hyperparameters.lengthScales);
    } else {
      current = current.map((model) => ({ ...model, gp: model.gp.condition(point, Float64Array.of(fantasy(model, point, options))) }));
    }
  }
  return Float64Array.from(chosen);
}

function fantasy(model: ScoringModel, point: Float64Array, options: BatchOptions): number {
  const { mean, variance } = model.gp.posterior(point);
  if (options.strategy === 'kriging-believer') return mean[0];
  return mean[0] + Math.sqrt(variance[0]) * options.rng.normal();
}

function isNear(point: Float64Array, points: Float64Array, radius: number): boolean {
  const d = point.length;
  for (let p = 0; p < points.length; p += d) {
    let s = 0;
    for (let j = 0; j < d; j++) s += (point[j] - points[p + j]) ** 2;
    if (s < radius * radius) return true;
  }
  return false;
}

function excludeNear(candidates: Float64Array, d: number, points: Float64Array, radius: number, allowed: Uint8Array): void {
  if (radius <= 0) return;
  const r2 = radius * radius;
  const m = candidates.length / d;
  for (let p = 0; p < points.length; p += d) {
    for (let i = 0; i < m; i++) {
      if (!allowed[i]) continue;
      let s = 0;
      for (let j = 0; j < d && s < r2; j++) s += (candidates[i * d + j] - points[p + j]) ** 2;
      if (s < r2) allowed[i] = 0;
    }
  }
}

function penalise(previous: Float64Array | null, candidates: Float64Array, d: number, point: Float64Array, lengthScales: readonly number[]): Float64Array {
  const m = candidates.length / d;
  const out = previous ?? new Float64Array(m).fill(1);
  for (let i = 0; i < m; i++) {
    let r2 = 0;
    for (let j = 0; j < d; j++) r2 += ((candidates[i * d + j] - point[j]) / lengthScales[j]) ** 2;
    out[i] *= 1 - Math.exp(-0.5 * r2);
  }
  return out;
}
