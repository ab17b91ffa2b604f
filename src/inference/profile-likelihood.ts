/**
 * The profile likelihood of one data set: the free fit (cached) and fits with the POI fixed at μ
 * (cached by μ), from which the test statistics are built.
 *
 * t_μ = −2 ln λ(μ) = 2NLL(μ, θ̂̂_μ) − 2NLL(μ̂, θ̂), clipped at 0 as in pyhf (Cowan, Cranmer, Gross, Vitells,
 * Eur. Phys. J. C 71 (2011) 1554, eq. 7–8). As in pyhf every fit starts from the suggested init and
 * descends locally (no multi-start unless asked): with several local minima (histosys code0/code4p with
 * coupled channels) the result is then pyhf's, and it never depends on the order in which μ's are asked.
 * (Reusing the quasi-Newton inverse Hessian of the nearest cached μ, `warmHessian`, halves the iterations
 * but changes the descent path, and on sbottom RegionB at μ ≈ 100 it stops in another local minimum.)
 */
import type { Model, ModelData } from '../histfactory/model.ts';
import { fitWarm, type FitOptions, type FitResult, type FixedValues, type WarmStart } from './mle.ts';

export interface ProfileOptions {
  bounds?: readonly (readonly [number, number])[];
  poiBounds?: readonly [number, number];
  fixed?: FixedValues;
  init?: ArrayLike<number>;
  /** The free fit when it is known exactly (Asimov data: the generating parameters saturate L). */
  freeFit?: FitResult;
  /** Extra starts across interpolation kinks (default false: pyhf's local fits from init). */
  multiStart?: boolean;
  /** Reuse the inverse Hessian of the nearest cached fixed-POI fit (default false; see the file comment). */
  warmHessian?: boolean;
}

export class ProfileLikelihood {
  readonly model: Model;
  readonly data: ModelData;
  private readonly options: ProfileOptions;
  private freeResult: FitResult | undefined;
  private readonly fixedFits = new Map<number, { result: FitResult; warm: WarmStart | undefined }>();

  constructor(model: Model, data: ModelData, options: ProfileOptions = {}) {
    this.model = model;
    this.data = data;
    this.options = options;
    this.freeResult = options.freeFit;
  }

  private fitOptions(): FitOptions {
    const { bounds, poiBounds, init } = this.options;
    return { ...(bounds ? { bounds } : {}), ...(poiBounds ? { poiBounds } : {}), ...(init ? { init } : {}), uncertainties: false, multiStart: this.options.multiStart ?? false };
  }

  /** The unconditional fit (μ̂, θ̂). */
  free(): FitResult {
    if (!this.freeResult) {
      const r = fitWarm(this.model, this.data, { ...this.fitOptions(), ...(this.options.fixed ? { fixed: this.options.fixed } : {}) });
      this.freeResult = r.result;
    }
    return this.freeResult;
  }

  /** The conditional fit θ̂̂_μ with the POI fixed at μ. */
  fixedPoi(mu: number): FitResult {
    const cached = this.fixedFits.get(mu);
    if (cached) return cached.result;
    let nearest: { result: FitResult; warm: WarmStart | undefined } | undefined;
    let distance = Infinity;
    for (const [m, r] of this.fixedFits) {
      if (Math.abs(m - mu) < distance) { distance = Math.abs(m - mu); nearest = r; }
    }
    const fixed = new Map<number, number>();
    if (this.options.fixed) {
      const entries: [number | string, number][] = this.options.fixed instanceof Map ? [...this.options.fixed] : Object.entries(this.options.fixed);
      for (const [k, v] of entries) fixed.set(typeof k === 'number' ? k : this.model.parameters.indexOf(k), v);
    }
    fixed.set(this.model.poiIndex, mu);
    const warm = this.options.warmHessian === true ? nearest?.warm : undefined;
    const r = fitWarm(this.model, this.data, { ...this.fitOptions(), fixed }, warm);
    this.fixedFits.set(mu, r);
    return r.result;
  }

  /**
   * One line per fit made so far whose minimiser stopped without converging (its test statistic, and a
   * p-value from it, may be off); `label` names the data set, e.g. "observed data".
   */
  unconverged(label: string): string[] {
    const lines: string[] = [];
    if (this.freeResult && !this.freeResult.converged) lines.push(`the free fit to the ${label} did not converge`);
    for (const [mu, { result }] of [...this.fixedFits].sort((a, b) => a[0] - b[0])) {
      if (!result.converged) lines.push(`the fit to the ${label} with ${this.model.poi} fixed at ${mu} did not converge`);
    }
    return lines;
  }

  /** t_μ = max(0, 2NLL(μ, θ̂̂) − 2NLL(μ̂, θ̂)) and μ̂. */
  tmu(mu: number): { tmu: number; muHat: number } {
    const free = this.free();
    const fixed = this.fixedPoi(mu);
    return { tmu: Math.max(fixed.twiceNll - free.twiceNll, 0), muHat: free.parameters[this.model.poiIndex] };
  }
}
