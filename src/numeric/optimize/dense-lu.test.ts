import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { luFactor, luSolve } from './dense-lu.ts';

describe('dense LU', () => {
  it('solves an indefinite system that needs pivoting', () => {
    const a = Float64Array.from([0, 2, 1, 1, -1, 3, 4, 1, -2]);
    const x = Float64Array.from([1, -2, 0.5]);
    const b = [0, 1, 2].map((i) => a[3 * i] * x[0] + a[3 * i + 1] * x[1] + a[3 * i + 2] * x[2]);
    const f = luFactor(a, 3)!;
    const y = luSolve(f, b);
    for (let i = 0; i < 3; i++) assert.ok(Math.abs(y[i] - x[i]) < 1e-14);
  });

  it('returns null for a singular matrix', () => {
    assert.equal(luFactor(Float64Array.from([1, 2, 2, 4]), 2), null);
  });
});
