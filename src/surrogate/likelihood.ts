/**
 * The log marginal likelihood of a zero-mean GP and its gradient with respect to the log
 * hyperparameters θ = ln[amplitude, ℓ_1..ℓ_d, noise] (R&W 2006 eqs. 2.30 and 5.9):
 *
 *   ln p(y | θ) = −½ yᵀK⁻¹y − Σ_i ln L_ii − (n/2) ln 2π,   K = A·k(X, X) + (noise + nugget)·I = L Lᵀ
 *   ∂/∂θ_p ln p = ½ tr((ααᵀ − K⁻¹) ∂K/∂θ_p),              α = K⁻¹y
 *
 * with ∂K/∂ln A = A·k, ∂K/∂ln ℓ_j = A·(−2 dk/dr²)·(Δ_j/ℓ_j)², ∂K/∂ln noise = noise·I.
 */
import { linalg } from '../numeric/linalg/backend.ts';
import { QuarryError } from '../errors.ts';
import { scaleByLengthScales } from './covariance.ts';
import type { KernelShape } from './kernels/index.ts';

export interface Hyperparameters {
  /** Signal variance A (normalised output units squared). */
  amplitude: number;
  /** Length scale ℓ_j per input dimension (model input units). */
  lengthScales: number[];
  /** White-noise variance on the training diagonal (normalised output units squared). */
  noise: number;
}

export interface LikelihoodResult {
  value: number;
  /** ∂ ln p / ∂ ln[amplitude, ℓ_1..ℓ_d, noise] (length d + 2), when requested. */
  gradient?: Float64Array;
}

const LN_2PI = Math.log(2 * Math.PI);

/** Packs hyperparameters into θ = ln[amplitude, ℓ…, noise]. */
export function toLogParameters(h: Hyperparameters): Float64Array {
  const t = new Float64Array(h.lengthScales.length + 2);
  t[0] = Math.log(h.amplitude);
  h.lengthScales.forEach((l, j) => (t[1 + j] = Math.log(l)));
  t[t.length - 1] = Math.log(h.noise);
  return t;
}

/** Unpacks θ = ln[amplitude, ℓ…, noise]. */
export function fromLogParameters(theta: ArrayLike<number>): Hyperparameters {
  const d = theta.length - 2;
  const lengthScales: number[] = [];
  for (let j = 0; j < d; j++) lengthScales.push(Math.exp(theta[1 + j]));
  return { amplitude: Math.exp(theta[0]), lengthScales, noise: Math.exp(theta[d + 1]) };
}

/**
 * ln p(y | X, θ) for inputs x (n × d, model units) and targets y (normalised), with `nugget` added
 * to the diagonal on top of the noise (sklearn's `alpha`). Throws NOT_POSITIVE_DEFINITE when K is
 * not numerically positive definite (no jitter is added here: it would change the likelihood).
 */
export function logMarginalLikelihood(
  shape: KernelShape, x: Float64Array, y: Float64Array, d: number, h: Hyperparameters,
  nugget: number, wantGradient: boolean,
): LikelihoodResult {
  const n = y.length;
  const xs = scaleByLengthScales(x, d, h.lengthScales);
  // K = A·k + (noise + nugget)·I factorised, α = K⁻¹y and the trace sums of W = ααᵀ − K⁻¹, in one call
  // (the wasm backend keeps K, L and K⁻¹ in its own memory). No jitter: it would change the likelihood.
  const r = linalg().stationaryLikelihood(shape.name, h.amplitude, xs, d, h.noise + nugget, y, wantGradient);
  if (r.failedPivot >= 0) {
    throw new QuarryError('NOT_POSITIVE_DEFINITE', `GP training covariance (${n}x${n}) is not positive definite: pivot ${r.failedPivot} failed`, 'remove duplicate or near-duplicate points, or allow (more) observation noise');
  }
  const value = -0.5 * r.quad - r.logDet - 0.5 * n * LN_2PI;
  if (r.gradient === null) return { value };
  const { traceW, terms } = r.gradient;
  // off-diagonal pairs appear twice in the trace (½·2 = 1); the diagonal has k(0) = 1 and no ℓ terms
  const g = new Float64Array(d + 2);
  g[0] = 0.5 * traceW * h.amplitude + terms[0];
  for (let j = 0; j < d; j++) g[1 + j] = terms[1 + j];
  g[d + 1] = 0.5 * h.noise * traceW;
  return { value, gradient: g };
}
