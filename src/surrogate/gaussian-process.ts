/**
 * A fitted Gaussian-process regressor: constant mean (the training mean after standardisation),
 * stationary ARD kernel with an amplitude, white noise, inputs mapped to the unit box
 * x′ = (x − lower)/(upper − lower), outputs standardised y′ = (y − μ_y)/σ_y (σ_y with ddof = 0).
 * Immutable: conditioning on more data returns a new process.
 */
import { QuarryError } from '../errors.ts';
import { linalg } from '../numeric/linalg/backend.ts';
import { cholesky } from '../numeric/linalg/cholesky.ts';
import { matrix, type Matrix } from '../numeric/linalg/matrix.ts';
import { crossCovariance, scaleByLengthScales, trainingCovariance } from './covariance.ts';
import { kernelShape, type KernelName, type KernelShape } from './kernels/index.ts';
import { logMarginalLikelihood, type Hyperparameters } from './likelihood.ts';
import type { Posterior, Surrogate } from './posterior.ts';

/** Everything that fixes the model apart from the data. */
export interface GpSpec {
  kernel: KernelName;
  /** Hyperparameters in model units: unit-box inputs, standardised outputs. */
  hyperparameters: Hyperparameters;
  /** The box mapped to [0, 1]^d (lower = 0, upper = 1 means no input scaling). */
  inputLower: number[];
  inputUpper: number[];
  /** Output standardisation (μ_y = 0, σ_y = 1 means none); μ_y is the prior mean's intercept. */
  yMean: number;
  /**
   * Optional linear trend of the prior mean on the unit-box inputs: m(x) = μ_y + Σ_j trend_j·x′_j
   * (raw output units). Absent: the constant mean μ_y.
   */
  trend?: number[];
  yStd: number;
  /** Extra diagonal term on the training covariance for numerical stability (sklearn's alpha). */
  nugget: number;
}

export interface PosteriorOptions {
  /** Add the observation noise to the variance (predictive variance of a new observation). */
  includeNoise?: boolean;
}

/** Serialised form (JSON) of a fitted process, reloaded by `GaussianProcess.fromJSON`. */
export interface GpJSON extends GpSpec {
  format: 'quarry.gaussian-process';
  version: 1;
  x: number[][];
  y: number[];
}

/** Number of prediction points per chunk so the n × chunk cross-covariance stays near 32 MB. */
function chunkSize(n: number): number {
  return Math.max(64, Math.min(65536, Math.floor(4_000_000 / Math.max(1, n))));
}

export class GaussianProcess implements Surrogate {
  readonly dimension: number;
  readonly spec: GpSpec;
  /** Training inputs in the problem's units (n × d), and raw targets. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** The jitter that had to be added to the training diagonal (0 normally). */
  readonly jitter: number;
  private readonly shape: KernelShape;
  /** Training inputs in model units divided by the length scales. */
  private readonly xs: Float64Array;
  private readonly factor: Float64Array;
  private readonly alpha: Float64Array;

  private constructor(spec: GpSpec, x: Float64Array, y: Float64Array, factor: Float64Array, jitter: number) {
    this.spec = spec;
    this.dimension = spec.inputLower.length;
    this.shape = kernelShape(spec.kernel);
    this.x = x;
    this.y = y;
    this.xs = this.toScaled(x);
    this.factor = factor;
    this.jitter = jitter;
    const n = y.length;
    const alpha = new Float64Array(n);
    const prior = priorMean(spec, toModelUnits(x, spec));
    for (let i = 0; i < n; i++) alpha[i] = (y[i] - prior[i]) / spec.yStd;
    linalg().trsm(factor, n, alpha, 1, false);
    linalg().trsm(factor, n, alpha, 1, true);
    this.alpha = alpha;
  }

  /** Builds the process for data (x: n × d in problem units, y: raw targets) and fixed hyperparameters. */
  static create(spec: GpSpec, x: Float64Array, y: Float64Array): GaussianProcess {
    const d = spec.inputLower.length;
    if (spec.hyperparameters.lengthScales.length !== d || spec.inputUpper.length !== d) {
      throw new RangeError(`GaussianProcess: ${d} input dimensions but ${spec.hyperparameters.lengthScales.length} length scales`);
    }
    if (x.length !== y.length * d) throw new RangeError(`GaussianProcess: x has ${x.length} values, expected ${y.length}×${d}`);
    const h = spec.hyperparameters;
    const xs = scaleByLengthScales(toModelUnits(x, spec), d, h.lengthScales);
    const k = trainingCovariance(kernelShape(spec.kernel), h.amplitude, xs, d, h.noise + spec.nugget);
    const { factor, jitter } = cholesky(matrix(y.length, y.length, k), { what: 'GP training covariance' });
    return new GaussianProcess(spec, x, y, factor.data, jitter);
  }

  /** Reloads a process serialised with `toJSON` (refactorises the training covariance). */
  static fromJSON(json: GpJSON): GaussianProcess {
    if (json?.format !== 'quarry.gaussian-process' || json.version !== 1) {
      throw new QuarryError('INVALID_INPUT', 'not a serialised quarry Gaussian process (format/version missing)', 'pass the JSON written by GaussianProcess.toJSON()');
    }
    const { format: _f, version: _v, x, y, ...spec } = json;
    return GaussianProcess.create(spec, Float64Array.from(x.flat()), Float64Array.from(y));
  }

