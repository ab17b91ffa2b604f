/**
 * The Sobol low-discrepancy sequence with Joe–Kuo direction numbers, generated in Gray-code order, with
 * optional linear matrix scrambling plus a digital shift. Unscrambled, it matches
 * scipy.stats.qmc.Sobol(d, scramble=False) bit for bit (30-bit integers scaled by 2⁻³⁰).
 *
 * Direction integers (Bratley & Fox, ACM TOMS 14 (1988) 88, eq. 2): for a primitive polynomial
 * xˢ + a₁xˢ⁻¹ + … + a_{s−1}x + 1,  mₖ = 2a₁mₖ₋₁ ⊕ 2²a₂mₖ₋₂ ⊕ … ⊕ 2ˢmₖ₋ₛ ⊕ mₖ₋ₛ,  vₖ = mₖ · 2^{B−k}.
 * Point n (Antonov & Saleev, USSR Comput. Math. 19 (1979) 252): xₙ = xₙ₋₁ ⊕ v_{c(n)+1}, c(n) = trailing
 * zeros of n; equivalently xₙ = ⊕ over the set bits k of gray(n) = n ⊕ ⌊n/2⌋ of v_{k+1}.
 * Scrambling (Matoušek, J. Complexity 14 (1998) 527; Owen's "LMS + digital shift" as in scipy): each
 * dimension's vₖ is multiplied by a random lower-triangular unit-diagonal binary matrix and every point
 * is XOR-ed with a random B-bit shift.
 *
 * Output: count × dimension, row-major, in [0, 1)^d. B = 30 bits, so at most 2³⁰ points.
 */
import { QuarryError } from '../../errors.ts';
import type { Rng } from '../random/index.ts';
import { JOE_KUO_DIRECTIONS } from './sobol-directions.ts';

const BITS = 30;
const SCALE = 2 ** -BITS;
/** Largest supported dimension (rows of the embedded Joe–Kuo table + 1). */
export const SOBOL_MAX_DIMENSION = JOE_KUO_DIRECTIONS.length + 1;

export interface SobolOptions {
  /** Index of the first point returned (default 0; point 0 of the unscrambled sequence is the origin). */
  skip?: number;
  /** Scramble (linear matrix scrambling + digital shift) with this generator; unscrambled if absent. */
  scramble?: Rng;
}

/** Direction numbers v[d·B + k] (B-bit integers) for dimensions 0…dimension − 1. */
export function sobolDirections(dimension: number): Uint32Array {
  const v = new Uint32Array(dimension * BITS);
  for (let k = 0; k < BITS; k++) v[k] = 1 << (BITS - 1 - k);
  for (let d = 1; d < dimension; d++) {
    const [poly, ...init] = JOE_KUO_DIRECTIONS[d - 1];
    const s = init.length;
    const m = new Uint32Array(BITS);
    for (let k = 0; k < s; k++) m[k] = init[k];
    for (let k = s; k < BITS; k++) {
      let next = m[k - s] ^ (m[k - s] << s);
      for (let i = 1; i < s; i++) if ((poly >> (s - i)) & 1) next ^= m[k - i] << i;
      m[k] = next;
    }
    for (let k = 0; k < BITS; k++) v[d * BITS + k] = m[k] << (BITS - 1 - k);
  }
  return v;
}

/** Parity of the set bits of a 32-bit integer. */
function parity(x: number): number {
  x ^= x >>> 16;
  x ^= x >>> 8;
  x ^= x >>> 4;
  return (0x6996 >>> (x & 0xf)) & 1;
}

/** Random B-bit integer from an Rng. */
function randomBits(rng: Rng): number {
  return Math.floor(rng.uniform() * 2 ** BITS);
}

/** Applies a random lower-triangular unit-diagonal matrix (MSB first) to each direction number, in place. */
function scrambleDirections(v: Uint32Array, dimension: number, rng: Rng): Uint32Array {
  const shift = new Uint32Array(dimension);
  const rows = new Uint32Array(BITS);
  for (let d = 0; d < dimension; d++) {
    // Row r (output bit of weight 2^{B−1−r}) mixes that input bit with random more-significant ones.
    for (let r = 0; r < BITS; r++) {
      const diag = 1 << (BITS - 1 - r);
      const above = r === 0 ? 0 : (randomBits(rng) >>> (BITS - r)) << (BITS - r);
      rows[r] = (diag | above) >>> 0;
    }
    for (let k = 0; k < BITS; k++) {
      let out = 0;
      for (let r = 0; r < BITS; r++) out |= parity(rows[r] & v[d * BITS + k]) << (BITS - 1 - r);
      v[d * BITS + k] = out >>> 0;
    }
    shift[d] = randomBits(rng);
  }
  return shift;
}

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new QuarryError('INVALID_ARGUMENT', `sobolPoints: ${name} must be a non-negative integer, got ${value}`, `pass a whole number for ${name}`);
  }
}

/**
 * `count` Sobol points in `dimension` dimensions (1 ≤ dimension ≤ 40), starting at index `skip`:
 * a Float64Array of count × dimension, row-major, in [0, 1)^d. Prefer count a power of two (balance).
 */
export function sobolPoints(count: number, dimension: number, options: SobolOptions = {}): Float64Array {
  const skip = options.skip ?? 0;
  checkCount('count', count);
  checkCount('skip', skip);
  if (!Number.isInteger(dimension) || dimension < 1 || dimension > SOBOL_MAX_DIMENSION) {
    throw new QuarryError(
      'INVALID_ARGUMENT',
      `sobolPoints: dimension must be an integer in [1, ${SOBOL_MAX_DIMENSION}], got ${dimension}`,
      `use at most ${SOBOL_MAX_DIMENSION} dimensions, or a Latin hypercube for more`,
    );
  }
  if (skip + count > 2 ** BITS) {
    throw new QuarryError('INVALID_ARGUMENT', `sobolPoints: skip + count must be ≤ 2^${BITS}, got ${skip + count}`, 'request fewer points');
  }
  const v = sobolDirections(dimension);
  const x = options.scramble ? scrambleDirections(v, dimension, options.scramble) : new Uint32Array(dimension);
  // Jump to point `skip` through its Gray code, then walk one bit flip per point.
  const gray = skip ^ Math.floor(skip / 2);
  for (let k = 0; k < BITS; k++) {
    if (Math.floor(gray / 2 ** k) % 2 === 1) for (let d = 0; d < dimension; d++) x[d] ^= v[d * BITS + k];
  }
  const out = new Float64Array(count * dimension);
  for (let i = 0; i < count; i++) {
    if (i > 0) {
      const n = skip + i;
      const c = 31 - Math.clz32(n & -n);
      for (let d = 0; d < dimension; d++) x[d] ^= v[d * BITS + c];
    }
    for (let d = 0; d < dimension; d++) out[i * dimension + d] = x[d] * SCALE;
  }
  return out;
}
