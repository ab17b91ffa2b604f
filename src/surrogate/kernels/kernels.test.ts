import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KERNELS, kernelShape } from './index.ts';

describe('kernel shapes', () => {
  it('equal one at zero distance and decay monotonically', () => {
    for (const k of Object.values(KERNELS)) {
      assert.equal(k.value(0), 1, k.name);
      let previous = 1;
      for (const r2 of [0.01, 0.1, 1, 4, 25]) {
        const v = k.value(r2);
        assert.ok(v < previous && v > 0, `${k.name} at r² = ${r2}`);
        previous = v;
      }
    }
  });

  it('match their closed forms at r = 1.3', () => {
    const r = 1.3;
    const s3 = Math.sqrt(3) * r;
    const s5 = Math.sqrt(5) * r;
    assert.equal(KERNELS.rbf.value(r * r), Math.exp(-0.5 * r * r));
    assert.ok(Math.abs(KERNELS.matern12.value(r * r) - Math.exp(-r)) < 1e-16);
    assert.ok(Math.abs(KERNELS.matern32.value(r * r) - (1 + s3) * Math.exp(-s3)) < 1e-16);
    assert.ok(Math.abs(KERNELS.matern52.value(r * r) - (1 + s5 + (5 * r * r) / 3) * Math.exp(-s5)) < 1e-16);
  });

  it('give −2 dk/d(r²) that agrees with finite differences', () => {
    for (const k of Object.values(KERNELS)) {
      for (const r2 of [0.05, 0.7, 3]) {
        const h = 1e-6;
        const fd = (-2 * (k.value(r2 + h) - k.value(r2 - h))) / (2 * h);
        assert.ok(Math.abs(fd - k.lengthScaleFactor(r2)) < 1e-7, `${k.name} at r² = ${r2}: ${k.lengthScaleFactor(r2)} vs ${fd}`);
      }
      assert.ok(Number.isFinite(k.lengthScaleFactor(0)), `${k.name} is finite at 0`);
    }
  });

  it('rejects an unknown kernel name with the list of valid ones', () => {
    assert.throws(() => kernelShape('cubic'), /unknown kernel "cubic"/);
    try { kernelShape('cubic'); } catch (e) { assert.match((e as { hint: string }).hint, /rbf, matern12, matern32, matern52/); }
  });
});
