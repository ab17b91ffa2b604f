import type { InterpolationCode } from './interpolation-code.ts';

/**
 * Code 2, quadratic inside |α| ≤ 1 and linear outside, additive (ROOT's PiecewiseInterpolation code 2):
 *   a = ½(I⁺ + I⁻) − I⁰,  b = ½(I⁺ − I⁻)
 *   Δ(α) = (2a + b)(α − 1) + I⁺ − I⁰   for α > 1
 *   Δ(α) = aα² + bα                    for |α| ≤ 1
 *   Δ(α) = (b − 2a)(α + 1) + I⁻ − I⁰   for α < −1
 * Value and first derivative are continuous at α = ±1.
 * Coefficients: [a, b, I⁺ − I⁰, I⁻ − I⁰].
 */
export const code2: InterpolationCode = {
  name: 'code2',
  kind: 'additive',
  nCoefficients: 4,
  prepare(lo, nom, hi, c, o) {
    c[o] = 0.5 * (hi + lo) - nom;
    c[o + 1] = 0.5 * (hi - lo);
    c[o + 2] = hi - nom;
    c[o + 3] = lo - nom;
  },
  evaluate(c, o, count, alpha, value, deriv, k) {
    for (let i = 0; i < count; i++) {
      const j = o + 4 * i;
      const a = c[j];
      const b = c[j + 1];
      if (alpha > 1) {
        deriv[k + i] = 2 * a + b;
        value[k + i] = (2 * a + b) * (alpha - 1) + c[j + 2];
      } else if (alpha < -1) {
        deriv[k + i] = b - 2 * a;
        value[k + i] = (b - 2 * a) * (alpha + 1) + c[j + 3];
      } else {
        deriv[k + i] = 2 * a * alpha + b;
        value[k + i] = (a * alpha + b) * alpha;
      }
    }
  },
};
