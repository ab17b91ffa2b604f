import type { Problem } from '../../src/active-learning/problem.ts';

/**
 * The n-D paraboloid f(x) = Σ x_i² on [−2, 2]^d with t = 1: the level set is the unit sphere and the
 * inside (excluded) is a small fraction of the box (1.5 % of the 20⁴ grid), so report balanced accuracy.
 * Parameters are named x1 … xd.
 */
export function paraboloid(dimension: number, truthGrid: number): Problem {
  const names = Array.from({ length: dimension }, (_, i) => `x${i + 1}`);
  return {
    name: `paraboloid_${dimension}d`,
    parameters: names.map((name) => ({ name, lower: -2, upper: 2 })),
    thresholds: [1],
    functions: [
      (p) => {
        let s = 0;
        for (const name of names) s += p[name] * p[name];
        return s;
      },
    ],
    truthGrid,
  };
}

/** 4D, truth grid 20 (160 000 points, 2 432 inside). */
export const paraboloid4d: Problem = paraboloid(4, 20);

/** 5D, truth grid 12 (248 832 points, 992 inside; PROBLEMS.md gives no grid, 12 keeps the metric cheap). */
export const paraboloid5d: Problem = paraboloid(5, 12);
