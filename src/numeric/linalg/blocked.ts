/**
 * Cache-blocked plain-TypeScript kernels: the fallback backend when the WebAssembly build is missing.
 * Same contracts as reference.ts (row-major Float64Array); about 3–5 GFLOP/s on one core.
 */
import type { LinalgBackend } from './backend.ts';
import { kernelGradientTermsBlocked, kernelMatrixBlocked } from './stationary-blocked.ts';
import { stationaryLikelihoodComposed } from './stationary-likelihood.ts';

/** Block size of the right-looking Cholesky (columns per panel). */
const NB = 64;
/** Right-hand sides swept together by trsm (the packed block stays in L2). */
const RHS_BLOCK = 96;
/** gemm cache blocks: rows of A, depth, columns of B. */
const GEMM_MB = 64;
const GEMM_KB = 128;
const GEMM_NB = 512;

/**
 * Unblocked Cholesky of the diagonal block a[k0:k1, k0:k1] (the trailing updates from earlier panels are
 * already applied). Returns the failing pivot index or -1.
 */
function factorDiagonal(a: Float64Array, n: number, k0: number, k1: number): number {
  for (let j = k0; j < k1; j++) {
    const rj = j * n;
    let d = a[rj + j];
    for (let p = k0; p < j; p++) d -= a[rj + p] * a[rj + p];
    if (!(d > 0)) return j;
    const ljj = Math.sqrt(d);
    a[rj + j] = ljj;
    const inv = 1 / ljj;
    for (let i = j + 1; i < k1; i++) {
      const ri = i * n;
      let s = a[ri + j];
      for (let p = k0; p < j; p++) s -= a[ri + p] * a[rj + p];
      a[ri + j] = s * inv;
    }
  }
  return -1;
}

/** Panel solve: rows i ≥ k1 of columns k0:k1 become A[i, k0:k1] · L[k0:k1, k0:k1]⁻ᵀ. */
function solvePanel(a: Float64Array, n: number, k0: number, k1: number): void {
  for (let i = k1; i < n; i++) {
    const ri = i * n;
    for (let j = k0; j < k1; j++) {
      const rj = j * n;
      let s = a[ri + j];
      for (let p = k0; p < j; p++) s -= a[ri + p] * a[rj + p];
      a[ri + j] = s / a[rj + j];
    }
  }
}

/** Trailing update A[i, j] -= Σ_p A[i, p] A[j, p] for k1 ≤ j ≤ i < n, p in [k0, k1), in 2 × 2 register tiles. */
function updateTrailing(a: Float64Array, n: number, k0: number, k1: number): void {
  let i = k1;
  for (; i + 1 < n; i += 2) {
    const r0 = i * n;
    const r1 = r0 + n;
    let j = k1;
    for (; j + 1 <= i; j += 2) {
      const s0 = j * n;
      const s1 = s0 + n;
      let c00 = 0, c01 = 0, c10 = 0, c11 = 0;
      for (let p = k0; p < k1; p++) {
        const x0 = a[r0 + p], x1 = a[r1 + p], y0 = a[s0 + p], y1 = a[s1 + p];
        c00 += x0 * y0; c01 += x0 * y1; c10 += x1 * y0; c11 += x1 * y1;
      }
      a[r0 + j] -= c00; a[r0 + j + 1] -= c01; a[r1 + j] -= c10; a[r1 + j + 1] -= c11;
    }
    // j === i here (i - k1 is even): the 2 × 2 diagonal tile, lower part only.
    const s0 = i * n;
    let c00 = 0, c10 = 0, c11 = 0;
    for (let p = k0; p < k1; p++) {
      const x0 = a[r0 + p], x1 = a[r1 + p];
      c00 += x0 * x0; c10 += x1 * x0; c11 += x1 * x1;
    }
    a[s0 + i] -= c00; a[r1 + i] -= c10; a[r1 + i + 1] -= c11;
  }
  if (i < n) {
    const r0 = i * n;
    for (let j = k1; j <= i; j++) {
      const s0 = j * n;
      let c = 0;
      for (let p = k0; p < k1; p++) c += a[r0 + p] * a[s0 + p];
      a[r0 + j] -= c;
    }
  }
}

/** Blocked right-looking Cholesky, in place; same contract as potrfReference. */
export function potrfBlocked(a: Float64Array, n: number): number {
  for (let k0 = 0; k0 < n; k0 += NB) {
    const k1 = Math.min(n, k0 + NB);
    const failed = factorDiagonal(a, n, k0, k1);
    if (failed >= 0) return failed;
    if (k1 < n) {
      solvePanel(a, n, k0, k1);
      updateTrailing(a, n, k0, k1);
    }
  }
  for (let i = 0; i < n; i++) a.fill(0, i * n + i + 1, (i + 1) * n);
  return -1;
}

/**
 * Solves T X = W in place for one packed block W (n × w, row-major), where row i of T is t[i*n : i*n+n]
 * restricted to k < i (lower, forward) or k > i (read from the transposed copy, backward).
 */
