/**
 * The truth grid of a problem: its noise-free functions on a regular grid over the parameter box,
 * the reference the metrics (src/active-learning/metrics.ts) compare a surrogate's mean against.
 */
import type { Parameter, Problem } from '../../src/active-learning/problem.ts';
import { QuarryError } from '../../src/errors.ts';

export interface TruthGrid {
  /** N × d, row-major (point i is points[i·d … i·d + d − 1]), in the problem's units. */
  points: Float64Array;
  /** One array of N values per function; NaN at invalid points (they are never evaluated). */
  values: Float64Array[];
  /** N entries: 1 = valid, 0 = removed by `problem.invalid`. */
  mask: Uint8Array;
  dimension: number;
  /** Points per dimension; N = pointsPerDim^d. */
  pointsPerDim: number;
  /**
   * The volume one grid point stands for, as a fraction of the whole parameter box mapped to the unit
   * box (log-scaled axes mapped in ln x): 1/N, counting invalid points too. So a count of points times
   * cellVolume is a fraction of the box, and the valid region has volume validFraction.
   */
  cellVolume: number;
  /** N_valid / N: the fraction of the box that is valid (1 without `problem.invalid`). */
  validFraction: number;
}

/** Largest grid accepted (points × dimension × 8 bytes must fit comfortably in memory). */
const MAX_POINTS = 20_000_000;
const CHUNK = 1 << 16;

/**
 * The n grid coordinates of one parameter, both ends included: lower + (upper − lower)·i/(n − 1),
 * or for a log-scaled parameter exp of that in ln x. The ends are exactly lower and upper.
 */
export function gridAxis(parameter: Parameter, n: number): Float64Array {
  const out = new Float64Array(n);
  const log = parameter.scale === 'log';
  const lo = log ? Math.log(parameter.lower) : parameter.lower;
  const hi = log ? Math.log(parameter.upper) : parameter.upper;
  for (let i = 0; i < n; i++) {
    const u = lo + ((hi - lo) * i) / (n - 1);
    out[i] = log ? Math.exp(u) : u;
  }
  out[0] = parameter.lower;
  out[n - 1] = parameter.upper;
  return out;
}

/**
 * Evaluates every function of `problem` on the grid of `pointsPerDim` points per dimension (default
 * `problem.truthGrid`, else about 10⁵ points in all). The first parameter varies fastest: grid index
 * (i_1, …, i_d) is point i_1 + n·i_2 + n²·i_3 + …, so in 2D `values[f]` is the row-major
 * `Grid2D.values` of src/contour (row j holds y[j]). Points are generated and evaluated in chunks.
 * Noise (`problem.noise`) is not added: this is the truth.
 */
export function truthGrid(problem: Problem, pointsPerDim?: number): TruthGrid {
  const d = problem.parameters.length;
  const n = pointsPerDim ?? problem.truthGrid ?? Math.max(2, Math.floor(Math.pow(100_000, 1 / d)));
  if (!Number.isInteger(n) || n < 2) {
    throw new QuarryError('INVALID_ARGUMENT', `truth grid of problem "${problem.name}": ${n} points per dimension is not an integer ≥ 2`, 'pass pointsPerDim (--grid) as an integer of at least 2');
  }
  const total = Math.pow(n, d);
  if (d === 0 || total > MAX_POINTS) {
    throw new QuarryError('INVALID_ARGUMENT', `truth grid of problem "${problem.name}": ${n}^${d} = ${total} points (at most ${MAX_POINTS})`, `lower pointsPerDim (--grid) to at most ${Math.floor(Math.pow(MAX_POINTS, 1 / Math.max(d, 1)))}`);
  }
  const axes = problem.parameters.map((p) => gridAxis(p, n));
  const names = problem.parameters.map((p) => p.name);
  const points = new Float64Array(total * d);
  const values = problem.functions.map(() => new Float64Array(total));
  const mask = new Uint8Array(total);
  const index = new Int32Array(d); // odometer: the multi-index of the current point, first axis fastest
  let valid = 0;
  for (let start = 0; start < total; start += CHUNK) {
    const end = Math.min(total, start + CHUNK);
    for (let i = start; i < end; i++) {
      const x: Record<string, number> = {};
      for (let k = 0; k < d; k++) {
        const v = axes[k][index[k]];
        points[i * d + k] = v;
        x[names[k]] = v;
      }
      for (let k = 0; k < d && ++index[k] === n; k++) index[k] = 0;
      if (problem.invalid?.(x)) {
        for (const column of values) column[i] = NaN;
        continue;
      }
      mask[i] = 1;
      valid++;
      for (let f = 0; f < values.length; f++) values[f][i] = evaluate(problem, f, x);
    }
  }
  return { points, values, mask, dimension: d, pointsPerDim: n, cellVolume: 1 / total, validFraction: valid / total };
}

function evaluate(problem: Problem, f: number, x: Record<string, number>): number {
  const v = problem.functions[f](x);
  if (typeof v !== 'number' || Number.isNaN(v)) {
    throw new QuarryError('INVALID_INPUT', `problem "${problem.name}": functions[${f}] returned ${String(v)} at ${JSON.stringify(x)}`, 'return a number at every valid point, or mark the point invalid with problem.invalid');
  }
  return v;
}
