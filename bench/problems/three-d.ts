import type { Problem } from '../../src/active-learning/problem.ts';
import { lnStats } from './stats.ts';

const LN_005 = Math.log(0.05);

/**
 * The 3D toy: xsec = (12·exp(−x/2) + 0.1·cos(10y) + 0.2·cos(15x))·exp(−0.3z) (no "+1" inside cos(10y)),
 * eff = tanh(1.3x − y + 1), f = 3·(ln stats(xsec·eff) − ln 0.05).
 */
export function physicsToy3d(x: number, y: number, z: number): number {
  const xsec = (12 * Math.exp(-x / 2) + 0.1 * Math.cos(10 * y) + 0.2 * Math.cos(15 * x)) * Math.exp(-0.3 * z);
  const eff = Math.tanh(1.3 * x - y + 1);
  return 3 * (lnStats(xsec * eff) - LN_005);
}

/** excursion's 3D toy on [0, 1.5]³, t = 0, truth grid 41. */
export const threeD: Problem = {
  name: 'three_d',
  parameters: [
    { name: 'x', lower: 0, upper: 1.5 },
    { name: 'y', lower: 0, upper: 1.5 },
    { name: 'z', lower: 0, upper: 1.5 },
  ],
  thresholds: [0],
  functions: [(p) => physicsToy3d(p.x, p.y, p.z)],
  truthGrid: 41,
};
