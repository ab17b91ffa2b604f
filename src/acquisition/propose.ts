/**
 * Search over the domain without a grid: scrambled Sobol candidates in the unit box, plus points
 * sampled around the candidates whose class is most uncertain (where p(1 − p) is large), so the
 * search concentrates near the current contour in any dimension. Invalid regions are removed. Each
 * chosen point is then refined by a few gradient steps on the acquisition (refine.ts).
 */
import { sobolPoints } from '../numeric/design/index.ts';
import type { Rng } from '../numeric/random/index.ts';
import { refinePoint } from './refine.ts';
import { selectBatch, type BatchOptions } from './batch.ts';
import type { AcquisitionEntry } from './index.ts';
import type { Integration, ScoringModel } from './score.ts';
import { misclassificationProbability, sur } from './sur.ts';

export interface CandidateOptions {
  dimension: number;
  /** Number of space-filling candidates (before invalid points are removed). */
  count: number;
  rng: Rng;
  /** False for points of the unit box that must never be proposed. */
  valid?: (u: Float64Array) => boolean;
  /** When given, `count / 2` more candidates are sampled near the uncertain part of the contour. */
  models?: readonly ScoringModel[];
}

/** Candidate points (m × d, row-major, unit box). */
export function candidatePoints(options: CandidateOptions): Float64Array {
  const { dimension: d, count, rng } = options;
  const base = keepValid(sobolPoints(count, d, { scramble: rng }), d, options.valid);
  if (!options.models || options.models.length === 0) return base;
  const m = base.length / d;
  const uncertainty = new Float64Array(m);
  for (const model of options.models) {
    const p = misclassificationProbability(model.gp.posterior(base), model.thresholds);
    for (let i = 0; i < m; i++) uncertainty[i] = Math.max(uncertainty[i], p[i]);
  }
  const order = Array.from(uncertainty.keys()).filter((i) => uncertainty[i] > 1e-4).sort((a, b) => uncertainty[b] - uncertainty[a]);
  const seeds = order.slice(0, Math.max(1, Math.floor(count / 16)));
  if (seeds.length === 0 || order.length === 0) return base;
  const scale = Math.min(0.1, Math.max(0.005, 0.25 * Math.min(...options.models[0].gp.spec.hyperparameters.lengthScales)));
  const perSeed = Math.ceil(count / 2 / seeds.length);
  const local = new Float64Array(seeds.length * perSeed * d);
  let k = 0;
  for (const s of seeds) {
    for (let r = 0; r < perSeed; r++) {
      for (let j = 0; j < d; j++) local[k++] = Math.min(1, Math.max(0, base[s * d + j] + scale * rng.normal()));
    }
  }
  const near = keepValid(local, d, options.valid);
  const out = new Float64Array(base.length + near.length);
  out.set(base);
  out.set(near, base.length);
  return out;
}

/** Candidates, then a batch chosen among them. */
export function propose(
  models: readonly ScoringModel[], acquisition: AcquisitionEntry,
  candidates: Omit<CandidateOptions, 'models' | 'rng'>, batch: BatchOptions,
): Float64Array {
  const points = candidatePoints({ ...candidates, rng: batch.rng, models });
  const refine = (point: Float64Array, current: readonly ScoringModel[], integration?: Integration) =>
    refinePoint(point, current, acquisition, { integration, valid: candidates.valid }).point;
  // the mutual information rebuilds a degree-32 table per integration point at every call, so each
  // refinement step would cost as much as the whole selection: it keeps the best candidate instead
  const refinable = acquisition.kind === 'pointwise' || acquisition.score === sur;
  return selectBatch(models, acquisition, points, refinable ? { refine, ...batch } : batch);
}

function keepValid(points: Float64Array, d: number, valid?: (u: Float64Array) => boolean): Float64Array {
  if (!valid) return points;
  const out: number[] = [];
  for (let i = 0; i < points.length; i += d) {
    const u = points.subarray(i, i + d);
    if (valid(u)) out.push(...u);
  }
  return Float64Array.from(out);
}
