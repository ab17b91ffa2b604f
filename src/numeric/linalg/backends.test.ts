// Every linalg backend (blocked TypeScript, wasm SIMD on one and two threads) agrees with the plain
// reference kernels: Cholesky around the block boundaries, triangular solves with few and many
// right-hand sides, gemm shapes, and the failing pivot of a matrix that is not positive definite.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { availableBackends, backendNamed, blockedBackend, linalg, referenceBackend, type LinalgBackend } from './backend.ts';
import { gemmReference, potrfReference, trsmReference } from './reference.ts';
import { createWasmBackend, loadWasmBackend, startWasmWorker, wasmWorkerState } from './wasm-loader.ts';

/** A small seeded uniform generator on [0, 1) (mulberry32). */
function uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n × m values uniform on [-1, 1). */
function randomMatrix(n: number, m: number, seed: number): Float64Array {
  const next = uniform(seed);
  return Float64Array.from({ length: n * m }, () => 2 * next() - 1);
}

/** A random lower-triangular n × n factor with diagonal in [1, 2) and off-diagonal entries of size ~1/√n. */
function randomFactor(n: number, seed: number): Float64Array {
  const next = uniform(seed);
  const l = new Float64Array(n * n);
  const scale = 1 / Math.sqrt(Math.max(1, n));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) l[i * n + j] = (2 * next() - 1) * scale;
    l[i * n + i] = 1 + next();
  }
  return l;
}

/** L Lᵀ for a lower-triangular L (a well-conditioned SPD matrix when L comes from randomFactor). */
function gram(l: Float64Array, n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k <= j; k++) s += l[i * n + k] * l[j * n + k];
      a[i * n + j] = s;
      a[j * n + i] = s;
    }
  }
  return a;
}

/** max |x − y| / max |y|: the relative difference the tests bound. */
function relativeDifference(x: Float64Array, y: Float64Array): number {
  if (x.length !== y.length) return Infinity;
  let diff = 0;
  let size = 0;
  for (let i = 0; i < y.length; i++) {
    const d = Math.abs(x[i] - y[i]);
    diff = d > diff || Number.isNaN(d) ? d : diff;
    size = Math.max(size, Math.abs(y[i]));
  }
  return size === 0 ? diff : diff / size;
}

const TOLERANCE = 1e-10;
const plainSimd = loadWasmBackend()?.variant === 'relaxed' ? createWasmBackend('simd') : null;
/** The backends under test, labelled (the default wasm build, plus the plain SIMD build when the default is the relaxed one). */
const fast: LinalgBackend[] = [
  ...availableBackends().filter((b) => b.name !== 'reference').map((b) => ('variant' in b ? { ...bind(b), name: `wasm (${String(b.variant)})` } : b)),
  ...(plainSimd === null ? [] : [{ ...bind(plainSimd), name: 'wasm (simd)' }]),
];

/** The methods of a backend bound to it (so it can be relabelled). */
export function bind(b: LinalgBackend): LinalgBackend {
  return {
    name: b.name, potrf: b.potrf.bind(b), trsm: b.trsm.bind(b), gemm: b.gemm.bind(b), potri: b.potri.bind(b),
    kernelMatrix: b.kernelMatrix.bind(b), kernelGradientTerms: b.kernelGradientTerms.bind(b),
    stationaryLikelihood: b.stationaryLikelihood.bind(b),
  };
}

