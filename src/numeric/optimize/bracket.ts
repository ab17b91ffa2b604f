/**
 * Expands an interval geometrically until f changes sign across it, never stepping past given bounds.
 *
 * Starting from [x0, x1], the end whose |f| is smaller is pushed outwards by `factor` times the
 * current width (the rule of Numerical Recipes' zbrac), clipped at `lower`/`upper`; once an end sits
 * on its bound only the other end moves. The returned bracket is the last step that changed sign, so
 * it is as tight as the expansion allows. Used before `toms748`/`brentRoot`, e.g. for upper limits
 * on a bounded parameter of interest.
 *
 * References: Press et al., Numerical Recipes, §9.1; Alefeld, Potra, Shi 1995 (TOMS 748), which
 * needs the bracket this returns.
 */
import { QuarryError } from '../../errors.ts';

export interface BracketOptions {
  /** Smallest x that may be evaluated (default −Infinity). */
  lower?: number;
  /** Largest x that may be evaluated (default +Infinity). */
  upper?: number;
  /** Growth factor of the width per step (default 1.6). */
  factor?: number;
  /** Maximum expansion steps (default 50). */
  maxIterations?: number;
}

export interface Bracket {
  a: number;
  b: number;
  fa: number;
  fb: number;
}

/** Returns [a, b] with f(a)·f(b) ≤ 0 inside [lower, upper], expanding from [x0, x1]. */
export function bracketRoot(f: (x: number) => number, x0: number, x1: number, options: BracketOptions = {}): Bracket {
  const lower = options.lower ?? -Infinity;
  const upper = options.upper ?? Infinity;
  const factor = options.factor ?? 1.6;
  const maxIterations = options.maxIterations ?? 50;
  if (!Number.isFinite(x0) || !Number.isFinite(x1) || x0 === x1) {
    throw new QuarryError('INVALID_ARGUMENT', `bracketRoot: the start interval [${x0}, ${x1}] must have finite, distinct ends`, 'pass two finite numbers x0 ≠ x1');
  }
  if (!(lower < upper) || !(factor > 0)) {
    throw new QuarryError('INVALID_ARGUMENT', `bracketRoot: need lower < upper and factor > 0, got lower=${lower}, upper=${upper}, factor=${factor}`, 'fix the bounds or the factor');
  }
  let a = Math.min(Math.max(Math.min(x0, x1), lower), upper);
  let b = Math.min(Math.max(Math.max(x0, x1), lower), upper);
  if (a === b) {
    throw new QuarryError('INVALID_ARGUMENT', `bracketRoot: the start interval [${x0}, ${x1}] collapses to a point inside the bounds [${lower}, ${upper}]`, 'start from an interval inside the bounds');
  }
  const call = (x: number): number => {
    const y = f(x);
    if (Number.isNaN(y)) throw new QuarryError('NUMERICAL', `bracketRoot: f(${x}) is NaN`, 'make f defined on the whole search range');
    return y;
  };
  let fa = call(a);
  let fb = call(b);
  for (let it = 0; ; it++) {
    if (fa === 0 || fb === 0 || Math.sign(fa) !== Math.sign(fb)) return { a, b, fa, fb };
    const atLower = a <= lower;
    const atUpper = b >= upper;
    if (atLower && atUpper) {
      throw new QuarryError(
        'INVALID_ARGUMENT',
        `bracketRoot: f does not change sign inside the bounds [${lower}, ${upper}]: f(${lower}) = ${fa}, f(${upper}) = ${fb}`,
        'widen the bounds (lower/upper) or check that f has a root there',
      );
    }
    if (it >= maxIterations) {
      throw new QuarryError(
        'INVALID_ARGUMENT',
        `bracketRoot: no sign change found after ${maxIterations} expansions; last interval [${a}, ${b}] with f(${a}) = ${fa}, f(${b}) = ${fb} (bounds [${lower}, ${upper}])`,
        'start closer to the root, raise maxIterations or factor, or set finite lower/upper bounds',
      );
    }
    const width = b - a;
    // Move the end with the smaller |f| (it is likelier to be near the root), unless it is pinned at its bound.
    const moveUpper = atLower || (!atUpper && Math.abs(fb) <= Math.abs(fa));
    if (moveUpper) {
      const next = Math.min(b + factor * width, upper);
      const fnext = call(next);
      if (fnext === 0 || Math.sign(fnext) !== Math.sign(fb)) return { a: b, b: next, fa: fb, fb: fnext };
      b = next;
      fb = fnext;
    } else {
      const next = Math.max(a - factor * width, lower);
      const fnext = call(next);
      if (fnext === 0 || Math.sign(fnext) !== Math.sign(fa)) return { a: next, b: a, fa: fnext, fb: fa };
      a = next;
      fa = fnext;
    }
  }
}
