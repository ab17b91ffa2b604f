/**
 * Hyperparameter fits for the GP: maximise ln p(y | θ) + ln π(θ) over θ = ln[amplitude, ℓ…, noise]
 * by multi-start L-BFGS-B inside bounds (R&W 2006 §5.4.1; the start scheme follows scikit-learn:
 * the initial values, then `restarts` draws log-uniform inside the bounds).
 */
import { QuarryError } from '../errors.ts';
import { lbfgsb } from '../numeric/optimize/index.ts';
import { createRng } from '../numeric/random/index.ts';
import { GaussianProcess, priorMean, toModelUnits, type GpSpec } from './gaussian-process.ts';
import { linearTrend } from './trend.ts';
import { kernelShape, type KernelName } from './kernels/index.ts';
import { fromLogParameters, logMarginalLikelihood, type Hyperparameters } from './likelihood.ts';

export interface GpData {
  /** Inputs, row-major (n × dimension), in the problem's units. */
  x: Float64Array;
  /** Targets (n). */
  y: Float64Array;
  dimension: number;
}

/** A log-normal prior on a positive hyperparameter p: ln p ~ N(mu, sigma²). */
export interface LogNormalPrior {
  mu: number;
  sigma: number;
}

type Bounds = [number, number];

export interface GpFitOptions {
  /** Kernel shape (default 'matern52'). */
  kernel?: KernelName;
  /** A fixed noise variance in standardised units, or 'fit' (default). */
  noise?: number | 'fit';
  /** 'unit-box' (default) maps `domain` (default: the data's range) to [0, 1]^d; 'none' keeps inputs as given. */
  inputScaling?: 'unit-box' | 'none';
  domain?: { lower: number[]; upper: number[] };
  /** Standardise the targets (default true). */
  normalizeY?: boolean;
  /**
   * Prior mean: 'constant' (default, the targets' mean) or 'linear', a least-squares plane in the
   * unit-box inputs (universal kriging with the trend fixed at its OLS estimate); it extrapolates
   * along the trend instead of reverting to the mean. Needs n ≥ d + 2 points, else constant.
   */
  mean?: 'constant' | 'linear';
  /** Bounds on amplitude, each length scale and noise (model units); defaults [1e-3, 1e3], [1e-2, 1e2], [1e-8, 10]. */
  bounds?: { amplitude?: Bounds; lengthScale?: Bounds; noise?: Bounds };
  /** Optional log-normal priors (MAP fit). */
  priors?: { amplitude?: LogNormalPrior; lengthScale?: LogNormalPrior; noise?: LogNormalPrior };
  /** Random restarts besides the initial point (default 10). */
  restarts?: number;
  seed?: number;
  /** Where the first start begins: a previous fit's hyperparameters (warm start). */
  initial?: Hyperparameters;
  /** Diagonal added for stability (default 1e-10, sklearn's alpha). */
  nugget?: number;
}

export interface FitStart {
  start: number[];
  logMarginalLikelihood: number;
  converged: boolean;
  evaluations: number;
}

export interface GpFitResult {
  process: GaussianProcess;
  /** ln p(y | θ̂) of the standardised targets at the optimum. */
  logMarginalLikelihood: number;
  /** ln p(y | θ̂) + ln π(θ̂) (equal to the above without priors). */
  objective: number;
  starts: FitStart[];
  evaluations: number;
}

const DEFAULT_BOUNDS = { amplitude: [1e-3, 1e3] as Bounds, lengthScale: [1e-2, 1e2] as Bounds, noise: [1e-8, 10] as Bounds };

