/**
 * Monotone output warpings for one-sided saturation (warped GP, E. Snelson, C. E. Rasmussen,
 * Z. Ghahramani, NIPS 16 (2004) eq. 5). A log-CLs-like output approaches a level c smoothly on one
 * side and falls (or rises) linearly away from it: y = c − s·softplus(z) with z smooth. The warping
 *
 *   upper: g(y) = −softplus⁻¹((c − y)/s),   y < c,   g′(y) = 1 / (s·(1 − e^{−(c − y)/s}))
 *   lower: g(y) =  softplus⁻¹((y − c)/s),   y > c,   g′(y) = 1 / (s·(1 − e^{−(y − c)/s}))
 *
 * with softplus⁻¹(v) = ln(eᵛ − 1) = v + ln(1 − e^{−v}), undoes it: g is increasing, so classes are
 * kept when the thresholds are warped alike, and g(y) ≈ ±(y − c)/s far from the level. The identity
 * is the limit c → ±∞. The inverses are y = c − s·softplus(−z) (upper) and y = c + s·softplus(z) (lower).
 */
export type Warp =
  | { type: 'identity' }
  | { type: 'saturating'; side: 'upper' | 'lower'; level: number; scale: number };

export const IDENTITY: Warp = { type: 'identity' };

/** softplus(x) = ln(1 + eˣ) without overflow. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** softplus⁻¹(v) = ln(eᵛ − 1) for v > 0 (−∞ at 0, NaN below). */
export function softplusInverse(v: number): number {
  if (!(v > 0)) return v === 0 ? Number.NEGATIVE_INFINITY : Number.NaN;
  return v > 1 ? v + Math.log(-Math.expm1(-v)) : Math.log(Math.expm1(v));
}

/** The distance v = (c − y)/s (upper) or (y − c)/s (lower) of a value from the saturation level, in scales. */
function distance(w: Extract<Warp, { type: 'saturating' }>, y: number): number {
  return (w.side === 'upper' ? w.level - y : y - w.level) / w.scale;
}

/** g(y); NaN on the wrong side of the level (y ≥ c for 'upper'). */
export function warpValue(w: Warp, y: number): number {
  if (w.type === 'identity') return y;
  const v = distance(w, y);
  if (!(v > 0)) return Number.NaN;
  return w.side === 'upper' ? -softplusInverse(v) : softplusInverse(v);
}

/** g′(y) > 0; NaN on the wrong side of the level. */
export function warpDerivative(w: Warp, y: number): number {
  if (w.type === 'identity') return 1;
  const v = distance(w, y);
  if (!(v > 0)) return Number.NaN;
  return 1 / (w.scale * -Math.expm1(-v));
}

/** g⁻¹(z): the output value whose warped value is z. */
export function unwarpValue(w: Warp, z: number): number {
  if (w.type === 'identity') return z;
  return w.side === 'upper' ? w.level - w.scale * softplus(-z) : w.level + w.scale * softplus(z);
}

/** Σ_i ln g′(y_i), the Jacobian term of the warped likelihood ln p(y) = ln p(g(y)) + Σ ln g′(y_i). */
export function warpLogJacobian(w: Warp, ys: ArrayLike<number>): number {
  if (w.type === 'identity') return 0;
  let sum = 0;
  for (let i = 0; i < ys.length; i++) sum += Math.log(warpDerivative(w, ys[i]));
  return sum;
}

/** Applies g to every value (a new array). */
export function warpValues(w: Warp, ys: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: ys.length }, (_, i) => warpValue(w, ys[i]));
}

/** Applies g⁻¹ to every value (a new array). */
export function unwarpValues(w: Warp, zs: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: zs.length }, (_, i) => unwarpValue(w, zs[i]));
}
