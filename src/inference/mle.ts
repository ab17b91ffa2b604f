/**
 * Maximum-likelihood fits of a HistFactory model: free fits and fits with the POI (or any parameter) held fixed.
 *
 * Minimises −2 ln L(θ; data) over the free parameters inside their bounds by a dense projected BFGS
 * with the model's analytic gradient (`quasi-newton.ts`; for ≲ 100 parameters its O(n³) step costs less
 * than the bookkeeping of L-BFGS-B and it needs about half the iterations), stopping far below the SLSQP tolerance of pyhf
 * (|Δ(−2 ln L)| ≈ 1e-6). Parameters the model fixes (`model.fixed`) and those in `options.fixed` are
 * removed from the optimisation. Piecewise interpolation (histosys code0, normsys code0/code1) has a
 * kink at α = 0 and can leave two local minima, so such models are also started with their kinked α's
 * on either side of 0 and the lowest minimum is kept. Uncertainties come from the inverse of the Hessian
 * of ½·(−2 ln L) (central differences of the analytic gradient) at the optimum.
 */
import { QuarryError } from '../errors.ts';
import type { Model, ModelData } from '../histfactory/model.ts';
import { invertSymmetric } from './linear-algebra.ts';
import { quasiNewton } from './quasi-newton.ts';

export type FixedValues = Map<number, number> | Record<string, number>;

export interface FitOptions {
  /** Parameter values held fixed in addition to `model.fixed`: index → value, or name → value. */
  fixed?: FixedValues;
  /** Start point (default `model.suggestedInit`); entries of fixed parameters are ignored. */
  init?: ArrayLike<number>;
  /** Bounds per parameter (default `model.suggestedBounds`). */
  bounds?: readonly (readonly [number, number])[];
  /** Overrides the POI's bounds. */
  poiBounds?: readonly [number, number];
  /** Compute uncertainties and the covariance from the Hessian (default true). */
  uncertainties?: boolean;
  /** Extra starts on both sides of kinks at α = 0: 'auto' (default) when the model has kinked interpolation. */
  multiStart?: boolean | 'auto';
}

export interface FitResult {
  /** Best-fit parameters in the model's order (fixed ones at their fixed values). */
  parameters: Float64Array;
  /** −2 ln L at `parameters`. */
  twiceNll: number;
  converged: boolean;
  /** L-BFGS-B iterations, summed over the starts. */
  iterations: number;
  /** √(covariance diagonal); 0 for fixed parameters. */
  uncertainties?: Float64Array;
  /** Covariance matrix (row-major, nPars × nPars), rows and columns of fixed parameters 0. */
  covariance?: Float64Array;
}

/** Resolves `fixed` (names or indices) against the model; throws naming unknown parameters. */
export function resolveFixed(model: Model, fixed: FixedValues | undefined): Map<number, number> {
  const out = new Map<number, number>();
  if (!fixed) return out;
  const entries: [number | string, number][] = fixed instanceof Map ? [...fixed.entries()] : Object.entries(fixed);
  for (const [key, value] of entries) {
    const index = typeof key === 'number' ? key : model.parameters.indexOf(key);
    if (!(index >= 0 && index < model.parameters.length) || !Number.isInteger(index)) {
      throw new QuarryError('INVALID_ARGUMENT', `fit: fixed parameter ${JSON.stringify(key)} is not a parameter of the model`, `use one of: ${model.parameters.slice(0, 20).join(', ')}${model.parameters.length > 20 ? ', …' : ''}`);
    }
    if (!Number.isFinite(value)) throw new QuarryError('INVALID_ARGUMENT', `fit: fixed value of "${model.parameters[index]}" is ${value}`, 'give a finite number');
    out.set(index, value);
  }
  return out;
}

/** Indices of free parameters that enter through an interpolation with a kink at 0. */
function kinkedParameters(model: Model, free: readonly number[]): number[] {
  const histo = model.interpolation.histosys === 'code0';
  const norm = model.interpolation.normsys === 'code0' || model.interpolation.normsys === 'code1';
  const kinked = new Set<number>();
  for (const set of model.parameterSets) {
    if ((histo && set.types.includes('histosys')) || (norm && set.types.includes('normsys'))) {
      for (let i = 0; i < set.n; i++) kinked.add(set.offset + i);
    }
  }
  return free.filter((i) => kinked.has(i));
}

