/**
 * Brent's one-dimensional methods: a bracketed minimiser and a bracketed root finder.
 *
 * `brentMinimize` is Brent's golden-section search with successive parabolic interpolation on a
 * fixed interval [a, b] (the variant of `fminbound`); `brentRoot` is the Brent–Dekker root finder
 * that mixes bisection, the secant rule and inverse quadratic interpolation (the variant of
 * `brentq`), with the guarantee that the bracket shrinks at least as fast as bisection every few steps.
 *
 * References: R. P. Brent, "Algorithms for Minimization without Derivatives", Prentice-Hall 1973,
 * ch. 4 (zero) and ch. 5 (localmin); T. J. Dekker, "Finding a zero by means of successive linear
 * interpolation", 1969.
 */
import { checkInterval, requireSignChange } from './interval-checks.ts';

export interface BrentMinimizeOptions {
  /** Absolute tolerance on x (default 1e-5, like scipy's fminbound). */
  xtol?: number;
  /** Maximum function evaluations (default 500). */
  maxIterations?: number;
}

export interface BrentMinimizeResult {
  x: number;
  f: number;
  /** Function evaluations used. */
  iterations: number;
  converged: boolean;
}

const GOLDEN = 0.5 * (3 - Math.sqrt(5));
const SQRT_EPS = Math.sqrt(2.2e-16);

/** Minimises f on [a, b] by golden-section search with parabolic steps (Brent 1973, ch. 5). */
export function brentMinimize(f: (x: number) => number, a: number, b: number, options: BrentMinimizeOptions = {}): BrentMinimizeResult {
  checkInterval('brentMinimize', a, b);
  if (a > b) [a, b] = [b, a];
  const xtol = options.xtol ?? 1e-5;
  const maxfun = options.maxIterations ?? 500;
  // w: second best point, v: previous value of w, x: best point so far.
  let v = a + GOLDEN * (b - a);
  let w = v;
  let x = v;
  let fx = f(x);
  let fv = fx;
  let fw = fx;
  let d = 0;
  let e = 0;
  let evaluations = 1;
  let xm = 0.5 * (a + b);
  let tol1 = SQRT_EPS * Math.abs(x) + xtol / 3;
  let tol2 = 2 * tol1;
  let converged = true;
  while (Math.abs(x - xm) > tol2 - 0.5 * (b - a)) {
    let golden = true;
    if (Math.abs(e) > tol1) {
      golden = false;
      let r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      q = Math.abs(q);
      r = e;
      e = d;
      // Accept the parabola only if it falls inside the interval and moves less than half the step before last.
      if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = tol1 * (xm - x >= 0 ? 1 : -1);
      } else {
        golden = true;
      }
    }
    if (golden) {
      e = x >= xm ? a - x : b - x;
      d = GOLDEN * e;
    }
    const u = x + (d >= 0 ? 1 : -1) * Math.max(Math.abs(d), tol1);
    const fu = f(u);
    evaluations++;
    if (fu <= fx) {
      if (u >= x) a = x;
      else b = x;
      v = w; fv = fw;
      w = x; fw = fx;
      x = u; fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w; fv = fw;
        w = u; fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u; fv = fu;
      }
    }
    xm = 0.5 * (a + b);
    tol1 = SQRT_EPS * Math.abs(x) + xtol / 3;
    tol2 = 2 * tol1;
    if (evaluations >= maxfun) {
      converged = Math.abs(x - xm) <= tol2 - 0.5 * (b - a);
      break;
    }
  }
  return { x, f: fx, iterations: evaluations, converged };
}

export interface BrentRootOptions {
  /** Absolute tolerance on the root (default 2e-12, like scipy's brentq). */
  xtol?: number;
  /** Relative tolerance on the root (default 4·eps). */
  rtol?: number;
  /** Maximum iterations (default 100). */
  maxIterations?: number;
}

export interface BrentRootResult {
  x: number;
  fx: number;
  iterations: number;
  converged: boolean;
}

/** Finds a root of f in [a, b], where f(a) and f(b) differ in sign, by the Brent–Dekker method (Brent 1973, ch. 4). */
export function brentRoot(f: (x: number) => number, a: number, b: number, options: BrentRootOptions = {}): BrentRootResult {
  checkInterval('brentRoot', a, b);
  const xtol = options.xtol ?? 2e-12;
  const rtol = options.rtol ?? 4 * Number.EPSILON;
  const maxIterations = options.maxIterations ?? 100;
  let xpre = a;
  let xcur = b;
  let fpre = f(xpre);
  let fcur = f(xcur);
  if (fpre === 0) return { x: xpre, fx: 0, iterations: 0, converged: true };
  if (fcur === 0) return { x: xcur, fx: 0, iterations: 0, converged: true };
  requireSignChange('brentRoot', a, b, fpre, fcur);
  let xblk = 0;
  let fblk = 0;
  let spre = 0;
  let scur = 0;
  for (let i = 1; i <= maxIterations; i++) {
    if (fpre !== 0 && fcur !== 0 && Math.sign(fpre) !== Math.sign(fcur)) {
      xblk = xpre; fblk = fpre;
      spre = scur = xcur - xpre;
    }
    // Keep xcur the best estimate: swap so |f(xcur)| ≤ |f(xblk)|.
    if (Math.abs(fblk) < Math.abs(fcur)) {
      xpre = xcur; xcur = xblk; xblk = xpre;
      fpre = fcur; fcur = fblk; fblk = fpre;
    }
    const delta = (xtol + rtol * Math.abs(xcur)) / 2;
    const sbis = (xblk - xcur) / 2;
    if (fcur === 0 || Math.abs(sbis) < delta) return { x: xcur, fx: fcur, iterations: i, converged: true };
    if (Math.abs(spre) > delta && Math.abs(fcur) < Math.abs(fpre)) {
      let stry: number;
      if (xpre === xblk) {
        stry = (-fcur * (xcur - xpre)) / (fcur - fpre); // secant
      } else {
        const dpre = (fpre - fcur) / (xpre - xcur);
        const dblk = (fblk - fcur) / (xblk - xcur);
        stry = (-fcur * (fblk * dblk - fpre * dpre)) / (dblk * dpre * (fblk - fpre)); // inverse quadratic
      }
      if (2 * Math.abs(stry) < Math.min(Math.abs(spre), 3 * Math.abs(sbis) - delta)) {
        spre = scur; scur = stry;
      } else {
        spre = sbis; scur = sbis;
      }
    } else {
      spre = sbis; scur = sbis;
    }
    xpre = xcur; fpre = fcur;
    xcur += Math.abs(scur) > delta ? scur : sbis > 0 ? delta : -delta;
    fcur = f(xcur);
  }
  return { x: xcur, fx: fcur, iterations: maxIterations, converged: false };
}
