/**
 * The small linear-algebra interface the GP runs on. Every backend computes the same thing as the
 * reference kernels in reference.ts; `linalg()` returns the fastest one available on this machine.
 */
import { gemmReference, potrfReference, trsmReference } from './reference.ts';

export interface LinalgBackend {
  readonly name: string;
  /** In-place lower Cholesky of the n × n row-major matrix; -1 on success, else the failing pivot index. */
  potrf(a: Float64Array, n: number): number;
  /** In place of B (n × m, row-major): solve L X = B, or Lᵀ X = B when `transpose`. */
  trsm(l: Float64Array, n: number, b: Float64Array, m: number, transpose: boolean): void;
  /** C ← alpha·A·B + beta·C with A (r × k), B (k × c), C (r × c). */
  gemm(r: number, c: number, k: number, alpha: number, a: Float64Array, b: Float64Array, beta: number, out: Float64Array): void;
}

export const referenceBackend: LinalgBackend = {
  name: 'reference',
  potrf: potrfReference,
  trsm: trsmReference,
  gemm: gemmReference,
};

let active: LinalgBackend = referenceBackend;

/** The backend in use. */
export function linalg(): LinalgBackend {
  return active;
}

/** Chooses the backend (tests and benchmarks compare backends this way). Returns the previous one. */
export function useLinalgBackend(backend: LinalgBackend): LinalgBackend {
  const previous = active;
  active = backend;
  return previous;
}
