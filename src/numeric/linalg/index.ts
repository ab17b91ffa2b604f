/** Dense float64 linear algebra: matrices, the backend interface and Cholesky with jitter escalation. */
export { matrix, identity, fromRows, toRows, transpose, clone, type Matrix } from './matrix.ts';
export { linalg, useLinalgBackend, type LinalgBackend } from './backend.ts';
export { cholesky, type CholeskyOptions, type CholeskyResult } from './cholesky.ts';
export { STATIONARY_KINDS, type StationaryKind } from './stationary.ts';
