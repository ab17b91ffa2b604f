/**
 * Plain, unblocked reference kernels. They are the ground truth every fast kernel is tested against;
 * nothing on a hot path should call them. All matrices are row-major Float64Array.
 */

/**
 * Cholesky A = L Lᵀ of the n × n symmetric matrix in `a` (lower triangle read), in place: on return the
 * lower triangle holds L and the strict upper triangle is zeroed. Returns -1 on success, else the index
 * of the first non-positive pivot (a is then partially overwritten).
 */
export function potrfReference(a: Float64Array, n: number): number {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
    if (!(d > 0)) return j;
    const ljj = Math.sqrt(d);
    a[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / ljj;
    }
  }
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) a[i * n + j] = 0;
  return -1;
}

/**
 * Solves L X = B (transpose = false) or Lᵀ X = B (transpose = true) in place of B, with L the n × n
 * lower-triangular factor and B an n × m row-major block of m right-hand sides (one per column).
 */
export function trsmReference(l: Float64Array, n: number, b: Float64Array, m: number, transpose: boolean): void {
  if (!transpose) {
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < i; k++) {
        const lik = l[i * n + k];
        for (let c = 0; c < m; c++) b[i * m + c] -= lik * b[k * m + c];
      }
      const inv = 1 / l[i * n + i];
      for (let c = 0; c < m; c++) b[i * m + c] *= inv;
    }
  } else {
    for (let i = n - 1; i >= 0; i--) {
      for (let k = i + 1; k < n; k++) {
        const lki = l[k * n + i];
        for (let c = 0; c < m; c++) b[i * m + c] -= lki * b[k * m + c];
      }
      const inv = 1 / l[i * n + i];
      for (let c = 0; c < m; c++) b[i * m + c] *= inv;
    }
  }
}

/** C ← alpha·A·B + beta·C with A (r × k), B (k × c), C (r × c), all row-major. */
export function gemmReference(
  r: number, c: number, k: number, alpha: number,
  a: Float64Array, b: Float64Array, beta: number, out: Float64Array,
): void {
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * c + j];
      out[i * c + j] = alpha * s + (beta === 0 ? 0 : beta * out[i * c + j]);
    }
  }
}

/**
 * (L Lᵀ)⁻¹ for the n × n lower-triangular factor L: X = L⁻¹ by forward substitution, then Xᵀ X.
 * Returns the full symmetric n × n inverse, row-major.
 */
export function potriReference(l: Float64Array, n: number): Float64Array {
  const x = new Float64Array(n * n);
  for (let i = 0; i < n; i++) x[i * n + i] = 1;
  trsmReference(l, n, x, n, false);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += x[k * n + i] * x[k * n + j];
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return out;
}
