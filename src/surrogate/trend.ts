/**
 * Ordinary least squares of y on [1, x′] (x′ the unit-box inputs): the linear trend of a GP's prior
 * mean. Normal equations (HᵀH + λI)β = Hᵀy with a tiny ridge λ on the slopes for stability.
 */
import { linalg } from '../numeric/linalg/backend.ts';
import { cholesky } from '../numeric/linalg/cholesky.ts';
import { matrix } from '../numeric/linalg/matrix.ts';

export function linearTrend(xModel: Float64Array, y: Float64Array, d: number): { intercept: number; slopes: number[]; residuals: Float64Array } {
  const n = y.length;
  const p = d + 1;
  const a = new Float64Array(p * p);
  const b = new Float64Array(p);
  const row = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    row[0] = 1;
    for (let j = 0; j < d; j++) row[1 + j] = xModel[i * d + j];
    for (let r = 0; r < p; r++) {
      b[r] += row[r] * y[i];
      for (let c = 0; c < p; c++) a[r * p + c] += row[r] * row[c];
    }
  }
  for (let j = 1; j < p; j++) a[j * p + j] += 1e-10 * n;
  const l = cholesky(matrix(p, p, a), { what: 'linear-trend normal equations' }).factor.data;
  linalg().trsm(l, p, b, 1, false);
  linalg().trsm(l, p, b, 1, true);
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let m = b[0];
    for (let j = 0; j < d; j++) m += b[1 + j] * xModel[i * d + j];
    residuals[i] = y[i] - m;
  }
  return { intercept: b[0], slopes: Array.from(b.subarray(1)), residuals };
}
