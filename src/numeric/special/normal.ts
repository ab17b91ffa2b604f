/**
 * The standard normal distribution N(0, 1): density, distribution function, tails, their logarithms and
 * the quantile function, all accurate to a few ulp far into both tails.
 *
 * Domain: NaN in → NaN out. Probabilities outside [0, 1] give NaN; p = 0 and p = 1 give ∓∞.
 *
 * References: W. J. Cody, Math. Comp. 23 (1969) 631 (erfc, erfcx); the split x = x₁ + x₂ for e^{−x²/2}
 * follows R's pnorm (Cody's algorithm 715, ACM TOMS 19 (1993) 22); Halley refinement of the quantile as in
 * P. J. Acklam's note "An algorithm for computing the inverse normal cumulative distribution function".
 */
import { erfc, erfcinv, erfcx } from './erf.ts';

const SQRT1_2 = Math.SQRT1_2;
/** 1/√(2π). */
const INV_SQRT_2PI = 0.3989422804014327;
/** log √(2π). */
const LOG_SQRT_2PI = 0.9189385332046728;

/**
 * e^{−x²/2} without the cancellation of rounding x²: x = x₁ + x₂ with x₁ on a 2⁻¹⁶ grid, so x₁² is exact,
 * and e^{−x²/2} = e^{−x₁²/2} · e^{−(x₁ + x₂/2) x₂}. Scaled by e^{700} internally so that a subnormal result
 * is rounded only once.
 */
export function expNegHalfSquare(x: number): number {
  const x1 = Math.round(x * 65536) / 65536;
  const x2 = x - x1;
  const half1 = 0.5 * x1 * x1;
  const rest = Math.exp(-(x1 + 0.5 * x2) * x2);
  if (half1 < 700) return Math.exp(-half1) * rest;
  return Math.exp(700 - half1) * rest * Math.exp(-700);
}

/** Density φ(x) = e^{−x²/2} / √(2π). */
export function normalPdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (!Number.isFinite(x)) return 0;
  return INV_SQRT_2PI * expNegHalfSquare(x);
}

/** log φ(x) = −x²/2 − log √(2π). */
export function normalLogPdf(x: number): number {
  return -0.5 * x * x - LOG_SQRT_2PI;
}

/**
 * Distribution function Φ(x) = erfc(−x/√2)/2. For x < −1 it is evaluated as
 * Φ(x) = erfcx(−x/√2) · e^{−x²/2} / 2, so the rounding of x/√2 is not amplified by the steep tail.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === -Infinity) return 0;
  if (x < -1) return 0.5 * erfcx(-x * SQRT1_2) * expNegHalfSquare(x);
  return 0.5 * erfc(-x * SQRT1_2);
}

/** Upper tail (survival function) Q(x) = 1 − Φ(x) = Φ(−x), accurate relative to Q itself. */
export function normalSf(x: number): number {
  return normalCdf(-x);
}

/**
 * log Φ(x), finite down to x ≈ −1.3·10¹⁵⁴:
 * x < −1: log(erfcx(−x/√2)/2) − x²/2;  −1 ≤ x ≤ 0: log Φ(x);  x > 0: log1p(−Q(x)).
 */
export function normalLogCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === -Infinity) return -Infinity;
  if (x === Infinity) return 0;
  if (x < -1) return Math.log(0.5 * erfcx(-x * SQRT1_2)) - 0.5 * x * x;
  if (x <= 0) return Math.log(normalCdf(x));
  return Math.log1p(-normalSf(x));
}

/** log Q(x) = log(1 − Φ(x)) = log Φ(−x). */
export function normalLogSf(x: number): number {
  return normalLogCdf(-x);
}

/** Lower-tail quantile for q ∈ (0, 1/2]: x₀ = −√2 erfcinv(2q), then one Halley step on Φ(x) − q. */
function lowerQuantile(q: number): number {
  const x = -Math.SQRT2 * erfcinv(2 * q);
  // Below ~1e-306 Φ(x) is subnormal and would make the correction worse, not better.
  if (x === 0) return 0;
  if (q < 1e-306) return x;
  const t = (normalCdf(x) - q) / normalPdf(x);
  return x - t / (1 + 0.5 * x * t);
}

/**
 * Quantile (percent-point) function Φ⁻¹(p): the x with Φ(x) = p. Accurate for p down to the smallest
 * subnormal and for p near 1 (the complement 1 − p is exact for p ≥ 1/2). NaN for p ∉ [0, 1].
 */
export function normalPpf(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  return p <= 0.5 ? lowerQuantile(p) : -lowerQuantile(1 - p);
}

/**
 * Inverse survival function Q⁻¹(q) = −Φ⁻¹(q): the x with 1 − Φ(x) = q; accurate for tiny q (a p-value
 * → significance). NaN for q ∉ [0, 1].
 */
export function normalIsf(q: number): number {
  return -normalPpf(q);
}
