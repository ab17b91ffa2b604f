import type { Problem } from '../../src/active-learning/problem.ts';

const VAR_X = 0.2;
const VAR_Y = 0.3;
const NORM = 1 / (2 * Math.PI * Math.sqrt(VAR_X * VAR_Y));

/** Bivariate normal pdf N(x; m, C) with C = diag(0.2, 0.3) (variances); its maximum is ≈ 0.6497. */
export function gaussianPdf(x: number, y: number, mx: number, my: number): number {
  const dx = x - mx;
  const dy = y - my;
  return NORM * Math.exp(-0.5 * ((dx * dx) / VAR_X + (dy * dy) / VAR_Y));
}

/**
 * excursion's Gaussian circles: f0 = N(x; [0.3, 0.2], C), f1 = N(x; [0.2, 0.3], C), thresholds
 * [0.58, 0.60, 0.62] (four classes), on [0, 1]², truth grid 101.
 */
export const gaussianCircles: Problem = {
  name: 'gaussian_circles',
  parameters: [
    { name: 'x', lower: 0, upper: 1 },
    { name: 'y', lower: 0, upper: 1 },
  ],
  thresholds: [0.58, 0.6, 0.62],
  functions: [(p) => gaussianPdf(p.x, p.y, 0.3, 0.2), (p) => gaussianPdf(p.x, p.y, 0.2, 0.3)],
  truthGrid: 101,
};
