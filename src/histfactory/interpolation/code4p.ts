import type { InterpolationCode } from './interpolation-code.ts';

/**
 * Code 4p, additive: linear outside |α| > 1 and a polynomial inside that matches value, slope and
 * curvature (zero) of the linear branches at α = ±1 (pyhf `code4p`):
 *   δ⁺ = I⁺ − I⁰,  δ⁻ = I⁰ − I⁻,  S = ½(δ⁺ + δ⁻),  A = (δ⁺ − δ⁻)/16
 *   Δ(α) = α·δ⁺ for α > 1,  Δ(α) = α·δ⁻ for α < −1,
 *   Δ(α) = α·(S + α·A·(15 + α²(3α² − 10))) for |α| ≤ 1.
 * Coefficients: [δ⁺, δ⁻, S, A].
 */
export const code4p: InterpolationCode = {
  name: 'code4p',
  kind: 'additive',
  nCoefficients: 4,
  prepare(lo, nom, hi, c, o) {
    const up = hi - nom;
    const down = nom - lo;
    c[o] = up;
    c[o + 1] = down;
    c[o + 2] = 0.5 * (up + down);
    c[o + 3] = 0.0625 * (up - down);
  },
  evaluate(c, o, alpha, out, k) {
    if (alpha > 1) {
      out[k] = c[o];
      return alpha * c[o];
    }
    if (alpha < -1) {
      out[k] = c[o + 1];
      return alpha * c[o + 1];
    }
    const s = c[o + 2];
    const a = c[o + 3];
    const a2 = alpha * alpha;
    out[k] = s + a * alpha * (30 + a2 * (18 * a2 - 40));
    return alpha * (s + alpha * a * (15 + a2 * (3 * a2 - 10)));
  },
};
