import type { Problem } from '../../src/active-learning/problem.ts';

/** excursion's `oned_noise`: f(x) = x + 2.5·sin(3x), x ∈ [0, 5], t = 2; evaluations carry N(0, 1) noise. */
export function onedNoiseFunction(p: Record<string, number>): number {
  const x = p.x;
  return x + 2.5 * Math.sin(3 * x);
}

export const onedNoise: Problem = {
  name: 'oned_noise',
  parameters: [{ name: 'x', lower: 0, upper: 5 }],
  thresholds: [2],
  functions: [onedNoiseFunction],
  truthGrid: 501,
  noise: 1,
};
