/**
 * ln((1 − tanh u)/2) = −ln(1 + e^{2u}), evaluated without the cancellation of 1 − tanh u
 * (which loses every digit once tanh u rounds to 1, near u ≈ 19). The "ln stats" of the excursion toys.
 */
export function lnHalfOneMinusTanh(u: number): number {
  const s = 2 * u;
  return s > 0 ? -(s + Math.log1p(Math.exp(-s))) : -Math.log1p(Math.exp(s));
}

/** ln stats(n) of the 2D/3D physics toys: stats(n) = (1 − tanh(n − 5))/2, a CLs-like p-value of n signal events. */
export function lnStats(n: number): number {
  return lnHalfOneMinusTanh(n - 5);
}
