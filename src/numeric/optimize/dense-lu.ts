/**
 * LU factorisation with partial pivoting for the small dense systems of L-BFGS-B (at most 2m × 2m).
 *
 * The middle matrix of the compact L-BFGS representation is symmetric but indefinite, so Cholesky
 * does not apply; Gaussian elimination with row pivoting (Golub & Van Loan, Alg. 3.4.1) is enough at
 * this size. Row-major storage in one Float64Array.
 *
 * Reference: Byrd, Lu, Nocedal, Zhu 1995, §3 (the 2m × 2m middle matrix M).
 */

export interface DenseLu {
  /** Order of the matrix. */
  n: number;
  /** L (unit lower, below the diagonal) and U (on and above it), row-major n × n. */
  lu: Float64Array;
  /** Row permutation: row i of PA is row piv[i] of A. */
  piv: Int32Array;
}

/** Factorises the n × n row-major matrix a (not modified); returns null when a pivot is zero or not finite. */
export function luFactor(a: Float64Array, n: number): DenseLu | null {
  const lu = a.slice(0, n * n);
  const piv = new Int32Array(n);
  for (let i = 0; i < n; i++) piv[i] = i;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(lu[i]));
  const tiny = scale * n * Number.EPSILON * 1e-3;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(lu[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i * n + k]);
      if (v > best) { best = v; p = i; }
    }
    if (!(best > tiny) || !Number.isFinite(best)) return null;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = lu[k * n + j]; lu[k * n + j] = lu[p * n + j]; lu[p * n + j] = t;
      }
      const t = piv[k]; piv[k] = piv[p]; piv[p] = t;
    }
    const pivot = lu[k * n + k];
    for (let i = k + 1; i < n; i++) {
      const l = (lu[i * n + k] /= pivot);
      if (l !== 0) for (let j = k + 1; j < n; j++) lu[i * n + j] -= l * lu[k * n + j];
    }
  }
  return { n, lu, piv };
}

/** Solves A x = b with a factorisation from luFactor; returns a new array. */
export function luSolve(f: DenseLu, b: ArrayLike<number>): Float64Array {
  const { n, lu, piv } = f;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = b[piv[i]];
  for (let i = 0; i < n; i++) {
    let s = x[i];
    for (let j = 0; j < i; j++) s -= lu[i * n + j] * x[j];
    x[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let j = i + 1; j < n; j++) s -= lu[i * n + j] * x[j];
    x[i] = s / lu[i * n + i];
  }
  return x;
}