function solveBlock(t: Float64Array, n: number, w: Float64Array, cols: number, backward: boolean): void {
  const step = backward ? -1 : 1;
  for (let s = 0; s < n; s++) {
    const i = backward ? n - 1 - s : s;
    const ri = i * n;
    const wi = i * cols;
    // Sweep the already-solved rows k (k < i forward, k > i backward) four at a time.
    let k = backward ? n - 1 : 0;
    let left = s;
    for (; left >= 4; left -= 4, k += 4 * step) {
      const l0 = t[ri + k], l1 = t[ri + k + step], l2 = t[ri + k + 2 * step], l3 = t[ri + k + 3 * step];
      const w0 = k * cols, w1 = (k + step) * cols, w2 = (k + 2 * step) * cols, w3 = (k + 3 * step) * cols;
      for (let c = 0; c < cols; c++) w[wi + c] -= l0 * w[w0 + c] + l1 * w[w1 + c] + l2 * w[w2 + c] + l3 * w[w3 + c];
    }
    for (; left > 0; left--, k += step) {
      const l0 = t[ri + k];
      const w0 = k * cols;
      for (let c = 0; c < cols; c++) w[wi + c] -= l0 * w[w0 + c];
    }
    const inv = 1 / t[ri + i];
    for (let c = 0; c < cols; c++) w[wi + c] *= inv;
  }
}

/** Triangular solve with many right-hand sides, swept in packed blocks of RHS_BLOCK columns. */
export function trsmBlocked(l: Float64Array, n: number, b: Float64Array, m: number, transpose: boolean): void {
  if (n === 0 || m === 0) return;
  let t = l;
  if (transpose) {
    // Row i of Lᵀ holds L[k, i]: contiguous access for the backward sweep.
    t = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let k = i; k < n; k++) t[i * n + k] = l[k * n + i];
  }
  const w = new Float64Array(n * Math.min(m, RHS_BLOCK));
  for (let c0 = 0; c0 < m; c0 += RHS_BLOCK) {
    const cols = Math.min(RHS_BLOCK, m - c0);
    for (let i = 0; i < n; i++) w.set(b.subarray(i * m + c0, i * m + c0 + cols), i * cols);
    solveBlock(t, n, w, cols, transpose);
    for (let i = 0; i < n; i++) b.set(w.subarray(i * cols, (i + 1) * cols), i * m + c0);
  }
}

/** C ← alpha·A·B + beta·C, cache-blocked i-k-j loops; same contract as gemmReference. */
export function gemmBlocked(
  r: number, c: number, k: number, alpha: number,
  a: Float64Array, b: Float64Array, beta: number, out: Float64Array,
): void {
  const size = r * c;
  if (beta === 0) out.fill(0, 0, size);
  else if (beta !== 1) for (let i = 0; i < size; i++) out[i] *= beta;
  if (alpha === 0) return;
  for (let j0 = 0; j0 < c; j0 += GEMM_NB) {
    const j1 = Math.min(c, j0 + GEMM_NB);
    for (let p0 = 0; p0 < k; p0 += GEMM_KB) {
      const p1 = Math.min(k, p0 + GEMM_KB);
      for (let i0 = 0; i0 < r; i0 += GEMM_MB) {
        const i1 = Math.min(r, i0 + GEMM_MB);
        for (let i = i0; i < i1; i++) {
          const ri = i * k;
          const ci = i * c;
          let p = p0;
          for (; p + 1 < p1; p += 2) {
            const x0 = alpha * a[ri + p], x1 = alpha * a[ri + p + 1];
            const b0 = p * c, b1 = b0 + c;
            for (let j = j0; j < j1; j++) out[ci + j] += x0 * b[b0 + j] + x1 * b[b1 + j];
          }
          if (p < p1) {
            const x0 = alpha * a[ri + p];
            const b0 = p * c;
            for (let j = j0; j < j1; j++) out[ci + j] += x0 * b[b0 + j];
          }
        }
      }
    }
  }
}

/**
 * (L Lᵀ)⁻¹ from the lower factor L (n × n): X = L⁻¹ row by row (row i of X is (e_i − Σ_{k<i} L_ik X_k)/L_ii,
 * swept as contiguous axpys over the rows of X), then the lower triangle of Xᵀ X by rank-one updates
 * with the rows of X (X_ki X_kj, j ≤ i ≤ k). n³/3 + n³/3 flops. Returns the full symmetric inverse.
 */
export function potriBlocked(l: Float64Array, n: number): Float64Array {
  const x = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let k = 0; k < i; k++) {
      const lik = l[ri + k];
      if (lik === 0) continue;
      const rk = k * n;
      for (let j = 0; j <= k; j++) x[ri + j] -= lik * x[rk + j];
    }
    x[ri + i] += 1;
    const inv = 1 / l[ri + i];
    for (let j = 0; j <= i; j++) x[ri + j] *= inv;
  }
  const out = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const rk = k * n;
    for (let i = 0; i <= k; i++) {
      const xki = x[rk + i];
      if (xki === 0) continue;
      const ri = i * n;
      for (let j = 0; j <= i; j++) out[ri + j] += xki * x[rk + j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) out[j * n + i] = out[i * n + j];
  return out;
}

export const blockedBackend: LinalgBackend = {
  name: 'blocked',
  potrf: potrfBlocked,
  trsm: trsmBlocked,
  gemm: gemmBlocked,
  potri: potriBlocked,
  kernelMatrix: kernelMatrixBlocked,
  kernelGradientTerms: kernelGradientTermsBlocked,
  stationaryLikelihood: (kind, amplitude, xs, d, diagonal, y, gradient) => stationaryLikelihoodComposed(blockedBackend, kind, amplitude, xs, d, diagonal, y, gradient),
};
