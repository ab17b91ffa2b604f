import type { Problem } from '../../src/active-learning/problem.ts';
import { physicsToy2d } from './fast-2d.ts';

/** excursion's `masked`: the physics toy on [0, 1.5]², t = 0, with the region x < y invalid; truth grid 200. */
export const masked: Problem = {
  name: 'masked',
  parameters: [
    { name: 'x', lower: 0, upper: 1.5 },
    { name: 'y', lower: 0, upper: 1.5 },
  ],
  thresholds: [0],
  functions: [(p) => physicsToy2d(p.x, p.y)],
  invalid: (p) => p.x < p.y,
  truthGrid: 200,
};
