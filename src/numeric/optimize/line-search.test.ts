import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lineSearch } from './line-search.ts';

/** φ and φ' of f(α) = (α − a)² + 0.1 α⁴ − b α along a line. */
const quartic = (a: number) => (stp: number) => ({ f: (stp - a) ** 2 + 0.1 * stp ** 4, dg: 2 * (stp - a) + 0.4 * stp ** 3 });

describe('lineSearch (Moré–Thuente)', () => {
  for (const [a, stp0] of [[3, 1], [3, 10], [0.01, 1], [50, 1e-3]] as const) {
    it(`returns a strong-Wolfe step for minimiser near ${a} from stp0 = ${stp0}`, () => {
      const phi = quartic(a);
      const { f: f0, dg: dg0 } = phi(0);
      const r = lineSearch(phi, f0, dg0, stp0, { stpmax: 1e10 });
      assert.equal(r.status, 'converged');
      assert.ok(r.f <= f0 + 1e-3 * r.stp * dg0);
      assert.ok(Math.abs(r.dg) <= 0.9 * Math.abs(dg0));
      assert.ok(r.lastEvaluated);
    });
  }

  it('stops at stpmax when f keeps decreasing up to it', () => {
    const phi = (stp: number) => ({ f: -stp, dg: -1 });
    const r = lineSearch(phi, 0, -1, 1, { stpmax: 4 });
    assert.equal(r.stp, 4);
    assert.equal(r.status, 'warning');
  });

  it('backs off from NaN values and never returns a non-finite step', () => {
    const seen: number[] = [];
    const phi = (stp: number) => { seen.push(stp); return stp > 0.3 ? { f: NaN, dg: NaN } : { f: (stp - 0.25) ** 2, dg: 2 * (stp - 0.25) }; };
    const r = lineSearch(phi, 0.0625, -0.5, 1, { stpmax: 1e10 });
    assert.ok(r.stp > 0 && r.stp <= 0.3);
    assert.ok(Number.isFinite(r.f) && r.f < 0.0625);
    assert.ok(r.backoffs >= 1);
    const firstBad = seen.find((s) => s > 0.3)!;
    assert.ok(seen.slice(seen.indexOf(firstBad) + 1).every((s) => s < firstBad));
  });

  it('fails without moving when every trial is NaN within maxBackoffs', () => {
    const r = lineSearch(() => ({ f: NaN, dg: NaN }), 1, -1, 1, { stpmax: 1e10, maxBackoffs: 5 });
    assert.equal(r.status, 'failed');
    assert.equal(r.stp, 0);
    assert.equal(r.evaluations, 5);
  });
});
