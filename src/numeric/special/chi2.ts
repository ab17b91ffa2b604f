/**
 * The χ² distribution with k degrees of freedom, through the regularised incomplete gamma functions:
 * F(x; k) = P(k/2, x/2),  S(x; k) = 1 − F = Q(k/2, x/2),  F⁻¹(p; k) = 2 P⁻¹(k/2, p).
 *
 * Domain: NaN in → NaN out; k ≤ 0 → NaN; x < 0 → cdf 0, sf 1 (as scipy.stats.chi2); p ∉ [0, 1] → NaN.
 *
 * References: Abramowitz & Stegun 26.4.19; DLMF §8.2; see ./gamma.ts for the incomplete gamma functions.
 */
import { gammaLogQ, gammaP, gammaPInv, gammaQ, gammaQInv } from './gamma.ts';

function invalid(x: number, k: number): boolean {
  return Number.isNaN(x) || !(k > 0);
}

/** Distribution function F(x; k) = P(k/2, x/2). */
export function chi2Cdf(x: number, k: number): number {
  if (invalid(x, k)) return NaN;
  if (x <= 0) return 0;
  return gammaP(0.5 * k, 0.5 * x);
}

/** Survival function S(x; k) = Q(k/2, x/2), accurate relative to S far in the upper tail (p-values). */
export function chi2Sf(x: number, k: number): number {
  if (invalid(x, k)) return NaN;
  if (x <= 0) return 1;
  return gammaQ(0.5 * k, 0.5 * x);
}

/** log S(x; k) = log Q(k/2, x/2), finite even where S underflows (x ≳ 1400 for small k). */
export function chi2LogSf(x: number, k: number): number {
  if (invalid(x, k)) return NaN;
  if (x <= 0) return 0;
  return gammaLogQ(0.5 * k, 0.5 * x);
}

/** Quantile F⁻¹(p; k) = 2 P⁻¹(k/2, p): the x with F(x; k) = p. NaN for p ∉ [0, 1]. */
export function chi2Ppf(p: number, k: number): number {
  if (!(k > 0)) return NaN;
  return 2 * gammaPInv(0.5 * k, p);
}

/** Inverse survival function S⁻¹(q; k) = 2 Q⁻¹(k/2, q): the x with S(x; k) = q; accurate for tiny q. */
export function chi2Isf(q: number, k: number): number {
  if (!(k > 0)) return NaN;
  return 2 * gammaQInv(0.5 * k, q);
}
