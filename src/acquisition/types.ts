/** The two shapes of acquisition (pointwise and one-step look-ahead) and the checks of their inputs. */
import { QuarryError } from '../errors.ts';
import type { Posterior } from '../surrogate/posterior.ts';

/** Scores m candidates from their marginal posteriors. */
export type PointwiseAcquisition = (posterior: Posterior, thresholds: readonly number[]) => Float64Array;

/** What an observation at each candidate would tell about q integration points. */
export interface LookaheadPosterior {
  /** Latent marginals at the m candidates. */
  candidates: Posterior;
  /** Latent marginals at the q integration points. */
  integration: Posterior;
  /** m × q row-major: Cov(f(x_i), f(z_j)) under the current posterior. */
  crossCovariance: Float64Array;
  /** Observation noise variance: y_i = f(x_i) + ε. */
  noiseVariance: number;
  /** Integration weights (q), default uniform 1/q. */
  weights?: Float64Array;
}

export type LookaheadAcquisition = (p: LookaheadPosterior, thresholds: readonly number[]) => Float64Array;

function invalid(message: string, hint: string): QuarryError {
  return new QuarryError('INVALID_ARGUMENT', message, hint);
}

/** Throws unless thresholds are finite and strictly increasing (at least one). */
export function checkThresholds(thresholds: readonly number[]): void {
  if (thresholds.length === 0) throw invalid('thresholds is empty', 'give at least one threshold');
  for (let k = 0; k < thresholds.length; k++) {
    const t = thresholds[k]!;
    if (!Number.isFinite(t)) throw invalid(`thresholds[${k}] = ${t} is not finite`, 'give finite thresholds');
    if (k > 0 && !(t > thresholds[k - 1]!)) {
      throw invalid(`thresholds are not strictly increasing at index ${k}: [${thresholds.join(', ')}]`, 'sort the thresholds and remove duplicates');
    }
  }
}

/** Throws unless mean and variance have the same length; returns that length. */
export function checkPosterior(posterior: Posterior, name = 'posterior'): number {
  const m = posterior.mean.length;
  if (posterior.variance.length !== m) {
    throw invalid(`${name}.variance has length ${posterior.variance.length}, ${name}.mean ${m}`, 'give one variance per mean');
  }
  return m;
}

/** Checks the shapes of a look-ahead posterior; returns {m, q} and the weights (uniform when absent). */
export function checkLookahead(p: LookaheadPosterior): { m: number; q: number; weights: Float64Array } {
  const m = checkPosterior(p.candidates, 'candidates');
  const q = checkPosterior(p.integration, 'integration');
  if (p.crossCovariance.length !== m * q) {
    throw invalid(`crossCovariance has length ${p.crossCovariance.length}, expected m × q = ${m} × ${q}`, 'give Cov(f(x_i), f(z_j)) row-major, one row per candidate');
  }
  if (!(p.noiseVariance >= 0)) throw invalid(`noiseVariance = ${p.noiseVariance}`, 'give a noise variance ≥ 0');
  if (p.weights !== undefined && p.weights.length !== q) {
    throw invalid(`weights has length ${p.weights.length}, expected q = ${q}`, 'give one weight per integration point');
  }
  return { m, q, weights: p.weights ?? new Float64Array(q).fill(1 / q) };
}
