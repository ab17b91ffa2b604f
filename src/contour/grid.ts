import { QuarryError } from '../errors.ts';

/**
 * A scalar field sampled on a regular (rectilinear) 2D grid.
 * `values[j * nx + i]` is the value at (`x[i]`, `y[j]`); `x` and `y` are strictly increasing.
 */
export interface Grid2D {
  nx: number;
  ny: number;
  /** nx coordinates, strictly increasing. */
  x: Float64Array;
  /** ny coordinates, strictly increasing. */
  y: Float64Array;
  /** nx × ny values, row-major (row j holds y[j]). NaN means "no value". */
  values: Float64Array;
}

function checkAxis(name: 'x' | 'y', n: number, coords: Float64Array): void {
  if (!Number.isInteger(n) || n < 2) {
    throw new QuarryError('INVALID_ARGUMENT', `grid n${name} = ${n} is not an integer ≥ 2`, `sample at least two points along ${name}`);
  }
  if (!(coords instanceof Float64Array) || coords.length !== n) {
    throw new QuarryError(
      'INVALID_ARGUMENT',
      `grid.${name} has ${coords?.length ?? 'no'} coordinates but n${name} = ${n}`,
      `pass a Float64Array of n${name} coordinates as grid.${name}`,
    );
  }
  for (let k = 0; k < n; k++) {
    if (!Number.isFinite(coords[k]) || (k > 0 && !(coords[k] > coords[k - 1]))) {
      throw new QuarryError(
        'INVALID_ARGUMENT',
        `grid.${name}[${k}] = ${coords[k]} is not finite and strictly greater than grid.${name}[${k - 1}]`,
        `give grid.${name} finite, strictly increasing coordinates (reverse the axis and its rows if they decrease)`,
      );
    }
  }
}

/** Throws INVALID_ARGUMENT unless `grid` is a well-formed Grid2D. */
export function validateGrid(grid: Grid2D): void {
  checkAxis('x', grid.nx, grid.x);
  checkAxis('y', grid.ny, grid.y);
  if (!(grid.values instanceof Float64Array) || grid.values.length !== grid.nx * grid.ny) {
    throw new QuarryError(
      'INVALID_ARGUMENT',
      `grid.values has ${grid.values?.length ?? 'no'} entries but nx × ny = ${grid.nx * grid.ny}`,
      'pass the values row-major as a Float64Array of length nx * ny (values[j * nx + i] at (x[i], y[j]))',
    );
  }
}

/** Throws INVALID_ARGUMENT unless `t` is a number other than NaN. */
export function validateThreshold(t: number): void {
  if (typeof t !== 'number' || Number.isNaN(t)) {
    throw new QuarryError('INVALID_ARGUMENT', `contour threshold ${String(t)} is not a number`, 'pass a numeric threshold t; the region is {f < t}');
  }
}