interface Problem {
  free: number[];
  lower: Float64Array;
  upper: Float64Array;
  full: Float64Array;
}

function setUp(model: Model, options: FitOptions): Problem {
  const n = model.parameters.length;
  const bounds = options.bounds ?? model.suggestedBounds;
  if (bounds.length !== n) throw new QuarryError('INVALID_ARGUMENT', `fit: bounds has length ${bounds.length}, the model has ${n} parameters`, 'pass one [low, high] per parameter in model.parameters order');
  const init = options.init ?? model.suggestedInit;
  if (init.length !== n) throw new QuarryError('INVALID_ARGUMENT', `fit: init has length ${init.length}, the model has ${n} parameters`, 'pass one value per parameter in model.parameters order');
  const fixed = resolveFixed(model, options.fixed);
  const full = Float64Array.from(init);
  const free: number[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  for (let i = 0; i < n; i++) {
    let [a, b] = bounds[i];
    if (i === model.poiIndex && options.poiBounds) [a, b] = options.poiBounds;
    if (fixed.has(i)) { full[i] = fixed.get(i)!; continue; }
    if (model.fixed[i]) { full[i] = model.suggestedInit[i]; continue; }
    if (!(a <= b)) throw new QuarryError('INVALID_ARGUMENT', `fit: bounds of "${model.parameters[i]}" are [${a}, ${b}]`, 'give low ≤ high');
    free.push(i);
    lo.push(a);
    hi.push(b);
    full[i] = Math.min(Math.max(full[i], a), b);
  }
  return { free, lower: Float64Array.from(lo), upper: Float64Array.from(hi), full };
}

/** −2 ln L on the free parameters; non-finite values (negative yields) return NaN so the line search backs off. */
function objective(model: Model, data: ModelData, p: Problem): (x: Float64Array, g: Float64Array) => number {
  const pars = Float64Array.from(p.full);
  const grad = new Float64Array(pars.length);
  return (x, g) => {
    for (let k = 0; k < p.free.length; k++) pars[p.free[k]] = x[k];
    const f = model.twiceNllAndGradient(pars, data, grad);
    for (let k = 0; k < p.free.length; k++) g[k] = grad[p.free[k]];
    if (!Number.isFinite(f)) return NaN;
    for (let k = 0; k < g.length; k++) if (!Number.isFinite(g[k])) return NaN;
    return f;
  };
}

const PGTOL = 1e-7;

/** A warm start for `fitWarm`: the free set and the BFGS inverse-Hessian approximation of an earlier fit. */
export interface WarmStart {
  free: readonly number[];
  inverseHessian: Float64Array;
}

/** Minimises −2 ln L(θ; data) over the free parameters; see the file comment. */
export function fit(model: Model, data: ModelData, options: FitOptions = {}): FitResult {
  return fitWarm(model, data, options).result;
}

/** `fit`, also returning the final quasi-Newton state so a nearby problem can start from it. */
export function fitWarm(model: Model, data: ModelData, options: FitOptions = {}, warm?: WarmStart): { result: FitResult; warm: WarmStart | undefined } {
  const p = setUp(model, options);
  const n = model.parameters.length;
  const parameters = Float64Array.from(p.full);
  if (p.free.length === 0) {
    const result = { parameters, twiceNll: model.twiceNll(parameters, data), converged: true, iterations: 0, ...(options.uncertainties === false ? {} : { uncertainties: new Float64Array(n), covariance: new Float64Array(n * n) }) };
    return { result, warm: undefined };
  }
  const fg = objective(model, data, p);
  const x0 = Float64Array.from(p.free, (i) => p.full[i]);
  const starts: Float64Array[] = [x0];
  const multi = options.multiStart ?? 'auto';
  const kinked = multi === false ? [] : kinkedParameters(model, p.free);
  if (multi === true || kinked.length > 0) {
    for (const side of [0.5, -0.5]) {
      const s = x0.slice();
      for (const i of kinked) {
        const k = p.free.indexOf(i);
        s[k] = Math.min(Math.max(x0[k] + side, p.lower[k]), p.upper[k]);
      }
      starts.push(s);
    }
  }
  // A warm start (e.g. the fit at a neighbouring μ) can be infeasible here: fall back to the model's init.
  if (!Number.isFinite(fg(x0.slice(), new Float64Array(x0.length)))) {
    const cold = setUp(model, { ...options, init: model.suggestedInit });
    for (const s of starts) for (let k = 0; k < s.length; k++) s[k] = Number.isFinite(fg(s.slice(), new Float64Array(s.length))) ? s[k] : cold.full[p.free[k]];
    warm = undefined;
  }
  const warmHessian = warm !== undefined && warm.free.length === p.free.length && warm.free.every((v, k) => v === p.free[k]) ? warm.inverseHessian : undefined;
  let best: { x: Float64Array; f: number; converged: boolean; inverseHessian: Float64Array } | null = null;
  let iterations = 0;
  for (const start of starts) {
    const r = quasiNewton(fg, start, { lower: p.lower, upper: p.upper, pgtol: PGTOL, ...(warmHessian ? { inverseHessian: warmHessian } : {}) });
    iterations += r.iterations;
    if (!Number.isFinite(r.f)) continue;
    if (!best || r.f < best.f - 1e-12) best = { x: r.x, f: r.f, converged: r.converged, inverseHessian: r.inverseHessian };
  }
  if (!best) {
    throw new QuarryError('NUMERICAL', 'fit: −2 ln L is not finite at the start point', 'check the start values: every expected yield must be ≥ 0 at init');
  }
  for (let k = 0; k < p.free.length; k++) parameters[p.free[k]] = best.x[k];
  const result: FitResult = { parameters, twiceNll: best.f, converged: best.converged, iterations };
  if (options.uncertainties !== false) Object.assign(result, hessianUncertainties(model, data, p, best.x));
  return { result, warm: { free: p.free, inverseHessian: best.inverseHessian } };
}

/** Fit with the POI fixed at `mu` (pyhf `fixed_poi_fit`). */
export function fitFixedPoi(model: Model, data: ModelData, mu: number, options: Omit<FitOptions, 'fixed'> & { fixed?: FixedValues } = {}): FitResult {
  const fixed = resolveFixed(model, options.fixed);
  fixed.set(model.poiIndex, mu);
  return fit(model, data, { ...options, fixed });
}

/**
 * Covariance = H⁻¹ with H the Hessian of −ln L = ½·(−2 ln L) over the free parameters, by central
 * differences of the analytic gradient (step 1e-5·max(1, |θ|), one-sided at a bound), symmetrised.
 */
function hessianUncertainties(model: Model, data: ModelData, p: Problem, x: Float64Array): { uncertainties: Float64Array; covariance: Float64Array } {
  const m = p.free.length;
  const n = model.parameters.length;
  const fg = objective(model, data, p);
  const h = new Float64Array(m * m);
  const gp = new Float64Array(m);
  const gm = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const step = 1e-5 * Math.max(1, Math.abs(x[j]));
    const up = Math.min(x[j] + step, p.upper[j]);
    const down = Math.max(x[j] - step, p.lower[j]);
    const xp = x.slice();
    const xm = x.slice();
    xp[j] = up;
    xm[j] = down;
    fg(xp, gp);
    fg(xm, gm);
    for (let i = 0; i < m; i++) h[i * m + j] = (0.5 * (gp[i] - gm[i])) / (up - down);
  }
  for (let i = 0; i < m; i++) for (let j = 0; j < i; j++) h[i * m + j] = h[j * m + i] = 0.5 * (h[i * m + j] + h[j * m + i]);
  const inv = invertSymmetric(h, m);
  const covariance = new Float64Array(n * n);
  const uncertainties = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) covariance[p.free[i] * n + p.free[j]] = inv ? inv[i * m + j] : NaN;
    uncertainties[p.free[i]] = inv ? Math.sqrt(Math.max(inv[i * m + i], 0)) : NaN;
  }
  return { uncertainties, covariance };
}
