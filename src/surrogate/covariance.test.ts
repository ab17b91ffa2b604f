// The linalg backend's stationary kernels (numeric/linalg/stationary.ts, which cannot import the
// surrogate) compute the same shapes as the kernel table here, the source of truth.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { STATIONARY_KINDS, stationaryLengthScaleFactor, stationaryValue } from '../numeric/linalg/stationary.ts';
import { crossCovariance, trainingCovariance } from './covariance.ts';
import { KERNELS } from './kernels/index.ts';

describe('covariance assembly', () => {
  it('knows exactly the kernels of the kernel table', () => {
    assert.deepEqual([...STATIONARY_KINDS].sort(), Object.keys(KERNELS).sort());
  });

  for (const shape of Object.values(KERNELS)) {
    it(`evaluates ${shape.name} and its length-scale factor like the kernel table`, () => {
      for (const r2 of [0, 1e-12, 0.01, 0.5, 1, 2.7, 30, 900]) {
        assert.equal(stationaryValue(shape.name, r2), shape.value(r2), `k(${r2})`);
        assert.equal(stationaryLengthScaleFactor(shape.name, r2), shape.lengthScaleFactor(r2), `factor(${r2})`);
      }
    });

    it(`assembles ${shape.name} covariances that match the kernel's formula`, () => {
      const d = 3;
      const a = Float64Array.from({ length: 50 * d }, (_, i) => Math.sin(1.7 * i));
      const b = Float64Array.from({ length: 70 * d }, (_, i) => Math.cos(0.9 * i));
      const k = crossCovariance(shape, 1.4, a, b, d);
      const train = trainingCovariance(shape, 1.4, a, d, 0.01);
      for (let i = 0; i < 50; i++) {
        assert.equal(train[i * 50 + i], 1.41);
        for (let c = 0; c < 70; c++) {
          let r2 = 0;
          for (let j = 0; j < d; j++) r2 += (a[i * d + j] - b[c * d + j]) ** 2;
          const expected = 1.4 * shape.value(r2);
          assert.ok(Math.abs(k[i * 70 + c] - expected) <= 1e-15 * 1.4, `${shape.name} (${i}, ${c})`);
        }
        for (let c = 0; c < i; c++) {
          let r2 = 0;
          for (let j = 0; j < d; j++) r2 += (a[i * d + j] - a[c * d + j]) ** 2;
          assert.ok(Math.abs(train[i * 50 + c] - 1.4 * shape.value(r2)) <= 1e-15 * 1.4);
          assert.equal(train[c * 50 + i], train[i * 50 + c]);
        }
      }
    });
  }
});
