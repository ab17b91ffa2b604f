/**
 * The continuous Poisson log-density used for main bins and shapesys constraints:
 *   ln Pois(n | ν) = n ln ν − ν − ln Γ(n + 1),
 * defined for real n ≥ 0 (Asimov data), with 0·ln ν = 0 at n = 0 (so ν = 0 is allowed there), as pyhf's
 * `poisson_logpdf` (xlogy). Returns −∞ for ν = 0 < n and NaN for ν < 0 < n.
 */
import { lgamma } from '../numeric/special/index.ts';

export function poissonLogPdf(n: number, nu: number): number {
  return (n === 0 ? 0 : n * Math.log(nu)) - nu - lgamma(n + 1);
}

/** ∂/∂ν ln Pois(n | ν) = n/ν − 1 (−1 at n = 0, whatever ν). */
export function poissonLogPdfDNu(n: number, nu: number): number {
  return (n === 0 ? 0 : n / nu) - 1;
}
