import type { Problem } from '../../src/active-learning/problem.ts';

/** excursion's `oned_fast`: f(x) = 11 − 10·(tanh(3(x − 0.3)) + 0.15·sin(30x)), x ∈ [0, 1], t = 0.7. */
export function onedFastFunction(p: Record<string, number>): number {
  const x = p.x;
  return 11 - 10 * (Math.tanh(3 * (x - 0.3)) + 0.15 * Math.sin(30 * x));
}

export const onedFast: Problem = {
  name: 'oned_fast',
  parameters: [{ name: 'x', lower: 0, upper: 1 }],
  thresholds: [0.7],
  functions: [onedFastFunction],
  truthGrid: 101,
};
