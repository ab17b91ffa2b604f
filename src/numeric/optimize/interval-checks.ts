/**
 * Argument checks shared by the bracketed one-dimensional solvers (Brent 1973; Alefeld, Potra, Shi
 * 1995 TOMS 748): a finite interval, and a sign change of f across it.
 */
import { QuarryError } from '../../errors.ts';

/** Throws INVALID_ARGUMENT unless a and b are finite and distinct. */
export function checkInterval(what: string, a: number, b: number): void {
  if (!Number.isFinite(a) || !Number.isFinite(b) || a === b) {
    throw new QuarryError('INVALID_ARGUMENT', `${what}: the interval [${a}, ${b}] must have finite, distinct ends`, 'pass two finite numbers a ≠ b');
  }
}

/** Throws INVALID_ARGUMENT naming the interval and the f values when f(a), f(b) do not bracket a root. */
export function requireSignChange(what: string, a: number, b: number, fa: number, fb: number): void {
  if (!Number.isFinite(fa) || !Number.isFinite(fb)) {
    throw new QuarryError('INVALID_ARGUMENT', `${what}: f is not finite at the interval ends: f(${a}) = ${fa}, f(${b}) = ${fb}`, 'choose an interval on which f is finite');
  }
  if (Math.sign(fa) === Math.sign(fb)) {
    throw new QuarryError(
      'INVALID_ARGUMENT',
      `${what}: f(a) and f(b) must have different signs, but f(${a}) = ${fa} and f(${b}) = ${fb} on [${a}, ${b}]`,
      'choose an interval whose ends bracket a root, e.g. with bracketRoot',
    );
  }
}
