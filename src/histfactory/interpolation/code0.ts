import type { InterpolationCode } from './interpolation-code.ts';

/**
 * Code 0, piecewise linear, additive:
 *   Δ(α) = α·(I⁺ − I⁰) for α ≥ 0,  Δ(α) = α·(I⁰ − I⁻) for α < 0.
 * The derivative at the kink α = 0 is taken from the α ≥ 0 side.
 * Coefficients: [I⁺ − I⁰, I⁰ − I⁻].
 */
export const code0: InterpolationCode = {
  name: 'code0',
  kind: 'additive',
  nCoefficients: 2,
  prepare(lo, nom, hi, c, o) {
    c[o] = hi - nom;
    c[o + 1] = nom - lo;
  },
  evaluate(c, o, count, alpha, value, deriv, k) {
    const side = alpha >= 0 ? 0 : 1;
    for (let i = 0; i < count; i++) {
      const slope = c[o + 2 * i + side];
      value[k + i] = alpha * slope;
      deriv[k + i] = slope;
    }
  },
};
