/**
 * Chooses an output warping (warp.ts) by the warped marginal likelihood (Snelson et al. 2004, eq. 6):
 *
 *   ln p(y | θ, w) = ln p(z′ | θ) − n·ln σ_z + Σ_i ln g′_w(y_i),   z = g_w(y), z′ = (z − μ_z)/σ_z,
 *
 * where ln p(z′ | θ) is the GP evidence of the standardised warped targets at their fitted θ and the
 * other two terms are the Jacobian of y ↦ z′. Candidates are the identity and saturating warpings on
 * a small grid of levels c beyond the data (and the thresholds) and scales s, both relative to the
 * data's range, so the choice is invariant to the output's units and offset. A saturating warping
 * is charged BIC's ln n for its two parameters. Caveat: the warped evidence grows without bound as the
 * level approaches the extreme value, so the smallest offset of the grid bounds how close it may come.
 */
import { fitGaussianProcess, type GpData, type GpFitOptions, type GpFitResult } from './fit.ts';
import { IDENTITY, warpLogJacobian, warpValues, type Warp } from './warp.ts';

export interface WarpSelectOptions {
  /** Values that must stay on the valid side of the level (the thresholds). */
  keep?: readonly number[];
  /** Sides to try besides the identity (default both). */
  sides?: readonly ('upper' | 'lower')[];
  /** Level offsets beyond the extreme value, in units of the data's range. */
  offsets?: readonly number[];
  /** Scales, in units of the data's range. */
  scales?: readonly number[];
  /** Fit options for the candidates (the winner is returned as fitted with these). */
  fit?: GpFitOptions;
}

export interface WarpedFit {
  warp: Warp;
  fit: GpFitResult;
  /** The warped log marginal likelihood of the raw targets less the warping's complexity charge (comparable across warps). */
  score: number;
  /** Every candidate tried and its score. */
  candidates: { warp: Warp; score: number }[];
}

export const DEFAULT_OFFSETS = [1e-3, 1e-2, 1e-1];
export const DEFAULT_SCALES = [0.03, 0.1, 0.3, 1];
const SIDES = ['upper', 'lower'] as const;

/** The candidate warpings for targets y (the identity first). */
export function warpCandidates(y: ArrayLike<number>, options: WarpSelectOptions = {}): Warp[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < y.length; i++) { lo = Math.min(lo, y[i]); hi = Math.max(hi, y[i]); }
  const range = hi - lo;
  const out: Warp[] = [IDENTITY];
  if (!(range > 0)) return out;
  const keep = options.keep ?? [];
  const top = Math.max(hi, ...keep);
  const bottom = Math.min(lo, ...keep);
  for (const side of options.sides ?? SIDES) {
    for (const offset of options.offsets ?? DEFAULT_OFFSETS) {
      const level = side === 'upper' ? top + offset * range : bottom - offset * range;
      for (const scale of options.scales ?? DEFAULT_SCALES) out.push({ type: 'saturating', side, level, scale: scale * range });
    }
  }
  return out;
}

/** The warped evidence of raw targets y under warp w given a fit to the standardised warped targets. */
export function warpedScore(w: Warp, y: ArrayLike<number>, fit: GpFitResult): number {
  return fit.logMarginalLikelihood - y.length * Math.log(fit.process.spec.yStd) + warpLogJacobian(w, y);
}

/**
 * Fits a GP per candidate warping and keeps the one of largest warped evidence. With a warm start
 * (`fit.initial`) the candidates are fitted from it alone and only the winner gets the restarts.
 */
export function fitWarpedGaussianProcess(data: GpData, options: WarpSelectOptions = {}): WarpedFit {
  const fitOptions = options.fit ?? {};
  const quick: GpFitOptions = fitOptions.initial ? { ...fitOptions, restarts: 0 } : fitOptions;
  let best: { warp: Warp; fit: GpFitResult; score: number } | null = null;
  const candidates: { warp: Warp; score: number }[] = [];
  for (const warp of warpCandidates(data.y, options)) {
    const z = warpValues(warp, data.y);
    if (!z.every(Number.isFinite)) continue;
    const fit = fitGaussianProcess({ ...data, y: z }, quick);
    const score = warpedScore(warp, data.y, fit) - warpComplexity(warp, data.y.length);
    candidates.push({ warp, score });
    if (best === null || score > best.score) best = { warp, fit, score };
  }
  if (best === null) throw new RangeError('fitWarpedGaussianProcess: no candidate warping gives finite targets');
  if (quick !== fitOptions) {
    const fit = fitGaussianProcess({ ...data, y: warpValues(best.warp, data.y) }, { ...fitOptions, initial: best.fit.process.spec.hyperparameters });
    best = { warp: best.warp, fit, score: warpedScore(best.warp, data.y, fit) - warpComplexity(best.warp, data.y.length) };
  }
  return { ...best, candidates };
}

/**
 * BIC's charge for a saturating warping's two extra parameters (level and scale), ½·2·ln n: without
 * it smooth unsaturated data pick a warping for a fraction of a nat.
 */
export function warpComplexity(warp: Warp, n: number): number {
  return warp.type === 'identity' ? 0 : Math.log(n);
}
