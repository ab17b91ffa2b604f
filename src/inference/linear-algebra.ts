/**
 * Inverse of a small dense matrix by Gauss–Jordan elimination with partial pivoting (row-major, n × n).
 * Used for the fit covariance (n ≲ 100). Returns null when the matrix is singular to working precision.
 */
export function invertSymmetric(a: Float64Array, n: number): Float64Array | null {
  const w = Float64Array.from(a);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(a[i]));
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(w[r * n + c]) > Math.abs(w[pivot * n + c])) pivot = r;
    const pv = w[pivot * n + c];
    if (!(Math.abs(pv) > 1e-14 * scale)) return null;
    if (pivot !== c) {
      for (let k = 0; k < n; k++) {
        [w[c * n + k], w[pivot * n + k]] = [w[pivot * n + k], w[c * n + k]];
        [inv[c * n + k], inv[pivot * n + k]] = [inv[pivot * n + k], inv[c * n + k]];
      }
    }
    for (let k = 0; k < n; k++) {
      w[c * n + k] /= pv;
      inv[c * n + k] /= pv;
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = w[r * n + c];
      if (f === 0) continue;
      for (let k = 0; k < n; k++) {
        w[r * n + k] -= f * w[c * n + k];
        inv[r * n + k] -= f * inv[c * n + k];
      }
    }
  }
  return inv;
}
