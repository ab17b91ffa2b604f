import type { Problem } from '../../src/active-learning/problem.ts';
import { lnStats } from './stats.ts';

const LN_005 = Math.log(0.05);

/**
 * The 2D "physics" toy of excursion: f = 3·(ln stats(xsec·eff) − ln 0.05) with
 * xsec = 12·exp(−x/2) + 0.1·cos(10y + 1) + 0.2·cos(15x), eff = tanh(1.3x − y + 1),
 * stats(n) = (1 − tanh(n − 5))/2. Excluded (f < 0) where the expected signal n is large.
 */
export function physicsToy2d(x: number, y: number): number {
  const xsec = 12 * Math.exp(-x / 2) + 0.1 * Math.cos(10 * y + 1) + 0.2 * Math.cos(15 * x);
  const eff = Math.tanh(1.3 * x - y + 1);
  return 3 * (lnStats(xsec * eff) - LN_005);
}

/** excursion's `fast_2d`: the physics toy on [0, 1.5]², t = 0, truth grid 200 (40.2 % excluded). */
export const fast2d: Problem = {
  name: 'fast_2d',
  parameters: [
    { name: 'x', lower: 0, upper: 1.5 },
    { name: 'y', lower: 0, upper: 1.5 },
  ],
  thresholds: [0],
  functions: [(p) => physicsToy2d(p.x, p.y)],
  truthGrid: 200,
};
