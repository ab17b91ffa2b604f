// The GP kernels of every linalg backend agree with the plain reference: the inverse from a Cholesky
// factor (potri), stationary kernel matrices and the likelihood-gradient sums, for every kernel kind,
// and the wasm kernels' vectorised exp agrees with Math.exp to a few ulp.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { availableBackends, type LinalgBackend } from './backend.ts';
import { potriReference } from './reference.ts';
import { referenceBackend } from './backend.ts';
import { stationaryLikelihoodComposed } from './stationary-likelihood.ts';
import { kernelGradientTermsReference, kernelMatrixReference, STATIONARY_KINDS } from './stationary.ts';
import { createWasmBackend, loadWasmBackend, startWasmWorker } from './wasm-loader.ts';

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

function points(m: number, d: number, seed: number, spread = 2): Float64Array {
  const next = uniform(seed);
  return Float64Array.from({ length: m * d }, () => spread * (2 * next() - 1));
}

function relativeDifference(x: Float64Array, y: Float64Array): number {
  let diff = 0;
  let size = 0;
  for (let i = 0; i < y.length; i++) {
    const d = Math.abs(x[i] - y[i]);
    diff = d > diff || Number.isNaN(d) ? d : diff;
    size = Math.max(size, Math.abs(y[i]));
  }
  return size === 0 ? diff : diff / size;
}

const plainSimd = loadWasmBackend()?.variant === 'relaxed' ? createWasmBackend('simd') : null;
const fast: { name: string; backend: LinalgBackend }[] = [
  ...availableBackends().filter((b) => b.name !== 'reference').map((b) => ({ name: 'variant' in b ? `wasm (${String(b.variant)})` : b.name, backend: b })),
  ...(plainSimd === null ? [] : [{ name: 'wasm (simd)', backend: plainSimd }]),
];

describe('GP kernels of the linalg backends', () => {
  before(async () => { await startWasmWorker(10_000); });

  for (const n of [1, 2, 5, 31, 32, 33, 64, 131, 300, 517]) {
    it(`invert L Lᵀ from a factor of order ${n} like the reference`, () => {
      const l = randomFactor(n, 3 * n + 1);
      const expected = potriReference(l, n);
      for (const { name, backend } of fast) {
        const got = backend.potri(l, n);
        assert.equal(got.length, n * n, name);
        const diff = relativeDifference(got, expected);
        assert.ok(diff < 1e-12, `${name}: relative difference ${diff}`);
      }
    });
  }

  it('give the identity when the inverse multiplies L Lᵀ', () => {
    const n = 150;
    const l = randomFactor(n, 11);
    for (const { name, backend } of fast) {
      const inv = backend.potri(l, n);
      let worst = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < n; k++) {
            let a = 0; // (L Lᵀ)_ik
            for (let p = 0; p <= Math.min(i, k); p++) a += l[i * n + p] * l[k * n + p];
            s += a * inv[k * n + j];
          }
          worst = Math.max(worst, Math.abs(s - (i === j ? 1 : 0)));
        }
      }
      assert.ok(worst < 1e-12, `${name}: |K K⁻¹ − I| = ${worst}`);
    }
  });

  for (const kind of STATIONARY_KINDS) {
    for (const [na, nb, d] of [[1, 1, 1], [3, 7, 2], [40, 41, 4], [200, 301, 5], [517, 129, 3], [1, 1000, 6]]) {
      it(`assemble a ${kind} kernel matrix (${na} × ${nb}, d = ${d}) like the reference`, () => {
        const a = points(na, d, na + d);
        const b = points(nb, d, nb + 7 * d);
        const expected = new Float64Array(na * nb);
        kernelMatrixReference(kind, 1.7, a, b, d, expected);
        for (const { name, backend } of fast) {
          const got = new Float64Array(na * nb).fill(NaN);
          backend.kernelMatrix(kind, 1.7, a, b, d, got);
          const diff = relativeDifference(got, expected);
          assert.ok(diff < 1e-13, `${name}: relative difference ${diff}`);
        }
      });
    }

    it(`give exactly the amplitude on the diagonal and a symmetric ${kind} training matrix`, () => {
      const n = 301;
      const x = points(n, 3, 5);
      for (const { name, backend } of fast) {
        const k = new Float64Array(n * n);
        backend.kernelMatrix(kind, 0.3, x, x, 3, k);
        for (let i = 0; i < n; i++) {
          assert.equal(k[i * n + i], 0.3, name);
          for (let j = 0; j < i; j++) assert.equal(k[i * n + j], k[j * n + i], name);
        }
      }
    });

    it(`give a point the same ${kind} covariances alone as in a block (posterior variances cancel)`, () => {
      const [na, nb, d] = [200, 999, 4];
      const a = points(na, d, 1);
      const b = points(nb, d, 2);
      for (const { name, backend } of fast) {
        const block = new Float64Array(na * nb);
        backend.kernelMatrix(kind, 1.1, a, b, d, block);
        for (const c of [0, 1, 500, 998]) {
          const one = new Float64Array(na);
          backend.kernelMatrix(kind, 1.1, a, b.subarray(c * d, c * d + d), d, one);
          for (let i = 0; i < na; i++) assert.equal(one[i], block[i * nb + c], `${name}: point ${c}, row ${i}`);
        }
      }
    });

    for (const [n, d] of [[1, 2], [2, 1], [3, 3], [64, 4], [257, 5], [600, 2]]) {
      it(`sum the ${kind} likelihood-gradient terms (n = ${n}, d = ${d}) like the reference`, () => {
        const x = points(n, d, n * d);
        x.set(x.subarray(0, d), (n - 1) * d); // a coincident pair (r = 0)
        const next = uniform(n + 99);
        const w = Float64Array.from({ length: n * n }, () => 2 * next() - 1);
        const expected = new Float64Array(d + 1);
        kernelGradientTermsReference(kind, 1.3, x, d, w, expected);
        for (const { name, backend } of fast) {
          const got = new Float64Array(d + 1);
          backend.kernelGradientTerms(kind, 1.3, x, d, w, got);
          // the sums cancel: compare against the sum of absolute terms
          const scale = new Float64Array(d + 1);
          const absW = w.map(Math.abs);
          kernelGradientTermsReference(kind, 1.3, x, d, absW, scale);
          for (let q = 0; q <= d; q++) {
            const err = Math.abs(got[q] - expected[q]) / Math.max(scale[q], 1e-300);
            assert.ok(err < 1e-13, `${name}: term ${q}: ${got[q]} vs ${expected[q]}`);
          }
        }
      });
    }
  }
});

