import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { brentMinimize, brentRoot } from './brent.ts';
import { QuarryError } from '../../errors.ts';

describe('brentMinimize', () => {
  it('finds the minimum of a parabola', () => {
    const r = brentMinimize((x) => (x - 2) ** 2 + 1, 0, 5, { xtol: 1e-8 });
    assert.ok(r.converged);
    assert.ok(Math.abs(r.x - 2) < 1e-7);
    assert.ok(Math.abs(r.f - 1) < 1e-14);
  });

  it('finds the minimum of sin on [3, 6] (scipy fminbound: 4.712388980372443)', () => {
    const r = brentMinimize(Math.sin, 3, 6, { xtol: 1e-10 });
    assert.ok(Math.abs(r.x - (3 * Math.PI) / 2) < 1e-7);
    assert.ok(r.iterations < 30);
  });

  it('converges to the end of the interval when the minimum is outside it', () => {
    const r = brentMinimize((x) => x, 1, 2, { xtol: 1e-8 });
    assert.ok(r.x - 1 < 1e-7 && r.x >= 1);
  });

  it('stops with converged: false at maxIterations', () => {
    const r = brentMinimize((x) => Math.abs(x - 0.3), 0, 1, { xtol: 1e-12, maxIterations: 5 });
    assert.equal(r.converged, false);
    assert.equal(r.iterations, 5);
  });
});

describe('brentRoot', () => {
  it('finds sin(x) − x/2 on [π/2, π] (scipy brentq: 1.8954942670339556, 9 calls)', () => {
    const r = brentRoot((x) => Math.sin(x) - x / 2, Math.PI / 2, Math.PI);
    assert.ok(r.converged);
    assert.ok(Math.abs(r.x - 1.8954942670339556) < 4e-12);
    assert.ok(r.iterations <= 10);
  });

  it('finds the cube root of unity and respects xtol', () => {
    const r = brentRoot((x) => x ** 3 - 1, 0, 1.5, { xtol: 1e-6 });
    assert.ok(Math.abs(r.x - 1) < 1e-6);
  });

  it('returns exact endpoint roots immediately', () => {
    assert.deepEqual(brentRoot((x) => x - 1, 1, 3), { x: 1, fx: 0, iterations: 0, converged: true });
  });

  it('throws INVALID_ARGUMENT naming the interval and f values when there is no sign change', () => {
    assert.throws(() => brentRoot((x) => x * x + 1, 0, 1), (e: unknown) => {
      assert.ok(e instanceof QuarryError);
      assert.equal(e.code, 'INVALID_ARGUMENT');
      assert.match(e.message, /f\(0\) = 1 and f\(1\) = 2 on \[0, 1\]/);
      return true;
    });
  });
});
