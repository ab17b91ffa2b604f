/** The benchmark problems of PROBLEMS.md (excursion's test cases), by their excursion names. */
import type { Problem } from '../../src/active-learning/problem.ts';
import { QuarryError } from '../../src/errors.ts';
import { onedFast } from './oned-fast.ts';
import { onedNoise } from './oned-noise.ts';
import { fast2d } from './fast-2d.ts';
import { twoFunctions } from './two-functions.ts';
import { masked } from './masked.ts';
import { threeD } from './three-d.ts';
import { paraboloid4d, paraboloid5d } from './paraboloid.ts';
import { gaussianCircles } from './gaussian-circles.ts';
import { checkmate } from './checkmate.ts';

export const PROBLEMS: Readonly<Record<string, Problem>> = Object.freeze(
  Object.fromEntries(
    [onedFast, onedNoise, fast2d, twoFunctions, masked, threeD, paraboloid4d, paraboloid5d, gaussianCircles, checkmate].map((p) => [p.name, p]),
  ),
);

/** The problem called `name`; an unknown name throws UNKNOWN_KEY listing the valid names. */
export function problemByName(name: string): Problem {
  if (!Object.hasOwn(PROBLEMS, name)) {
    const valid = Object.keys(PROBLEMS).join(', ');
    throw new QuarryError('UNKNOWN_KEY', `unknown problem "${name}" (valid: ${valid})`, `use one of: ${valid}, or a path to a problem module (.mjs)`);
  }
  return PROBLEMS[name];
}

export { truthGrid, gridAxis, type TruthGrid } from './truth.ts';
