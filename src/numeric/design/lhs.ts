/**
 * Latin hypercube sampling: in every dimension each of the `count` strata [k/n, (k+1)/n) holds exactly
 * one point.
 *
 * x_{ij} = (π_j(i) + u_{ij}) / n,  π_j an independent uniform random permutation of {0, …, n−1} per
 * dimension j, u_{ij} ~ U[0, 1) (or ½ when centered).
 *
 * Output: count × dimension, row-major, in [0, 1)^d.
 * Reference: M. D. McKay, R. J. Beckman & W. J. Conover, Technometrics 21 (1979) 239.
 */
import { QuarryError } from '../../errors.ts';
import { shuffle, type Rng } from '../random/index.ts';

export interface LatinHypercubeOptions {
  /** Put each point at the centre of its stratum instead of uniformly inside it (default false). */
  centered?: boolean;
}

/** A random Latin hypercube design of `count` points in [0, 1)^dimension (count × dimension, row-major). */
export function latinHypercube(count: number, dimension: number, rng: Rng, options: LatinHypercubeOptions = {}): Float64Array {
  for (const [name, value] of [['count', count], ['dimension', dimension]] as const) {
    if (!Number.isInteger(value) || value < 0) {
      throw new QuarryError('INVALID_ARGUMENT', `latinHypercube: ${name} must be a non-negative integer, got ${value}`, `pass a whole number for ${name}`);
    }
  }
  const out = new Float64Array(count * dimension);
  const perm = new Int32Array(count);
  for (let j = 0; j < dimension; j++) {
    for (let i = 0; i < count; i++) perm[i] = i;
    shuffle(rng, perm);
    for (let i = 0; i < count; i++) {
      const u = options.centered ? 0.5 : rng.uniform();
      // (k + u)/n can round up to (k + 1)/n for u just below 1; keep the point inside its stratum.
      out[i * dimension + j] = Math.min((perm[i] + u) / count, ((perm[i] + 1) / count) * (1 - 2 ** -52));
    }
  }
  return out;
}
