/**
 * The linear algebra of a stationary GP's log marginal likelihood in one call (R&W 2006 eqs. 2.30, 5.9):
 *
 *   K = A·k(xs, xs) + diagonal·I = L Lᵀ,   α = K⁻¹y,   quad = yᵀK⁻¹y,   logDet = Σ_i ln L_ii
 *   W = ααᵀ − K⁻¹,   traceW = tr W,   terms = kernelGradientTerms(W)   (the gradient's trace sums)
 *
 * `stationaryLikelihoodComposed` builds it from a backend's separate kernels (kernelMatrix, potrf, two
 * trsm, potri, kernelGradientTerms): the reference every fused implementation is tested against.
 */
import type { StationaryKind } from './stationary.ts';

export interface StationaryLikelihoodTerms {
  /** -1 when K is numerically positive definite, else the failing pivot (quad and logDet are then NaN). */
  failedPivot: number;
  /** yᵀK⁻¹y. */
  quad: number;
  /** Σ ln L_ii = ½ ln det K. */
  logDet: number;
  /** With the gradient: tr W and the sums of kernelGradientTerms over W (d + 1 values); else null. */
  gradient: { traceW: number; terms: Float64Array } | null;
}

/** The kernels the composed likelihood is built from (a LinalgBackend has them all). */
export interface LikelihoodKernels {
  potrf(a: Float64Array, n: number): number;
  trsm(l: Float64Array, n: number, b: Float64Array, m: number, transpose: boolean): void;
  potri(l: Float64Array, n: number): Float64Array;
  kernelMatrix(kind: StationaryKind, amplitude: number, a: Float64Array, b: Float64Array, d: number, out: Float64Array): void;
  kernelGradientTerms(kind: StationaryKind, amplitude: number, xs: Float64Array, d: number, w: Float64Array, out: Float64Array): void;
}

/**
 * The likelihood terms for points xs (n × d, divided by the length scales) and targets y (n) from the
 * separate kernels of `b`. The diagonal of K is exactly amplitude + diagonal (k(0) = 1).
 */
export function stationaryLikelihoodComposed(
  b: LikelihoodKernels, kind: StationaryKind, amplitude: number, xs: Float64Array, d: number,
  diagonal: number, y: Float64Array, gradient: boolean,
): StationaryLikelihoodTerms {
  const n = y.length;
  const l = new Float64Array(n * n);
  b.kernelMatrix(kind, amplitude, xs, xs, d, l);
  for (let i = 0; i < n; i++) l[i * n + i] = amplitude + diagonal;
  const failedPivot = b.potrf(l, n);
  if (failedPivot >= 0) return { failedPivot, quad: NaN, logDet: NaN, gradient: null };
  const alpha = y.slice();
  b.trsm(l, n, alpha, 1, false);
  let quad = 0;
  for (let i = 0; i < n; i++) quad += alpha[i] * alpha[i];
  b.trsm(l, n, alpha, 1, true);
  let logDet = 0;
  for (let i = 0; i < n; i++) logDet += Math.log(l[i * n + i]);
  if (!gradient) return { failedPivot, quad, logDet, gradient: null };
  const w = b.potri(l, n);
  let traceW = 0;
  for (let a = 0; a < n; a++) {
    const row = a * n;
    for (let c = 0; c <= a; c++) w[row + c] = alpha[a] * alpha[c] - w[row + c];
    traceW += w[row + a];
  }
  const terms = new Float64Array(d + 1);
  b.kernelGradientTerms(kind, amplitude, xs, d, w, terms);
  return { failedPivot, quad, logDet, gradient: { traceW, terms } };
}
