/**
 * The seeded random-number generator of quarry: xoroshiro128+ (pure-rand) with 53-bit uniforms, normal
 * deviates by Marsaglia's polar method, unbiased bounded integers, independent streams and a
 * JSON-serialisable state. No global state: everything random in quarry takes an `Rng` (ARCHITECTURE §2.10).
 *
 * uniform = (⌊u₁/2⁵⌋ · 2²⁶ + ⌊u₂/2⁶⌋) · 2⁻⁵³ from the high bits of two 32-bit outputs (the low bits of a
 * "+" generator are the weakest). normal: draw (v₁, v₂) uniform in the unit disc, s = v₁² + v₂²; then
 * v₁·√(−2 ln s / s) and v₂·√(−2 ln s / s) are independent N(0, 1); the second is cached.
 *
 * References: D. Blackman & S. Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 47
 * (2021) 36; G. Marsaglia & T. A. Bray, SIAM Review 6 (1964) 260; S. Vigna, SplitMix64 (seeding);
 * D. Lemire, ACM TOMACS 29 (2019) 3 (bounded integers by rejection).
 */
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';
import { QuarryError } from '../../errors.ts';

export interface Rng {
  /** Uniform on [0, 1) with 53 random bits (a multiple of 2⁻⁵³). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Uniform integer in {0, 1, …, maxExclusive − 1}, unbiased; maxExclusive an integer in [1, 2⁵³]. */
  integer(maxExclusive: number): number;
  /** A new generator on an independent stream; advances this one. */
  fork(): Rng;
  /** The complete state as plain JSON; `rngFromState(state())` continues the same sequence. */
  state(): RngState;
}

/** Serialised generator state: the four 32-bit words of xoroshiro128+ and the cached normal deviate. */
export interface RngState {
  kind: 'xoroshiro128+';
  words: [number, number, number, number];
  spareNormal: number | null;
}

const MASK64 = (1n << 64n) - 1n;

/** SplitMix64 step: returns [next state, output]. Used only to turn seeds into well-mixed 128-bit states. */
function splitMix64(state: bigint): [bigint, bigint] {
  const s = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = s;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return [s, z ^ (z >> 31n)];
}

/** Four signed 32-bit words from a 64-bit key via SplitMix64 (never all zero). */
function wordsFromKey(key: bigint): number[] {
  const [s1, a] = splitMix64(key & MASK64);
  const [, b] = splitMix64(s1);
  const words = [a >> 32n, a, b >> 32n, b].map((w) => Number(BigInt.asIntN(32, w)));
  if (!words.some((w) => w !== 0)) words[3] = 1;
  return words;
}

class XoroshiroRng implements Rng {
  private spare: number | null;

  constructor(private readonly gen: JumpableRandomGenerator, spare: number | null = null) {
    this.spare = spare;
  }

  uniform(): number {
    const hi = this.gen.next() >>> 5;
    const lo = this.gen.next() >>> 6;
    return (hi * 67108864 + lo) * 1.1102230246251565e-16;
  }

  normal(): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return z;
    }
    let v1: number;
    let v2: number;
    let s: number;
    do {
      v1 = 2 * this.uniform() - 1;
      v2 = 2 * this.uniform() - 1;
      s = v1 * v1 + v2 * v2;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v2 * f;
    return v1 * f;
  }

  integer(maxExclusive: number): number {
    const n = maxExclusive;
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 53) {
      throw new QuarryError(
        'INVALID_ARGUMENT',
        `rng.integer: maxExclusive must be an integer in [1, 2^53], got ${maxExclusive}`,
        'pass the number of possible outcomes, e.g. rng.integer(array.length)',
      );
    }
    if (n <= 4294967296) {
      // Reject the top partial block of 2³² so that every residue is equally likely.
      const limit = 4294967296 - (4294967296 % n);
      for (;;) {
        const u = this.gen.next() >>> 0;
        if (u < limit) return u % n;
      }
    }
    const limit = 2 ** 53 - (2 ** 53 % n);
    for (;;) {
      const u = this.uniform() * 2 ** 53;
      if (u < limit) return u % n;
    }
  }

  fork(): Rng {
    // The child's key is 64 fresh bits of this stream mixed by SplitMix64 (as in SplittableRandom); this
    // stream then jumps 2⁶⁴ steps, so its own future cannot run into draws it already handed out.
    const key = (BigInt(this.gen.next() >>> 0) << 32n) | BigInt(this.gen.next() >>> 0);
    this.gen.jump();
    return new XoroshiroRng(xoroshiro128plusFromState(wordsFromKey(key)));
  }

  state(): RngState {
    const [w0, w1, w2, w3] = this.gen.getState();
    return { kind: 'xoroshiro128+', words: [w0, w1, w2, w3], spareNormal: this.spare };
  }
}

/** A generator seeded from any integer |seed| ≤ 2⁵³ (SplitMix64 spreads nearby seeds across the state space). */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) {
    throw new QuarryError('INVALID_ARGUMENT', `createRng: seed must be a safe integer, got ${seed}`, 'use an integer seed such as 42');
  }
  return new XoroshiroRng(xoroshiro128plusFromState(wordsFromKey(BigInt(seed))));
}

/**
 * `count` generators on provably disjoint streams: stream i starts i·2⁶⁴ steps after the seed's state
 * (xoroshiro128+ jump polynomial), so none overlaps another unless it draws more than 2⁶⁴ numbers.
 */
export function createStreams(seed: number, count: number): Rng[] {
  const base = createRng(seed).state().words;
  const gen = xoroshiro128plusFromState(base);
  const out: Rng[] = [];
  for (let i = 0; i < count; i++) {
    out.push(new XoroshiroRng(gen.clone()));
    gen.jump();
  }
  return out;
}

/** Restores a generator from `rng.state()` (after a JSON round trip if need be). */
export function rngFromState(state: unknown): Rng {
  const s = state as Partial<RngState> | null;
  const ok =
    s !== null && typeof s === 'object' && s.kind === 'xoroshiro128+' && Array.isArray(s.words) && s.words.length === 4 &&
    s.words.every((w) => Number.isInteger(w) && w >= -2147483648 && w <= 2147483647) &&
    (s.spareNormal === null || typeof s.spareNormal === 'number');
  if (!ok) {
    throw new QuarryError(
      'INVALID_INPUT',
      'rngFromState: not a state produced by rng.state()',
      'pass the object returned by rng.state(), e.g. after JSON.parse',
    );
  }
  return new XoroshiroRng(xoroshiro128plusFromState(s.words!), s.spareNormal ?? null);
}

/** Fisher–Yates shuffle in place (Knuth, TAOCP vol. 2, Algorithm 3.4.2 P); returns the same array. */
export function shuffle<A extends { length: number; [index: number]: unknown }>(rng: Rng, array: A): A {
  for (let i = array.length - 1; i > 0; i--) {
    const j = rng.integer(i + 1);
    const t = array[i];
    array[i] = array[j];
    array[j] = t;
  }
  return array;
}
