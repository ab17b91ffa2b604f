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
  evaluate(c, o, count, alpha, value, deriv, k) {
    if (alpha > 1 || alpha < -1) {
      const side = alpha > 1 ? 0 : 1;
      for (let i = 0; i < count; i++) {
        const slope = c[o + 4 * i + side];
        value[k + i] = alpha * slope;
        deriv[k + i] = slope;
      }
      return;
    }
    // Δ = α·S + A·q(α) with q = α²(15 + α²(3α² − 10)), q′ = α(30 + α²(18α² − 40)).
    const a2 = alpha * alpha;
    const q = a2 * (15 + a2 * (3 * a2 - 10));
    const dq = alpha * (30 + a2 * (18 * a2 - 40));
    for (let i = 0; i < count; i++) {
      const s = c[o + 4 * i + 2];
      const a = c[o + 4 * i + 3];
      value[k + i] = alpha * s + a * q;
      deriv[k + i] = s + a * dq;
    }
  },
};
