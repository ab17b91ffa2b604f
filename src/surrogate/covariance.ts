/**
 * Kernel-matrix assembly for stationary kernels: k(a, b) = A · shape(Σ_j ((a_j − b_j)/ℓ_j)²).
 * Inputs are row-major Float64Array (count × d) already in model coordinates.
 */
import { linalg } from '../numeric/linalg/backend.ts';
import type { KernelShape } from './kernels/index.ts';

/** Divides every coordinate by its length scale, so r² becomes a plain squared distance. */
export function scaleByLengthScales(x: Float64Array, d: number, lengthScales: ArrayLike<number>): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i += d) for (let j = 0; j < d; j++) out[i + j] = x[i + j] / lengthScales[j];
  return out;
}

/**
 * Cross-covariance K(a, b) laid out with a's points as rows: out[i·nb + c] = A·k(|a_i − b_c|²),
 * where a and b are already divided by the length scales. Shape (na × nb). Assembled by the linalg
 * backend (vectorised exp, both threads for large blocks).
 */
export function crossCovariance(
  shape: KernelShape, amplitude: number, a: Float64Array, b: Float64Array, d: number,
  out: Float64Array = new Float64Array((a.length / d) * (b.length / d)),
): Float64Array {
  linalg().kernelMatrix(shape.name, amplitude, a, b, d, out);
  return out;
}

/** The symmetric training covariance K = A·k(X, X) + diagonal·I, shape (n × n), both triangles filled. */
export function trainingCovariance(shape: KernelShape, amplitude: number, xs: Float64Array, d: number, diagonal: number): Float64Array {
  const n = xs.length / d;
  const k = new Float64Array(n * n);
  linalg().kernelMatrix(shape.name, amplitude, xs, xs, d, k);
  // k(0) = 1 exactly, so the diagonal is A + diagonal as before
  for (let i = 0; i < n; i++) k[i * n + i] = amplitude + diagonal;
  return k;
}
