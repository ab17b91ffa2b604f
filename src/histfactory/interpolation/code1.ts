import type { InterpolationCode } from './interpolation-code.ts';

/**
 * Code 1, piecewise exponential, multiplicative:
 *   F(α) = (I⁺/I⁰)^α for α ≥ 0,  F(α) = (I⁻/I⁰)^(−α) for α < 0.
 * Coefficients: [ln(I⁺/I⁰), ln(I⁻/I⁰)]; F = exp(α·c₀) or exp(−α·c₁), F′ = c₀·F or −c₁·F.
 */
export const code1: InterpolationCode = {
  name: 'code1',
  kind: 'multiplicative',
  nCoefficients: 2,
  prepare(lo, nom, hi, c, o) {
    c[o] = Math.log(hi / nom);
    c[o + 1] = Math.log(lo / nom);
  },
  evaluate(c, o, count, alpha, value, deriv, k) {
    for (let i = 0; i < count; i++) {
      const slope = alpha >= 0 ? c[o + 2 * i] : -c[o + 2 * i + 1];
      const f = Math.exp(alpha * slope);
      value[k + i] = f;
      deriv[k + i] = slope * f;
    }
  },
};
