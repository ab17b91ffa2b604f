/**
 * Cholesky factorisation with jitter escalation, for kernel matrices that are positive definite in
 * exact arithmetic but not always in floating point (near-duplicate inputs, tiny noise).
 */
import { QuarryError } from '../../errors.ts';
import { linalg } from './backend.ts';
import { matrix, type Matrix } from './matrix.ts';

export interface CholeskyOptions {
  /** Jitter added to the diagonal on the first retry, relative to the mean diagonal (default 1e-10). */
  initialJitter?: number;
  /** Retries, each with 10× the jitter of the one before (default 6). Zero disables escalation. */
  maxTries?: number;
  /** What is being factorised, for the error message (default "matrix"). */
  what?: string;
}

export interface CholeskyResult {
  /** The lower-triangular factor L with A + jitter·I = L Lᵀ (strict upper triangle zero). */
  factor: Matrix;
  /** The absolute jitter that was added to the diagonal (0 when none was needed). */
  jitter: number;
}

/** Factorises the symmetric n × n matrix A = L Lᵀ, adding diagonal jitter if it is not numerically PD. */
export function cholesky(a: Matrix, options: CholeskyOptions = {}): CholeskyResult {
  const n = a.rows;
  if (a.cols !== n) throw new RangeError(`cholesky: matrix must be square, got ${a.rows}x${a.cols}`);
  const maxTries = options.maxTries ?? 6;
  let meanDiag = 0;
  for (let i = 0; i < n; i++) meanDiag += a.data[i * n + i];
  meanDiag = n > 0 ? Math.abs(meanDiag / n) : 1;
  if (!(meanDiag > 0) || !Number.isFinite(meanDiag)) meanDiag = 1;
  let jitter = 0;
  let failedAt = -1;
  for (let attempt = 0; attempt <= maxTries; attempt++) {
    const work = a.data.slice();
    if (jitter > 0) for (let i = 0; i < n; i++) work[i * n + i] += jitter;
    failedAt = linalg().potrf(work, n);
    if (failedAt < 0) return { factor: matrix(n, n, work), jitter };
    jitter = jitter === 0 ? (options.initialJitter ?? 1e-10) * meanDiag : jitter * 10;
  }
  const what = options.what ?? 'matrix';
  throw new QuarryError(
    'NOT_POSITIVE_DEFINITE',
    `${what} (${n}x${n}) is not positive definite: pivot ${failedAt} failed even with diagonal jitter ${jitter / 10}`,
    'remove duplicate or near-duplicate points, or allow (more) observation noise',
  );
}