/** Fits the hyperparameters of a GP to data and returns the fitted process. */
export function fitGaussianProcess(data: GpData, options: GpFitOptions = {}): GpFitResult {
  const { x, y, dimension: d } = data;
  checkData(data);
  const base = baseSpec(data, options);
  const shape = kernelShape(base.kernel);
  const xm = toModelUnits(x, base);
  const prior = priorMean(base, xm);
  const yn = y.map((v, i) => (v - prior[i]) / base.yStd);
  const bounds = { ...DEFAULT_BOUNDS, ...options.bounds };
  const fitNoise = options.noise === undefined || options.noise === 'fit';
  const fixedNoise = fitNoise ? NaN : (options.noise as number);
  const p = d + (fitNoise ? 2 : 1);
  const lower = new Float64Array(p);
  const upper = new Float64Array(p);
  const setBounds = (i: number, b: Bounds) => { lower[i] = Math.log(b[0]); upper[i] = Math.log(b[1]); };
  setBounds(0, bounds.amplitude);
  for (let j = 0; j < d; j++) setBounds(1 + j, bounds.lengthScale);
  if (fitNoise) setBounds(d + 1, bounds.noise);

  const unpack = (t: ArrayLike<number>): Hyperparameters => {
    const full = new Float64Array(d + 2);
    for (let i = 0; i < p; i++) full[i] = t[i];
    const h = fromLogParameters(full);
    if (!fitNoise) h.noise = fixedNoise; // exactly, not exp(ln(noise))
    return h;
  };
  const priors = options.priors ?? {};
  const nugget = options.nugget ?? 1e-10;
  let evaluations = 0;
  // objective: −(ln p + ln π) and its gradient in log space
  const objective = (t: Float64Array, grad: Float64Array): number => {
    evaluations++;
    let r;
    try {
      r = logMarginalLikelihood(shape, xm, yn, d, unpack(t), nugget, true);
    } catch (error) {
      if (error instanceof QuarryError && error.code === 'NOT_POSITIVE_DEFINITE') return Number.POSITIVE_INFINITY;
      throw error;
    }
    let value = r.value;
    for (let i = 0; i < p; i++) grad[i] = -r.gradient![i];
    const addPrior = (i: number, prior: LogNormalPrior | undefined) => {
      if (!prior) return;
      const z = (t[i] - prior.mu) / prior.sigma;
      value += -0.5 * z * z;
      grad[i] += z / prior.sigma;
    };
    addPrior(0, priors.amplitude);
    for (let j = 0; j < d; j++) addPrior(1 + j, priors.lengthScale);
    if (fitNoise) addPrior(d + 1, priors.noise);
    return -value;
  };

  const rng = createRng(options.seed ?? 0);
  const initial = options.initial ?? { amplitude: 1, lengthScales: new Array(d).fill(options.inputScaling === 'none' ? 1 : 0.5), noise: 1e-2 };
  const starts: Float64Array[] = [clampInto(packFree(initial, p), lower, upper)];
  for (let r = 0; r < (options.restarts ?? 10); r++) {
    const s = new Float64Array(p);
    for (let i = 0; i < p; i++) s[i] = lower[i] + rng.uniform() * (upper[i] - lower[i]);
    starts.push(s);
  }
  const reports: FitStart[] = [];
  let best: { t: Float64Array; f: number } | null = null;
  for (const s of starts) {
    const before = evaluations;
    const probe = new Float64Array(p);
    if (!Number.isFinite(objective(s, probe))) {
      reports.push({ start: Array.from(s), logMarginalLikelihood: Number.NEGATIVE_INFINITY, converged: false, evaluations: evaluations - before });
      continue;
    }
    const result = lbfgsb(objective, s, { lower, upper });
    reports.push({ start: Array.from(s), logMarginalLikelihood: -result.f, converged: result.converged, evaluations: evaluations - before });
    if (best === null || result.f < best.f) best = { t: result.x, f: result.f };
  }
  if (best === null) {
    throw new QuarryError('NUMERICAL', 'GP fit failed: the training covariance was not positive definite at any start', 'check for duplicate inputs or fit with observation noise');
  }
  const hyperparameters = unpack(best.t);
  const process = GaussianProcess.create({ ...base, hyperparameters }, x, y);
  const lml = logMarginalLikelihood(shape, xm, yn, d, hyperparameters, nugget, false).value;
  return { process, logMarginalLikelihood: lml, objective: -best.f, starts: reports, evaluations };
}

function packFree(h: Hyperparameters, p: number): Float64Array {
  const t = new Float64Array(p);
  t[0] = Math.log(h.amplitude);
  h.lengthScales.forEach((l, j) => (t[1 + j] = Math.log(l)));
  if (p === h.lengthScales.length + 2) t[p - 1] = Math.log(h.noise);
  return t;
}

