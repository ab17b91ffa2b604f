/**
 * Maps points of the unit cube onto an axis-aligned box: y_{ij} = lower_j + x_{ij} (upper_j − lower_j).
 *
 * points: count × dimension, row-major (as returned by sobolPoints / latinHypercube); lower, upper: length
 * `dimension`. Returns a new Float64Array of the same shape.
 */
import { QuarryError } from '../../errors.ts';

/** Scales unit-cube points onto the box [lower, upper] (a new array; the input is left unchanged). */
export function scaleToBox(
  points: Float64Array,
  dimension: number,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
): Float64Array {
  if (!Number.isInteger(dimension) || dimension < 1 || points.length % dimension !== 0) {
    throw new QuarryError(
      'INVALID_ARGUMENT',
      `scaleToBox: points.length (${points.length}) must be a multiple of dimension (${dimension})`,
      'pass the same dimension the points were generated with',
    );
  }
  if (lower.length !== dimension || upper.length !== dimension) {
    throw new QuarryError(
      'INVALID_ARGUMENT',
      `scaleToBox: lower and upper must have length ${dimension}, got ${lower.length} and ${upper.length}`,
      'give one bound per dimension',
    );
  }
  for (let j = 0; j < dimension; j++) {
    if (!(Number.isFinite(lower[j]) && Number.isFinite(upper[j]) && lower[j] <= upper[j])) {
      throw new QuarryError(
        'INVALID_ARGUMENT',
        `scaleToBox: bounds of dimension ${j} must be finite with lower ≤ upper, got [${lower[j]}, ${upper[j]}]`,
        'swap or fix the bounds of that dimension',
      );
    }
  }
  const out = new Float64Array(points.length);
  for (let i = 0; i < points.length; i += dimension) {
    for (let j = 0; j < dimension; j++) out[i + j] = lower[j] + points[i + j] * (upper[j] - lower[j]);
  }
  return out;
}
