import type { Problem } from '../../src/active-learning/problem.ts';
import { lnHalfOneMinusTanh } from './stats.ts';

/**
 * The CheckMATE-like toy: xsec = 8.5·exp(−0.0025x), eff = tanh(0.005·(x − (y + 175))),
 * stats(n) = (1 − tanh(5(n − 1)))/2, f = ln stats(xsec·eff).
 */
export function checkmateFunction(p: Record<string, number>): number {
  const xsec = 8.5 * Math.exp(-0.0025 * p.x);
  const eff = Math.tanh(0.005 * (p.x - (p.y + 175)));
  return lnHalfOneMinusTanh(5 * (xsec * eff - 1));
}

/** excursion's CheckMATE-like toy: t = ln 0.05, x ∈ [200, 800], y ∈ [0, 600], invalid where x < y + 175; grid 101. */
export const checkmate: Problem = {
  name: 'checkmate',
  parameters: [
    { name: 'x', lower: 200, upper: 800 },
    { name: 'y', lower: 0, upper: 600 },
  ],
  thresholds: [Math.log(0.05)],
  functions: [checkmateFunction],
  invalid: (p) => p.x < p.y + 175,
  truthGrid: 101,
};