  get size(): number {
    return this.y.length;
  }

  /** The log marginal likelihood of the standardised targets at this process's hyperparameters. */
  logMarginalLikelihood(): number {
    const prior = priorMean(this.spec, this.toModel(this.x));
    const yn = this.y.map((v, i) => (v - prior[i]) / this.spec.yStd);
    return logMarginalLikelihood(this.shape, this.toModel(this.x), yn, this.dimension, this.spec.hyperparameters, this.spec.nugget, false).value;
  }

  /** Length scales in the problem's input units. */
  get lengthScales(): number[] {
    return this.spec.hyperparameters.lengthScales.map((l, j) => l * (this.spec.inputUpper[j] - this.spec.inputLower[j]));
  }

  /** Posterior mean at m points (m × d), raw output units; cheaper than `posterior` (no solve). */
  mean(points: Float64Array): Float64Array {
    return this.run(points, false, false).mean;
  }

  /**
   * Posterior mean and variance of the latent function at m points (m × d), in raw output units:
   * μ = μ_y + σ_y k*ᵀα, σ² = σ_y² (A − |L⁻¹k*|²). Computed in chunks; memory stays bounded.
   */
  posterior(points: Float64Array, options: PosteriorOptions = {}): Posterior {
    return this.run(points, true, options.includeNoise ?? false);
  }

  private run(points: Float64Array, wantVariance: boolean, includeNoise: boolean): Posterior {
    const d = this.dimension;
    const m = points.length / d;
    if (!Number.isInteger(m)) throw new RangeError(`posterior: ${points.length} values is not a multiple of d = ${d}`);
    const n = this.size;
    const { amplitude, noise } = this.spec.hyperparameters;
    const { yStd } = this.spec;
    const mean = new Float64Array(m);
    const variance = new Float64Array(wantVariance ? m : 0);
    const chunk = chunkSize(n);
    const buffer = new Float64Array(n * Math.min(chunk, m));
    for (let start = 0; start < m; start += chunk) {
      const c = Math.min(chunk, m - start);
      const pm = this.toModel(points.subarray(start * d, (start + c) * d));
      const prior = priorMean(this.spec, pm);
      const ps = scaleByLengthScales(pm, d, this.spec.hyperparameters.lengthScales);
      const kstar = buffer.subarray(0, n * c);
      crossCovariance(this.shape, amplitude, this.xs, ps, d, kstar);
      const mu = mean.subarray(start, start + c);
      for (let i = 0; i < n; i++) {
        const a = this.alpha[i];
        const row = i * c;
        for (let q = 0; q < c; q++) mu[q] += kstar[row + q] * a;
      }
      for (let q = 0; q < c; q++) mu[q] = prior[q] + yStd * mu[q];
      if (!wantVariance) continue;
      linalg().trsm(this.factor, n, kstar, c, false);
      const v = variance.subarray(start, start + c);
      v.fill(amplitude + (includeNoise ? noise : 0));
      for (let i = 0; i < n; i++) {
        const row = i * c;
        for (let q = 0; q < c; q++) v[q] -= kstar[row + q] * kstar[row + q];
      }
      const s2 = yStd * yStd;
      for (let q = 0; q < c; q++) v[q] = Math.max(v[q], 0) * s2;
    }
    return { mean, variance };
  }

  /**
   * Joint posterior of the latent function at a few points (k × d): mean (k) and covariance (k × k),
   * Σ = σ_y² (K** − VᵀV) with V = L⁻¹K(X, x*).
   */
  jointPosterior(points: Float64Array): { mean: Float64Array; covariance: Matrix } {
    const d = this.dimension;
    const k = points.length / d;
    const n = this.size;
    const ps = this.toScaled(points);
    const { amplitude } = this.spec.hyperparameters;
    const v = crossCovariance(this.shape, amplitude, this.xs, ps, d);
    const mean = new Float64Array(k);
    const prior = priorMean(this.spec, this.toModel(points));
    for (let i = 0; i < n; i++) for (let q = 0; q < k; q++) mean[q] += v[i * k + q] * this.alpha[i];
    linalg().trsm(this.factor, n, v, k, false);
    const cov = trainingCovariance(this.shape, amplitude, ps, d, 0);
    const s2 = this.spec.yStd ** 2;
    for (let a = 0; a < k; a++) {
      for (let b = 0; b <= a; b++) {
        let s = cov[a * k + b];
        for (let i = 0; i < n; i++) s -= v[i * k + a] * v[i * k + b];
        cov[a * k + b] = s * s2;
        cov[b * k + a] = s * s2;
      }
      mean[a] = prior[a] + this.spec.yStd * mean[a];
    }
    return { mean, covariance: matrix(k, k, cov) };
  }