describe('the fused GP likelihood of the linalg backends', () => {
  before(async () => { await startWasmWorker(10_000); });

  for (const kind of STATIONARY_KINDS) {
    for (const [n, d] of [[1, 1], [5, 2], [31, 3], [32, 5], [33, 4], [130, 3], [401, 5]]) {
      it(`gives the reference ${kind} likelihood terms (n = ${n}, d = ${d}), gradient sums included`, () => {
        const x = points(n, d, 7 * n + d, 1);
        const next = uniform(n + 5);
        const y = Float64Array.from({ length: n }, () => 2 * next() - 1);
        const expected = stationaryLikelihoodComposed(referenceBackend, kind, 1.3, x, d, 0.05, y, true);
        for (const { name, backend } of fast) {
          const got = backend.stationaryLikelihood(kind, 1.3, x, d, 0.05, y, true);
          assert.equal(got.failedPivot, -1, name);
          const close = (a: number, b: number, what: string, scale = Math.abs(b)) => assert.ok(Math.abs(a - b) <= 1e-11 * Math.max(1, scale), `${name}: ${what} ${a} vs ${b}`);
          close(got.quad, expected.quad, 'yᵀK⁻¹y');
          close(got.logDet, expected.logDet, 'Σ ln L_ii');
          close(got.gradient!.traceW, expected.gradient!.traceW, 'tr W');
          // the sums cancel: compare against their size with |W| (bounded by tr|W|·n here)
          const scale = n * Math.abs(expected.gradient!.traceW) + n * n;
          expected.gradient!.terms.forEach((t, q) => close(got.gradient!.terms[q], t, `term ${q}`, scale));
          const plain = backend.stationaryLikelihood(kind, 1.3, x, d, 0.05, y, false);
          assert.equal(plain.gradient, null, name);
          assert.equal(plain.quad, got.quad, name);
          assert.equal(plain.logDet, got.logDet, name);
        }
      });
    }
  }

  it('reports the failing pivot when K is not positive definite', () => {
    const x = points(200, 3, 1);
    const y = new Float64Array(200).fill(1);
    for (const { name, backend } of fast) {
      // a zero diagonal fails at the first pivot; a negative shift fails somewhere inside
      assert.equal(backend.stationaryLikelihood('rbf', 1, x, 3, -1, y, true).failedPivot, 0, name);
      const r = backend.stationaryLikelihood('matern52', 1, x, 3, -0.5, y, true);
      assert.ok(r.failedPivot > 0 && r.failedPivot < 200 && Number.isNaN(r.quad) && r.gradient === null, `${name}: ${JSON.stringify(r)}`);
    }
  });
});

describe('the wasm kernels\' exp', () => {
  for (const variant of ['relaxed', 'simd'] as const) {
    it(`agrees with Math.exp over [−745, 0] to 4e-16 relative (${variant} build)`, () => {
      const loaded = createWasmBackend(variant) as unknown as { exp(x: Float64Array): Float64Array } | null;
      assert.notEqual(loaded, null, `the ${variant} build does not load: run npm run build:wasm`);
      const w = loaded!;
      const next = uniform(17);
      const x = new Float64Array(400_000);
      for (let i = 0; i < x.length; i++) {
        // dense near 0 (where kernels live), uniform over the whole range, and exact points
        x[i] = i % 4 === 0 ? -745 * next() : i % 4 === 1 ? -40 * next() : i % 4 === 2 ? -next() : -Math.floor(745 * next()) * Math.LN2 / 2;
      }
      x.set([0, -0, -1e-300, -5e-324, -Math.LN2, -0.5 * Math.LN2, -708.3, -708.4, -744.4, -745.1, -745.2, -746, -1e5, -Infinity], 0);
      const y = w.exp(x);
      let worst = 0;
      for (let i = 0; i < x.length; i++) {
        const e = Math.exp(x[i]);
        if (e >= 2.2250738585072014e-308) worst = Math.max(worst, Math.abs(y[i] - e) / e);
        else assert.ok(Math.abs(y[i] - e) <= 2 * 5e-324, `exp(${x[i]}): ${y[i]} vs ${e}`); // subnormal: within 2 units
      }
      assert.ok(worst <= 4e-16, `worst relative error ${worst}`);
    });
  }
});
