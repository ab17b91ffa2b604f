import type { Problem } from '../../src/active-learning/problem.ts';
import { physicsToy2d } from './fast-2d.ts';

/**
 * excursion's `two_functions`: the physics toy f ("observed") and g(x, y) = f(x − 0.05, y − 0.05)
 * ("expected"), both with t = 0, on [0, 1.5]², truth grid 350 (122 500 points).
 */
export const twoFunctions: Problem = {
  name: 'two_functions',
  parameters: [
    { name: 'x', lower: 0, upper: 1.5 },
    { name: 'y', lower: 0, upper: 1.5 },
  ],
  thresholds: [0],
  functions: [(p) => physicsToy2d(p.x, p.y), (p) => physicsToy2d(p.x - 0.05, p.y - 0.05)],
  truthGrid: 350,
};