function clampInto(t: Float64Array, lower: Float64Array, upper: Float64Array): Float64Array {
  return t.map((v, i) => Math.min(upper[i], Math.max(lower[i], v)));
}

function checkData({ x, y, dimension: d }: GpData): void {
  if (!(d >= 1) || !Number.isInteger(d)) throw new QuarryError('INVALID_INPUT', `GP data: dimension must be a positive integer, got ${d}`, 'pass the number of input columns');
  if (y.length === 0) throw new QuarryError('INVALID_INPUT', 'GP data: no training points', 'give at least one observation');
  if (x.length !== y.length * d) throw new QuarryError('INVALID_INPUT', `GP data: x has ${x.length} values, expected ${y.length} × ${d}`, 'x must be row-major with one row per target');
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) throw new QuarryError('INVALID_INPUT', `GP data: target ${i} is ${y[i]}`, 'remove or repair non-finite targets before fitting');
    for (let j = 0; j < d; j++) {
      if (!Number.isFinite(x[i * d + j])) throw new QuarryError('INVALID_INPUT', `GP data: input ${j} of point ${i} is ${x[i * d + j]}`, 'remove or repair non-finite inputs before fitting');
    }
  }
}

/** The standardisation and input box of a fit (hyperparameters filled in later). */
function baseSpec(data: GpData, options: GpFitOptions): Omit<GpSpec, 'hyperparameters'> {
  const { x, y, dimension: d } = data;
  const n = y.length;
  let inputLower = new Array<number>(d).fill(0);
  let inputUpper = new Array<number>(d).fill(1);
  if ((options.inputScaling ?? 'unit-box') === 'unit-box') {
    if (options.domain) {
      checkDomain(options.domain, d);
      inputLower = [...options.domain.lower];
      inputUpper = [...options.domain.upper];
    } else {
      inputLower = new Array<number>(d).fill(Infinity);
      inputUpper = new Array<number>(d).fill(-Infinity);
      for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) {
        inputLower[j] = Math.min(inputLower[j], x[i * d + j]);
        inputUpper[j] = Math.max(inputUpper[j], x[i * d + j]);
      }
    }
    for (let j = 0; j < d; j++) {
      if (!(inputUpper[j] > inputLower[j])) {
        const c = inputLower[j];
        inputLower[j] = c - 0.5;
        inputUpper[j] = c + 0.5;
      }
    }
  }
  let yMean = 0;
  let yStd = 1;
  let trend: number[] | undefined;
  if (options.normalizeY ?? true) {
    if (options.mean === 'linear' && n >= d + 2) {
      const fitted = linearTrend(toModelUnits(x, { inputLower, inputUpper }), y, d);
      yMean = fitted.intercept;
      trend = fitted.slopes;
      yStd = Math.sqrt(fitted.residuals.reduce((a, r) => a + r * r, 0) / n);
    } else {
      yMean = y.reduce((a, b) => a + b, 0) / n;
      yStd = Math.sqrt(y.reduce((a, b) => a + (b - yMean) ** 2, 0) / n);
    }
    if (!(yStd > 0)) yStd = 1;
  }
  return { kernel: options.kernel ?? 'matern52', inputLower, inputUpper, yMean, yStd, ...(trend ? { trend } : {}), nugget: options.nugget ?? 1e-10 };
}

function checkDomain(domain: { lower: number[]; upper: number[] }, d: number): void {
  if (domain.lower.length !== d || domain.upper.length !== d) {
    throw new QuarryError('INVALID_INPUT', `GP domain: lower/upper have ${domain.lower.length}/${domain.upper.length} values for ${d} inputs`, 'give one bound per input dimension');
  }
  for (let j = 0; j < d; j++) {
    if (!(domain.upper[j] > domain.lower[j])) {
      throw new QuarryError('INVALID_INPUT', `GP domain: input ${j} has lower ${domain.lower[j]} ≥ upper ${domain.upper[j]}`, 'swap the bounds so that lower < upper');
    }
  }
}
