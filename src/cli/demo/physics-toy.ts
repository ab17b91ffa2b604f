/**
 * The 2D "physics" toy of the excursion package (../shared/reference/excursion/PROBLEMS.md), carried
 * here so the demo needs nothing else:
 *   xsec(x, y) = 12·exp(−x/2) + 0.1·cos(10y + 1) + 0.2·cos(15x)
 *   eff(x, y)  = tanh(1.3x − y + 1)
 *   stats(n)   = (1 − tanh(n − 5))/2       (a CLs-like p-value of n expected signal events)
 *   f(x, y)    = 3·(ln stats(xsec·eff) − ln 0.05)     on [0, 1.5]², excluded where f < 0
 * ln stats(n) is evaluated as −ln(1 + e^{2(n−5)}) (identical, no cancellation).
 */
export const PHYSICS_TOY = {
  name: 'physics-toy',
  parameters: [
    { name: 'x', lower: 0, upper: 1.5 },
    { name: 'y', lower: 0, upper: 1.5 },
  ],
  threshold: 0,
} as const;

/** −ln(1 + e^{2z}) without overflow. */
function logHalfOneMinusTanh(z: number): number {
  const t = 2 * z;
  return t > 0 ? -t - Math.log1p(Math.exp(-t)) : -Math.log1p(Math.exp(t));
}

export function physicsToy(x: number, y: number): number {
  const xsec = 12 * Math.exp(-x / 2) + 0.1 * Math.cos(10 * y + 1) + 0.2 * Math.cos(15 * x);
  const eff = Math.tanh(1.3 * x - y + 1);
  return 3 * (logHalfOneMinusTanh(xsec * eff - 5) - Math.log(0.05));
}
