/**
 * Local refinement of a chosen candidate: a few steps of gradient ascent on the acquisition, the
 * gradient by central differences (2d evaluations, step h), each step a backtracking search along
 * the normalised gradient (lengths r, r/2, r/4, r/8), kept inside the unit box and the valid region.
 * A step is taken only if it raises the score, so the result never scores below the start.
 */
import type { AcquisitionEntry } from './index.ts';
import { scoreCandidates, type Integration, type ScoringModel } from './score.ts';

export interface RefineOptions {
  /** Gradient steps (default 1; each costs two scoring calls, which in 2D is more than the selection). */
  steps?: number;
  /** First trial step length in the unit box (default: a quarter of the smallest length scale, at most 0.05). */
  radius?: number;
  /** Central-difference step (default 1e-4). */
  h?: number;
  integration?: Integration;
  valid?: (u: Float64Array) => boolean;
}

/** The refined point (d) and its score. */
export function refinePoint(
  point: Float64Array, models: readonly ScoringModel[], acquisition: AcquisitionEntry, options: RefineOptions = {},
): { point: Float64Array; score: number } {
  const d = point.length;
  const h = options.h ?? 1e-4;
  const scales = models[0].gp.spec.hyperparameters.lengthScales;
  let radius = options.radius ?? Math.min(0.05, 0.25 * Math.min(...scales));
  const score = (points: Float64Array) => scoreCandidates(models, acquisition, points, options.integration);
  let current = Float64Array.from(point);
  let best = Number.NEGATIVE_INFINITY;
  for (let step = 0; step < (options.steps ?? 1); step++) {
    // one call scores the 2d central-difference probes and (last) the current point
    const probes = new Float64Array((2 * d + 1) * d);
    for (let j = 0; j < d; j++) {
      probes.set(current, 2 * j * d);
      probes.set(current, (2 * j + 1) * d);
      probes[2 * j * d + j] = Math.min(1, current[j] + h);
      probes[(2 * j + 1) * d + j] = Math.max(0, current[j] - h);
    }
    probes.set(current, 2 * d * d);
    const values = score(probes);
    if (step === 0) best = values[2 * d];
    if (!Number.isFinite(best)) break;
    const gradient = new Float64Array(d);
    let norm = 0;
    for (let j = 0; j < d; j++) {
      const width = probes[2 * j * d + j] - probes[(2 * j + 1) * d + j];
      const g = width > 0 ? (values[2 * j] - values[2 * j + 1]) / width : 0;
      gradient[j] = Number.isFinite(g) ? g : 0;
      norm += gradient[j] ** 2;
    }
    if (!(norm > 0)) break;
    norm = Math.sqrt(norm);
    const lengths = [radius, radius / 2, radius / 4, radius / 8];
    const trials = new Float64Array(lengths.length * d);
    lengths.forEach((a, l) => {
      for (let j = 0; j < d; j++) trials[l * d + j] = Math.min(1, Math.max(0, current[j] + (a * gradient[j]) / norm));
    });
    const trialScores = score(trials);
    let chosen = -1;
    for (let l = 0; l < lengths.length; l++) {
      const u = trials.subarray(l * d, (l + 1) * d);
      if (trialScores[l] > best && (!options.valid || options.valid(u))) { best = trialScores[l]; chosen = l; }
    }
    if (chosen < 0) break;
    current = trials.slice(chosen * d, (chosen + 1) * d);
    radius = chosen === 0 ? radius * 2 : lengths[chosen];
  }
  return { point: current, score: best };
}
