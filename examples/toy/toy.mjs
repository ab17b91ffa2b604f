// The 2D "physics" toy of the excursion package (PROBLEMS.md, fast_2d): f = 3·(ln stats(xsec·eff) − ln 0.05),
// excluded where f < 0. A real evaluator would run an event generator, a selection and a limit instead.
const stats = (n) => (1 - Math.tanh(n - 5)) / 2;

export function evaluate({ x, y }) {
  const xsec = 12 * Math.exp(-x / 2) + 0.1 * Math.cos(10 * y + 1) + 0.2 * Math.cos(15 * x);
  const eff = Math.tanh(1.3 * x - y + 1);
  return { f: 3 * (Math.log(stats(xsec * eff)) - Math.log(0.05)) };
}