describe('linalg backends', () => {
  before(async () => {
    // Start the wasm helper thread up front so the large cases below really run on two threads.
    await startWasmWorker(10_000);
  });

  it('include the blocked TypeScript kernels and, when build/linalg.wasm exists, the wasm kernels', () => {
    assert.deepEqual(fast.map((b) => b.name).slice(0, 1), ['blocked']);
    assert.equal(backendNamed('blocked'), blockedBackend);
    assert.equal(backendNamed('reference'), referenceBackend);
  });

  it('default to the fastest backend that loads here unless QUARRY_LINALG names one', () => {
    const forced = process.env.QUARRY_LINALG;
    const expected = forced ? forced : loadWasmBackend() === null ? 'blocked' : 'wasm';
    assert.equal(linalg().name, expected);
  });

  it('reject an unknown backend name with the valid ones', () => {
    assert.throws(() => backendNamed('lapack'), (e: Error & { code?: string; hint?: string }) => {
      assert.equal(e.code, 'UNKNOWN_KEY');
      assert.match(e.message, /lapack/);
      assert.match(e.hint ?? '', /reference, blocked, wasm/);
      return true;
    });
  });

  for (const n of [1, 2, 3, 63, 64, 65, 130, 300, 700]) {
    it(`factorise a random SPD matrix of order ${n} like the reference`, () => {
      const a = gram(randomFactor(n, n), n);
      const expected = a.slice();
      assert.equal(potrfReference(expected, n), -1);
      for (const backend of fast) {
        const got = a.slice();
        assert.equal(backend.potrf(got, n), -1, backend.name);
        const diff = relativeDifference(got, expected);
        assert.ok(diff < TOLERANCE, `${backend.name}: relative difference ${diff}`);
      }
    });
  }

  for (const [n, m] of [[1, 1], [2, 7], [65, 1], [65, 7], [65, 300], [130, 300], [300, 1], [300, 7], [300, 5000], [700, 7], [700, 300]]) {
    for (const transpose of [false, true]) {
      it(`solve ${transpose ? 'Lᵀ' : 'L'} X = B with n = ${n} and ${m} right-hand sides like the reference`, () => {
        const l = randomFactor(n, 7 * n + 1);
        const b = randomMatrix(n, m, n + m);
        const expected = b.slice();
        trsmReference(l, n, expected, m, transpose);
        for (const backend of fast) {
          const got = b.slice();
          backend.trsm(l, n, got, m, transpose);
          const diff = relativeDifference(got, expected);
          assert.ok(diff < TOLERANCE, `${backend.name}: relative difference ${diff}`);
        }
      });
    }
  }

  const shapes: [number, number, number, number, number][] = [
    [1, 1, 1, 1, 0], [3, 5, 2, 2, 1], [37, 53, 300, 0.7, 0.3], [100, 1, 100, 1, 0], [1, 200, 300, -1, 1],
    [130, 65, 64, 1, -2], [300, 300, 300, 1, 0], [257, 129, 511, 0.5, 1],
  ];
  for (const [r, c, k, alpha, beta] of shapes) {
    it(`multiply (${r} × ${k}) · (${k} × ${c}) with alpha ${alpha}, beta ${beta} like the reference`, () => {
      const a = randomMatrix(r, k, r);
      const b = randomMatrix(k, c, c);
      const out = randomMatrix(r, c, k);
      if (beta === 0) out.fill(NaN); // beta = 0 must ignore what C held
      const expected = out.slice();
      gemmReference(r, c, k, alpha, a, b, beta, expected);
      for (const backend of fast) {
        const got = out.slice();
        backend.gemm(r, c, k, alpha, a, b, beta, got);
        const diff = relativeDifference(got, expected);
        assert.ok(diff < TOLERANCE, `${backend.name}: relative difference ${diff}`);
      }
    });
  }

  for (const [n, pivot] of [[1, 0], [5, 3], [130, 0], [130, 64], [300, 129], [700, 650]]) {
    it(`report pivot ${pivot} of a ${n} × ${n} matrix that is not positive definite like the reference`, () => {
      const l = randomFactor(n, n + pivot);
      const a = gram(l, n);
      a[pivot * n + pivot] -= 2 * l[pivot * n + pivot] ** 2; // the Schur complement at `pivot` is −L_pp²
      const expected = a.slice();
      assert.equal(potrfReference(expected, n), pivot);
      for (const backend of fast) assert.equal(backend.potrf(a.slice(), n), pivot, backend.name);
    });
  }

  it('report the pivot of a NaN on the diagonal', () => {
    const n = 200;
    const a = gram(randomFactor(n, 3), n);
    a[150 * n + 150] = NaN;
    for (const backend of fast) assert.equal(backend.potrf(a.slice(), n), 150, backend.name);
  });

  after(() => {
    const state = wasmWorkerState();
    if (state !== null) assert.ok(state.tasks > 0, `the wasm helper thread ran no task: ${JSON.stringify(state)}`);
  });
});
