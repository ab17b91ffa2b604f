/**
 * The small linear-algebra interface the GP runs on. Every backend computes the same thing as the
 * reference kernels in reference.ts; `linalg()` returns the fastest one available on this machine:
 * the WebAssembly SIMD kernels when build/linalg.wasm loads, else the blocked TypeScript kernels.
 * QUARRY_LINALG=reference|blocked|wasm forces one.
 */
import { QuarryError, unknownKey } from '../../errors.ts';
import { blockedBackend } from './blocked.ts';
import { gemmReference, potrfReference, potriReference, trsmReference } from './reference.ts';
import { kernelGradientTermsReference, kernelMatrixReference, type StationaryKind } from './stationary.ts';
import { stationaryLikelihoodComposed, type StationaryLikelihoodTerms } from './stationary-likelihood.ts';
import { loadWasmBackend } from './wasm-loader.ts';

export interface LinalgBackend {
  readonly name: string;
  /** In-place lower Cholesky of the n × n row-major matrix; -1 on success, else the failing pivot index. */
  potrf(a: Float64Array, n: number): number;
  /** In place of B (n × m, row-major): solve L X = B, or Lᵀ X = B when `transpose`. */
  trsm(l: Float64Array, n: number, b: Float64Array, m: number, transpose: boolean): void;
  /** C ← alpha·A·B + beta·C with A (r × k), B (k × c), C (r × c). */
  gemm(r: number, c: number, k: number, alpha: number, a: Float64Array, b: Float64Array, beta: number, out: Float64Array): void;
  /** (L Lᵀ)⁻¹ from the n × n lower Cholesky factor L: the full symmetric n × n inverse, row-major (≈ 2n³/3 flops). */
  potri(l: Float64Array, n: number): Float64Array;
  /**
   * Stationary kernel matrix: out[i·nb + c] = amplitude·k(|a_i − b_c|²) for a (na × d) and b (nb × d),
   * row-major and already divided by the length scales (shapes in stationary.ts).
   */
  kernelMatrix(kind: StationaryKind, amplitude: number, a: Float64Array, b: Float64Array, d: number, out: Float64Array): void;
  /**
   * The likelihood-gradient sums over the pairs a > b of xs (n × d, scaled) with weights w (n × n):
   * out[0] = Σ w_ab·A·k(r²_ab), out[1 + j] = Σ w_ab·A·(−2 dk/dr²)(r²_ab)·Δ_abj² (out has d + 1 values).
   */
  kernelGradientTerms(kind: StationaryKind, amplitude: number, xs: Float64Array, d: number, w: Float64Array, out: Float64Array): void;
  /**
   * The GP likelihood's linear algebra in one call (stationary-likelihood.ts): K = A·k(xs, xs) +
   * diagonal·I factorised, yᵀK⁻¹y, Σ ln L_ii and, with `gradient`, tr W and the trace sums of
   * W = ααᵀ − K⁻¹. Equal to stationaryLikelihoodComposed over this backend's kernels.
   */
  stationaryLikelihood(kind: StationaryKind, amplitude: number, xs: Float64Array, d: number, diagonal: number, y: Float64Array, gradient: boolean): StationaryLikelihoodTerms;
}

export const referenceBackend: LinalgBackend = {
  name: 'reference',
  potrf: potrfReference,
  trsm: trsmReference,
  gemm: gemmReference,
  potri: potriReference,
  kernelMatrix: kernelMatrixReference,
  kernelGradientTerms: kernelGradientTermsReference,
  stationaryLikelihood: (kind, amplitude, xs, d, diagonal, y, gradient) => stationaryLikelihoodComposed(referenceBackend, kind, amplitude, xs, d, diagonal, y, gradient),
};

export { blockedBackend };

/** Names QUARRY_LINALG accepts. */
export const LINALG_BACKEND_NAMES = ['reference', 'blocked', 'wasm'] as const;
export type LinalgBackendName = (typeof LINALG_BACKEND_NAMES)[number];

/** The WebAssembly backend, or null when build/linalg.wasm is missing (run `npm run build:wasm`). */
export function wasmBackend(): LinalgBackend | null {
  return loadWasmBackend();
}

/** Every backend that loads here, slowest first (tests and benchmarks compare them). */
export function availableBackends(): LinalgBackend[] {
  const wasm = loadWasmBackend();
  return wasm === null ? [referenceBackend, blockedBackend] : [referenceBackend, blockedBackend, wasm];
}

/** The backend called `name`; throws a QuarryError for an unknown name or a wasm build that is missing. */
export function backendNamed(name: string): LinalgBackend {
  switch (name) {
    case 'reference': return referenceBackend;
    case 'blocked': return blockedBackend;
    case 'wasm': {
      const wasm = loadWasmBackend();
      if (wasm === null) {
        throw new QuarryError('INVALID_ARGUMENT', 'linalg backend "wasm" is not available: build/linalg.wasm is missing or does not load', 'run `npm run build:wasm`, or choose QUARRY_LINALG=blocked');
      }
      return wasm;
    }
    default: throw unknownKey('linalg backend (QUARRY_LINALG)', name, LINALG_BACKEND_NAMES);
  }
}

/** QUARRY_LINALG when set, else wasm when it loads, else the blocked TypeScript kernels. */
function defaultBackend(): LinalgBackend {
  const forced = process.env.QUARRY_LINALG;
  if (forced !== undefined && forced !== '') return backendNamed(forced);
  return loadWasmBackend() ?? blockedBackend;
}

let active: LinalgBackend | null = null;

/** The backend in use (chosen on first use). */
export function linalg(): LinalgBackend {
  if (active === null) active = defaultBackend();
  return active;
}

/** Chooses the backend (tests and benchmarks compare backends this way). Returns the previous one. */
export function useLinalgBackend(backend: LinalgBackend): LinalgBackend {
  const previous = linalg();
  active = backend;
  return previous;
}
