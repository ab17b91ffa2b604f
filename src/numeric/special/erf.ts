/**
 * The error function family, re-exported from the individual @stdlib packages (ports of the Boost and
 * FreeBSD implementations, ≤ 1e-13 relative error against mpmath; see special.test.ts).
 *
 * Domain: NaN in → NaN out; erfinv(y) is NaN outside [−1, 1], erfcinv(y) is NaN outside [0, 2].
 *
 * References: Abramowitz & Stegun §7.1; W. J. Cody, "Rational Chebyshev approximations for the error
 * function", Math. Comp. 23 (1969) 631; Boost.Math erf_inv (Maddock).
 */
import stdErf from '@stdlib/math-base-special-erf';
import stdErfc from '@stdlib/math-base-special-erfc';
import stdErfcx from '@stdlib/math-base-special-erfcx';
import stdErfinv from '@stdlib/math-base-special-erfinv';
import stdErfcinv from '@stdlib/math-base-special-erfcinv';

/** erf(x) = (2/√π) ∫₀ˣ e^{−t²} dt. */
export function erf(x: number): number {
  return stdErf(x);
}

/** erfc(x) = 1 − erf(x) = (2/√π) ∫ₓ^∞ e^{−t²} dt, accurate (relative) in the upper tail down to underflow. */
export function erfc(x: number): number {
  return stdErfc(x);
}

/** Scaled complementary error function erfcx(x) = e^{x²} erfc(x) ≈ 1/(x√π) for large x; no underflow. */
export function erfcx(x: number): number {
  return stdErfcx(x);
}

/** Inverse of erf: erfinv(erf(x)) = x for y ∈ [−1, 1]; ±1 → ±∞, otherwise NaN. */
export function erfinv(y: number): number {
  return stdErfinv(y);
}

/** Inverse of erfc: erfcinv(erfc(x)) = x for y ∈ [0, 2]; 0 → +∞, 2 → −∞, otherwise NaN. Accurate for tiny y. */
export function erfcinv(y: number): number {
  return stdErfcinv(y);
}
