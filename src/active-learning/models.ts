/**
 * Fits one GP per output on the loop's unit box from the completed observations, warm-started from
 * the hyperparameters of the previous iteration, and evaluates the surrogates' convergence on a fixed
 * monitor set (misclassified fraction, classes changed since the last fit).
 */
import type { ScoringModel } from '../acquisition/score.ts';
import { misclassificationProbability } from '../acquisition/sur.ts';
import { sobolPoints } from '../numeric/design/index.ts';
import { fitGaussianProcess, type GpFitOptions } from '../surrogate/fit.ts';
import { IDENTITY, warpValue, warpValues } from '../surrogate/warp.ts';
import { fitWarpedGaussianProcess } from '../surrogate/warp-select.ts';
import type { Domain } from './domain.ts';
import type { LoopState } from './state.ts';
import { applyTransform } from './transforms.ts';

/** From this many points on, a warm-started fit runs no random restarts. */
const WARM_ONLY_FROM = 200;
/** Output warpings are chosen from this many points on (fewer cannot tell a saturation level). */
const WARP_FROM = 4;
/** Beyond this many points the warping last chosen is kept (choosing fits ~25 GPs per output, O(n³) each). */
const WARP_SELECT_UNTIL = 200;

/** The models of every output, or null while some output has fewer than two usable values. */
export function fitModels(state: LoopState, domain: Domain): ScoringModel[] | null {
  const d = domain.dimension;
  const { config } = state;
  const models: ScoringModel[] = [];
  for (let k = 0; k < config.outputs.length; k++) {
    const output = config.outputs[k];
    const xs: number[] = [];
    const ys: number[] = [];
    for (const o of state.observations) {
      if (o.status !== 'completed') continue;
      const raw = o.y[k];
      const v = raw === null || raw === undefined ? null : applyTransform(output.transform, raw);
      if (v === null || !Number.isFinite(v)) continue;
      xs.push(...o.u);
      ys.push(v);
    }
    if (ys.length < 2) return null;
    const warm = state.hyperparameters[k];
    const thresholds = output.thresholds.map((t) => applyTransform(output.transform, t)!);
    const options: GpFitOptions = {
      kernel: config.kernel ?? 'matern52',
      noise: config.noise ?? 'fit',
      mean: config.mean ?? 'constant',
      domain: { lower: new Array(d).fill(0), upper: new Array(d).fill(1) },
      bounds: { lengthScale: [1e-2, 1e2], noise: [1e-8, 1] },
      // a warm start from the last fit suffices once the data pin the hyperparameters; restarts cost O(n³) each
      restarts: warm ? (ys.length < WARM_ONLY_FROM ? 2 : 0) : 10,
      initial: warm ?? undefined,
      seed: ((config.seed ?? 0) * 7919 + state.iteration * 104729 + k) % 2147483647,
    };
    const data = { x: Float64Array.from(xs), y: Float64Array.from(ys), dimension: d };
    const kept = state.warps?.[k];
    const keepWarp = kept && ys.length > WARP_SELECT_UNTIL && [...ys, ...thresholds].every((v) => Number.isFinite(warpValue(kept, v)));
    if ((config.warp ?? 'none') === 'auto' && keepWarp) {
      const fit = fitGaussianProcess({ ...data, y: warpValues(kept, data.y) }, options);
      models.push({ gp: fit.process, thresholds: thresholds.map((t) => warpValue(kept, t)), weight: output.weight ?? 1, warp: kept });
    } else if ((config.warp ?? 'none') === 'auto' && ys.length >= WARP_FROM) {
      const { fit, warp } = fitWarpedGaussianProcess(data, { keep: thresholds, fit: options });
      models.push({ gp: fit.process, thresholds: thresholds.map((t) => warpValue(warp, t)), weight: output.weight ?? 1, warp });
    } else {
      const fit = fitGaussianProcess(data, options);
      models.push({ gp: fit.process, thresholds, weight: output.weight ?? 1, warp: IDENTITY });
    }
  }
  return models;
}

/** The fixed monitor set: 2048 Sobol points of the unit box that pass the validity predicate. */
export function monitorPoints(domain: Domain, valid?: (u: Float64Array) => boolean): Float64Array {
  const d = domain.dimension;
  const all = sobolPoints(2048, d, { skip: 1 });
  if (!valid) return all;
  const out: number[] = [];
  for (let i = 0; i < all.length; i += d) if (valid(all.subarray(i, i + d))) out.push(...all.subarray(i, i + d));
  return Float64Array.from(out);
}

/** Misclassification estimate and predicted classes on the monitor set (one character per point and output). */
export function monitor(models: readonly ScoringModel[], points: Float64Array): { misclassification: number; classes: string } {
  let total = 0;
  let count = 0;
  let classes = '';
  for (const model of models) {
    const posterior = model.gp.posterior(points);
    const p = misclassificationProbability(posterior, model.thresholds);
    for (let i = 0; i < p.length; i++) {
      total += p[i];
      let c = 0;
      for (const t of model.thresholds) if (posterior.mean[i] >= t) c++;
      classes += String.fromCharCode(48 + c);
    }
    count += p.length;
  }
  return { misclassification: count ? total / count : 0, classes };
}

/** Fraction of characters that differ between two class strings (1 when there is nothing to compare). */
export function changedFraction(previous: string, current: string): number {
  if (previous.length !== current.length || current.length === 0) return 1;
  let changed = 0;
  for (let i = 0; i < current.length; i++) if (previous.charCodeAt(i) !== current.charCodeAt(i)) changed++;
  return changed / current.length;
}
