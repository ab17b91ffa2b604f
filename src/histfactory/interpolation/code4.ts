import type { InterpolationCode } from './interpolation-code.ts';

/**
 * Code 4, multiplicative: exponential outside |α| ≥ α₀ = 1 and a degree-6 polynomial inside,
 *   F(α) = (I⁺/I⁰)^α for α ≥ 1,  F(α) = (I⁻/I⁰)^(−α) for α ≤ −1,
 *   F(α) = 1 + Σ_{i=1..6} a_i α^i for |α| < 1,
 * with a_i fixed by matching F, F′ and F″ of the exponential branches at α = ±1 (HistFactory,
 * CERN-OPEN-2012-016 eq. 4.8 and pyhf `code4`). The system splits into an even part (a₂, a₄, a₆) and an
 * odd part (a₁, a₃, a₅), each solved in closed form below.
 * Coefficients: [ln δ⁺, ln δ⁻, a₁ … a₆] with δ± = I±/I⁰.
 */
export const code4: InterpolationCode = {
  name: 'code4',
  kind: 'multiplicative',
  nCoefficients: 8,
  prepare(lo, nom, hi, c, o) {
    const up = hi / nom;
    const down = lo / nom;
    const lu = Math.log(up);
    const ld = Math.log(down);
    // Targets at α = +1 and α = −1 for p(α) = F(α) − 1 and its first two derivatives.
    const p1 = up - 1;
    const m1 = down - 1;
    const dp1 = lu * up;
    const dm1 = -ld * down;
    const ddp1 = lu * lu * up;
    const ddm1 = ld * ld * down;
    // Even part: a2 + a4 + a6 = e0, 2a2 + 4a4 + 6a6 = e1, 2a2 + 12a4 + 30a6 = e2.
    const e0 = 0.5 * (p1 + m1);
    const e1 = 0.5 * (dp1 - dm1);
    const e2 = 0.5 * (ddp1 + ddm1);
    const u = 0.5 * (e1 - 2 * e0);
    const a6 = (e2 - 2 * e0 - 10 * u) / 8;
    const a4 = u - 2 * a6;
    const a2 = e0 - a4 - a6;
    // Odd part: a1 + a3 + a5 = o0, a1 + 3a3 + 5a5 = o1, 6a3 + 20a5 = o2.
    const o0 = 0.5 * (p1 - m1);
    const o1 = 0.5 * (dp1 + dm1);
    const o2 = 0.5 * (ddp1 - ddm1);
    const v = 0.5 * (o1 - o0);
    const a5 = (o2 - 6 * v) / 8;
    const a3 = v - 2 * a5;
    const a1 = o0 - a3 - a5;
    c[o] = lu;
    c[o + 1] = ld;
    c[o + 2] = a1;
    c[o + 3] = a2;
    c[o + 4] = a3;
    c[o + 5] = a4;
    c[o + 6] = a5;
    c[o + 7] = a6;
  },
  evaluate(c, o, count, alpha, value, deriv, k) {
    for (let i = 0; i < count; i++) {
      const j = o + 8 * i;
      if (alpha >= 1) {
        const f = Math.exp(alpha * c[j]);
        value[k + i] = f;
        deriv[k + i] = c[j] * f;
      } else if (alpha <= -1) {
        const f = Math.exp(-alpha * c[j + 1]);
        value[k + i] = f;
        deriv[k + i] = -c[j + 1] * f;
      } else {
        const a1 = c[j + 2], a2 = c[j + 3], a3 = c[j + 4], a4 = c[j + 5], a5 = c[j + 6], a6 = c[j + 7];
        value[k + i] = 1 + alpha * (a1 + alpha * (a2 + alpha * (a3 + alpha * (a4 + alpha * (a5 + alpha * a6)))));
        deriv[k + i] = a1 + alpha * (2 * a2 + alpha * (3 * a3 + alpha * (4 * a4 + alpha * (5 * a5 + alpha * 6 * a6))));
      }
    }
  },
};
