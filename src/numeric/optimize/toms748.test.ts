import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toms748 } from './toms748.ts';
import { QuarryError } from '../../errors.ts';

/** Test functions from Alefeld, Potra, Shi 1995 (§5) with their roots; scipy 1.17 toms748 call counts for comparison. */
const cases: { name: string; f: (x: number) => number; a: number; b: number; root: number; scipyCalls: number }[] = [
  { name: 'sin(x) − x/2 on [π/2, π]', f: (x) => Math.sin(x) - x / 2, a: Math.PI / 2, b: Math.PI, root: 1.895494267033981, scipyCalls: 10 },
  { name: 'x³ − 1 on [0, 1.5]', f: (x) => x ** 3 - 1, a: 0, b: 1.5, root: 1, scipyCalls: 10 },
  { name: 'eˣ − 2 on [0, 1]', f: (x) => Math.exp(x) - 2, a: 0, b: 1, root: Math.LN2, scipyCalls: 8 },
  { name: 'x eˣ − 1 on [0, 1]', f: (x) => x * Math.exp(x) - 1, a: 0, b: 1, root: 0.567143290409784, scipyCalls: 9 },
  { name: 'x¹⁹ − 1/2 on [0, 1]', f: (x) => x ** 19 - 0.5, a: 0, b: 1, root: 0.5 ** (1 / 19), scipyCalls: 13 },
  { name: 'e^{−5x}(x − 1) + x⁵ on [0, 1]', f: (x) => Math.exp(-5 * x) * (x - 1) + x ** 5, a: 0, b: 1, root: 0.5161535187574605, scipyCalls: 12 },
];

const bisectionCalls = (a: number, b: number, tol: number) => Math.ceil(Math.log2((b - a) / tol)) + 2;

describe('toms748', () => {
  for (const c of cases) {
    it(`finds the root of ${c.name} with fewer evaluations than bisection`, () => {
      const r = toms748(c.f, c.a, c.b);
      assert.ok(r.converged);
      assert.ok(Math.abs(r.x - c.root) <= 2e-12 + 8 * Number.EPSILON * Math.abs(c.root), `${r.x} vs ${c.root}`);
      assert.ok(r.evaluations < bisectionCalls(c.a, c.b, 2e-12), `${r.evaluations} evaluations`);
      assert.ok(r.evaluations <= c.scipyCalls + 3, `${r.evaluations} vs scipy ${c.scipyCalls}`);
      assert.equal(r.fx, c.f(r.x));
    });
  }

  it('handles high-multiplicity roots x⁹ and (x − 1)³ within the tolerance', () => {
    const r9 = toms748((x) => x ** 9, -1, 4);
    assert.ok(r9.converged && Math.abs(r9.x) < 1e-11);
    const r3 = toms748((x) => (x - 1) ** 3, 0, 3.7);
    assert.ok(r3.converged && Math.abs(r3.x - 1) < 1e-11);
    // APS 1995 guarantee: never more than a constant factor worse than bisection.
    assert.ok(r9.evaluations <= 4 * bisectionCalls(-1, 4, 2e-12));
  });

  it('respects a loose tolerance with fewer evaluations', () => {
    const f = (x: number) => Math.sin(x) - x / 2;
    const loose = toms748(f, Math.PI / 2, Math.PI, { xtol: 1e-4 });
    const tight = toms748(f, Math.PI / 2, Math.PI);
    assert.ok(Math.abs(loose.x - 1.895494267033981) < 1e-4);
    assert.ok(loose.evaluations <= tight.evaluations);
  });

  it('returns an exact root at an endpoint immediately', () => {
    const r = toms748((x) => x - 2, 2, 5);
    assert.deepEqual(r, { x: 2, fx: 0, iterations: 0, evaluations: 1, converged: true });
    const r2 = toms748((x) => x - 5, 2, 5);
    assert.equal(r2.x, 5);
    assert.equal(r2.evaluations, 2);
  });

  it('uses supplied f(a), f(b) without calling f at the ends', () => {
    let calls = 0;
    const f = (x: number) => { calls++; return x * x - 2; };
    const r = toms748(f, 0, 2, { fa: -2, fb: 2 });
    assert.equal(calls, r.evaluations);
    assert.ok(Math.abs(r.x - Math.SQRT2) < 1e-12);
  });

  it('accepts a reversed interval', () => {
    assert.ok(Math.abs(toms748((x) => x * x - 2, 2, 0).x - Math.SQRT2) < 1e-12);
  });

  it('throws INVALID_ARGUMENT naming the interval and f values when there is no sign change', () => {
    assert.throws(() => toms748((x) => x * x + 1, -1, 2), (e: unknown) => {
      assert.ok(e instanceof QuarryError);
      assert.equal(e.code, 'INVALID_ARGUMENT');
      assert.match(e.message, /f\(-1\) = 2 and f\(2\) = 5 on \[-1, 2\]/);
      return true;
    });
  });

  it('reports converged: false when maxIterations runs out', () => {
    const r = toms748((x) => x ** 9, -1, 4, { maxIterations: 3 });
    assert.equal(r.converged, false);
    assert.equal(r.iterations, 3);
  });
});