  /**
   * Posterior cross-covariance of the latent function between two point sets a (p × d) and b (q × d):
   * Cov(f(a_i), f(b_j)) = σ_y² (K(a, b) − V_aᵀ V_b) with V = L⁻¹K(X, ·); shape (p × q), row-major.
   */
  crossCovariance(a: Float64Array, b: Float64Array): Float64Array {
    const d = this.dimension;
    const p = a.length / d;
    const q = b.length / d;
    const n = this.size;
    const { amplitude } = this.spec.hyperparameters;
    const as = this.toScaled(a);
    const bs = this.toScaled(b);
    const va = crossCovariance(this.shape, amplitude, this.xs, as, d);
    const vb = crossCovariance(this.shape, amplitude, this.xs, bs, d);
    linalg().trsm(this.factor, n, va, p, false);
    linalg().trsm(this.factor, n, vb, q, false);
    // out = K(a, b) − V_aᵀ V_b: transpose V_a (n × p → p × n) for a plain gemm
    const vat = new Float64Array(p * n);
    for (let i = 0; i < n; i++) for (let r = 0; r < p; r++) vat[r * n + i] = va[i * p + r];
    const out = crossCovariance(this.shape, amplitude, as, bs, d);
    linalg().gemm(p, q, n, -1, vat, vb, 1, out);
    const s2 = this.spec.yStd ** 2;
    for (let k = 0; k < out.length; k++) out[k] *= s2;
    return out;
  }

  /**
   * Conditions on k extra observations (fantasies) without refitting: the Cholesky factor is
   * extended by a rank-k block update, L′ = [[L, 0], [Bᵀ, C]] with B = L⁻¹K(X, X_f) and
   * C Cᵀ = K(X_f, X_f) + (noise + nugget)·I − BᵀB. Hyperparameters and standardisation are kept.
   */
  condition(xNew: Float64Array, yNew: Float64Array): GaussianProcess {
    const d = this.dimension;
    const k = yNew.length;
    if (xNew.length !== k * d) throw new RangeError(`condition: x has ${xNew.length} values, expected ${k}×${d}`);
    const n = this.size;
    const { amplitude, noise } = this.spec.hyperparameters;
    const ps = this.toScaled(xNew);
    const b = crossCovariance(this.shape, amplitude, this.xs, ps, d);
    linalg().trsm(this.factor, n, b, k, false);
    const schur = trainingCovariance(this.shape, amplitude, ps, d, noise + this.spec.nugget + this.jitter);
    for (let p = 0; p < k; p++) {
      for (let q = 0; q <= p; q++) {
        let s = schur[p * k + q];
        for (let i = 0; i < n; i++) s -= b[i * k + p] * b[i * k + q];
        schur[p * k + q] = s;
        schur[q * k + p] = s;
      }
    }
    const c = cholesky(matrix(k, k, schur), { what: 'fantasy update (near-duplicate points)' }).factor.data;
    const total = n + k;
    const f = new Float64Array(total * total);
    for (let i = 0; i < n; i++) f.set(this.factor.subarray(i * n, i * n + i + 1), i * total);
    for (let p = 0; p < k; p++) {
      const row = (n + p) * total;
      for (let i = 0; i < n; i++) f[row + i] = b[i * k + p];
      for (let q = 0; q <= p; q++) f[row + n + q] = c[p * k + q];
    }
    const x = new Float64Array(total * d);
    x.set(this.x);
    x.set(xNew, n * d);
    const y = new Float64Array(total);
    y.set(this.y);
    y.set(yNew, n);
    return new GaussianProcess(this.spec, x, y, f, this.jitter);
  }

  toJSON(): GpJSON {
    const d = this.dimension;
    const x: number[][] = [];
    for (let i = 0; i < this.size; i++) x.push(Array.from(this.x.subarray(i * d, (i + 1) * d)));
    return { format: 'quarry.gaussian-process', version: 1, ...this.spec, x, y: Array.from(this.y) };
  }

  private toModel(x: Float64Array): Float64Array {
    return toModelUnits(x, this.spec);
  }

  private toScaled(x: Float64Array): Float64Array {
    return scaleByLengthScales(this.toModel(x), this.dimension, this.spec.hyperparameters.lengthScales);
  }
}

/** The prior mean m(x) = μ_y + Σ_j trend_j·x′_j at points already in model units (m × d). */
export function priorMean(spec: Pick<GpSpec, 'yMean' | 'trend' | 'inputLower'>, xModel: Float64Array): Float64Array {
  const d = spec.inputLower.length;
  const m = xModel.length / d;
  const out = new Float64Array(m).fill(spec.yMean);
  const trend = spec.trend;
  if (!trend) return out;
  for (let i = 0; i < m; i++) for (let j = 0; j < d; j++) out[i] += trend[j] * xModel[i * d + j];
  return out;
}

/** Maps problem-unit inputs into the unit box of the spec. */
export function toModelUnits(x: Float64Array, spec: Pick<GpSpec, 'inputLower' | 'inputUpper'>): Float64Array {
  const d = spec.inputLower.length;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i += d) {
    for (let j = 0; j < d; j++) out[i + j] = (x[i + j] - spec.inputLower[j]) / (spec.inputUpper[j] - spec.inputLower[j]);
  }
  return out;
}
