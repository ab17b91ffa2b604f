/**
 * Log-gamma and the regularised incomplete gamma functions P(a, x), Q(a, x) with their inverse.
 *
 * P(a, x) = γ(a, x)/Γ(a) = (1/Γ(a)) ∫₀ˣ t^{a−1} e^{−t} dt,  Q(a, x) = 1 − P(a, x) = Γ(a, x)/Γ(a).
 *
 * Most arguments go to @stdlib (a port of Boost.Math's igamma). For x > 1000 @stdlib switches to an
 * asymptotic series in 1/x that is wrong by up to ~10⁻² once a is comparable to x (found against mpmath,
 * @stdlib/math-base-special-gammainc 0.3.1), so there quarry evaluates its own series / continued fraction
 * with a Temme-style prefix (./gamma-large-x.ts).
 *
 * Domain: NaN in → NaN out; a ≤ 0 or x < 0 → NaN; p ∉ [0, 1] → NaN.
 *
 * References: N. M. Temme, "The asymptotic expansion of the incomplete gamma functions", SIAM J. Math.
 * Anal. 10 (1979) 757; A. R. DiDonato & A. H. Morris, ACM TOMS 12 (1986) 377; Boost.Math igamma.
 */
import stdGammaln from '@stdlib/math-base-special-gammaln';
import stdGammainc from '@stdlib/math-base-special-gammainc';
import stdGammaincinv from '@stdlib/math-base-special-gammaincinv';
import { incompleteGammaLargeX, gammaLogPrefix, gammaPrefix, upperFraction } from './gamma-large-x.ts';

/** log|Γ(x)|; accurate (relative) near the zeros at x = 1 and x = 2; +∞ at the poles 0, −1, −2, …. */
export function lgamma(x: number): number {
  return stdGammaln(x);
}

function invalid(a: number, x: number): boolean {
  return !(a > 0) || !(x >= 0);
}

/** Regularised lower incomplete gamma P(a, x) = γ(a, x)/Γ(a) ∈ [0, 1]. */
export function gammaP(a: number, x: number): number {
  if (invalid(a, x)) return NaN;
  if (x > 1000 && Number.isFinite(x) && Number.isFinite(a)) return incompleteGammaLargeX(a, x, false);
  return stdGammainc(x, a, true, false);
}

/** Regularised upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a) = 1 − P(a, x), accurate relative to Q in the upper tail. */
export function gammaQ(a: number, x: number): number {
  if (invalid(a, x)) return NaN;
  if (x > 1000 && Number.isFinite(x) && Number.isFinite(a)) return incompleteGammaLargeX(a, x, true);
  return stdGammainc(x, a, true, true);
}

/**
 * log Q(a, x), finite where Q underflows: log Q directly while Q ≥ 1e−300, log1p(−P) where Q > 1/2, and
 * log D(a, x) + log CF(a, x) (DLMF 8.9.2) in the far upper tail (there x ≫ a, so the fraction converges fast).
 */
export function gammaLogQ(a: number, x: number): number {
  if (invalid(a, x)) return NaN;
  if (x === Infinity) return -Infinity;
  const q = gammaQ(a, x);
  if (q > 0.5) return Math.log1p(-gammaP(a, x));
  if (q >= 1e-300 || x < a + 1) return Math.log(q);
  return gammaLogPrefix(a, x) + Math.log(upperFraction(a, x));
}

/**
 * Polishes a root of P(a, x) = p (upper = false) or Q(a, x) = q (upper = true) with Halley steps:
 * f′ = ±x^{a−1}e^{−x}/Γ(a), f″/f′ = (a − 1)/x − 1.
 */
function polish(a: number, target: number, x0: number, upper: boolean): number {
  let x = x0;
  for (let iter = 0; iter < 3; iter++) {
    if (!(x > 0) || !Number.isFinite(x)) return x;
    const dens = gammaPrefix(a, x) / x;
    if (!(dens > 0) || !Number.isFinite(dens)) return x;
    const f = upper ? target - gammaQ(a, x) : gammaP(a, x) - target;
    const t = f / dens;
    const step = t / (1 - 0.5 * t * ((a - 1) / x - 1));
    const next = x - step;
    x = next > 0 ? next : x / 2;
    if (Math.abs(step) <= 1e-16 * x) break;
  }
  return x;
}

/** Inverse of P in x: the x ≥ 0 with P(a, x) = p. p = 0 → 0, p = 1 → +∞; NaN for p ∉ [0, 1] or a ≤ 0. */
export function gammaPInv(a: number, p: number): number {
  if (!(a > 0) || !(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  // For p > 1/2 the exact complement 1 − p lets the upper-tail solver keep its relative accuracy.
  if (p > 0.5) return polish(a, 1 - p, stdGammaincinv(1 - p, a, true), true);
  return polish(a, p, stdGammaincinv(p, a, false), false);
}

/** Inverse of Q in x: the x ≥ 0 with Q(a, x) = q; accurate for tiny q. q = 1 → 0, q = 0 → +∞; NaN for q ∉ [0, 1]. */
export function gammaQInv(a: number, q: number): number {
  if (!(a > 0) || !(q >= 0 && q <= 1)) return NaN;
  if (q === 1) return 0;
  if (q === 0) return Infinity;
  if (q > 0.5) return polish(a, 1 - q, stdGammaincinv(1 - q, a, false), false);
  return polish(a, q, stdGammaincinv(q, a, true), true);
}
