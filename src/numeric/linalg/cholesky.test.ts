// cholesky() on every backend: exact factors of SPD matrices, jitter escalation on a singular matrix,
// and the NOT_POSITIVE_DEFINITE error on an indefinite one.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { QuarryError } from '../../errors.ts';
import { availableBackends, linalg, useLinalgBackend } from './backend.ts';
import { cholesky } from './cholesky.ts';
import { fromRows, matrix } from './matrix.ts';

/** max |L Lᵀ − (A + jitter·I)| over the matrix. */
function residual(a: Float64Array, l: Float64Array, n: number, jitter: number): number {
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += l[i * n + k] * l[j * n + k];
      worst = Math.max(worst, Math.abs(s - a[i * n + j] - (i === j ? jitter : 0)));
    }
  }
  return worst;
}

const original = linalg();
after(() => useLinalgBackend(original));

for (const backend of availableBackends()) {
  describe(`cholesky on the ${backend.name} backend`, () => {
    it('factorises an SPD matrix without jitter and zeroes the upper triangle', () => {
      useLinalgBackend(backend);
      const a = fromRows([[4, 2, 0.4], [2, 5, 1], [0.4, 1, 3]]);
      const { factor, jitter } = cholesky(a);
      assert.equal(jitter, 0);
      assert.deepEqual([factor.data[1], factor.data[2], factor.data[5]], [0, 0, 0]);
      assert.ok(residual(a.data, factor.data, 3, 0) < 1e-14);
    });

    it('adds escalating diagonal jitter to a singular matrix until it factorises', () => {
      useLinalgBackend(backend);
      const n = 6;
      const a = matrix(n, n, new Float64Array(n * n).fill(1)); // rank one: pivot 1 is exactly zero
      const { factor, jitter } = cholesky(a, { initialJitter: 1e-10 });
      assert.ok(jitter >= 1e-10 && jitter <= 1e-4, `jitter ${jitter}`);
      assert.ok(residual(a.data, factor.data, n, jitter) < 1e-12);
    });

    it('throws NOT_POSITIVE_DEFINITE for an indefinite matrix, naming the failing pivot', () => {
      useLinalgBackend(backend);
      const a = fromRows([[1, 2], [2, 1]]); // eigenvalues 3 and −1
      assert.throws(() => cholesky(a, { what: 'kernel matrix' }), (e: unknown) => {
        assert.ok(e instanceof QuarryError);
        assert.equal(e.code, 'NOT_POSITIVE_DEFINITE');
        assert.match(e.message, /kernel matrix \(2x2\).*pivot 1/);
        return true;
      });
    });
  });
}
