/**
 * 2D slices of an nD function: evaluate f on an nx × ny grid over coordinates i and j, with the other
 * coordinates held fixed, in chunks so memory stays bounded (ARCHITECTURE.md §3).
 */
import { QuarryError } from '../errors.ts';
import type { Grid2D } from './grid.ts';

export interface SliceDims {
  /** Dimension of the function's input. */
  d: number;
  /** Coordinate along the grid's x axis (0-based). */
  i: number;
  /** Coordinate along the grid's y axis (0-based, ≠ i). */
  j: number;
  /** Lower bounds of all d coordinates; the slice spans [lower[i], upper[i]] × [lower[j], upper[j]]. */
  lower: readonly number[];
  /** Upper bounds of all d coordinates. */
  upper: readonly number[];
  /** Values of the other coordinates: either d − 2 numbers (in coordinate order, skipping i and j) or a full d-point whose entries i and j are ignored. */
  fixed: readonly number[];
  nx: number;
  ny: number;
}

export interface SliceOptions {
  /** Points per call to `evaluate` (default 16384). */
  chunkSize?: number;
}

/** Evaluates m points (m × d, row-major) to m values. */
export type Evaluate = (points: Float64Array) => Float64Array;

function fail(message: string, hint: string): never {
  throw new QuarryError('INVALID_ARGUMENT', message, hint);
}

/** n evenly spaced points from a to b, with both ends exact. */
function linspace(a: number, b: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = a + ((b - a) * k) / (n - 1);
  out[n - 1] = b;
  return out;
}

/** The full d-point template of the slice: the fixed coordinates filled in, i and j left to the grid. */
function basePoint(dims: SliceDims): Float64Array {
  const { d, i, j, fixed } = dims;
  const base = new Float64Array(d);
  if (fixed.length === d) {
    base.set(fixed);
  } else if (fixed.length === d - 2) {
    let k = 0;
    for (let c = 0; c < d; c++) if (c !== i && c !== j) base[c] = fixed[k++];
  } else {
    fail(`slice fixed has ${fixed.length} values but d = ${d}`, `give ${d - 2} values (the coordinates other than ${i} and ${j}) or a full point of ${d}`);
  }
  for (let c = 0; c < d; c++) {
    if (c !== i && c !== j && !Number.isFinite(base[c])) fail(`slice fixed value for coordinate ${c} is ${base[c]}`, 'give finite values for the fixed coordinates');
  }
  return base;
}

function checkDims(dims: SliceDims): void {
  const { d, i, j, lower, upper, nx, ny } = dims;
  if (!Number.isInteger(d) || d < 2) fail(`slice d = ${d} is not an integer ≥ 2`, 'a 2D slice needs a function of at least two coordinates');
  for (const [name, c] of [['i', i], ['j', j]] as const) {
    if (!Number.isInteger(c) || c < 0 || c >= d) fail(`slice ${name} = ${c} is not a coordinate index in 0..${d - 1}`, `pick ${name} between 0 and ${d - 1}`);
  }
  if (i === j) fail(`slice i and j are both ${i}`, 'pick two different coordinates for the x and y axes');
  if (lower.length !== d || upper.length !== d) fail(`slice lower/upper have ${lower.length}/${upper.length} values but d = ${d}`, `give bounds for all ${d} coordinates`);
  for (const c of [i, j]) {
    if (!(Number.isFinite(lower[c]) && Number.isFinite(upper[c]) && lower[c] < upper[c])) {
      fail(`slice bounds of coordinate ${c} are [${lower[c]}, ${upper[c]}]`, 'give finite bounds with lower < upper');
    }
  }
  for (const [name, n] of [['nx', nx], ['ny', ny]] as const) {
    if (!Number.isInteger(n) || n < 2) fail(`slice ${name} = ${n} is not an integer ≥ 2`, `sample at least two points along each axis`);
  }
}

/**
 * Evaluates `evaluate` on the nx × ny grid spanning coordinates i (x) and j (y) of [lower, upper], the
 * other coordinates fixed, and returns it as a Grid2D (values[b·nx + a] = f at x[a], y[b]).
 * `evaluate` receives chunks of at most `chunkSize` points, m × d row-major, and must return m values.
 */
export function slice2d(evaluate: Evaluate, dims: SliceDims, options: SliceOptions = {}): Grid2D {
  checkDims(dims);
  const { d, i, j, lower, upper, nx, ny } = dims;
  const chunkSize = options.chunkSize ?? 16384;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) fail(`slice chunkSize = ${chunkSize} is not a positive integer`, 'pass chunkSize ≥ 1');
  const base = basePoint(dims);
  const x = linspace(lower[i], upper[i], nx);
  const y = linspace(lower[j], upper[j], ny);
  const total = nx * ny;
  const values = new Float64Array(total);
  const buffer = new Float64Array(Math.min(chunkSize, total) * d);
  for (let start = 0; start < total; start += chunkSize) {
    const m = Math.min(chunkSize, total - start);
    const points = m * d === buffer.length ? buffer : buffer.subarray(0, m * d);
    for (let r = 0; r < m; r++) {
      const k = start + r;
      points.set(base, r * d);
      points[r * d + i] = x[k % nx];
      points[r * d + j] = y[Math.floor(k / nx)];
    }
    const out = evaluate(points);
    if (out.length !== m) {
      throw new QuarryError('INVALID_INPUT', `slice evaluate returned ${out.length} values for ${m} points`, 'return one value per point (a Float64Array of length m for m × d points)');
    }
    values.set(out, start);
  }
  return { nx, ny, x, y, values };
}
