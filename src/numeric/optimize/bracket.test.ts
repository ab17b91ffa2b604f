import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bracketRoot } from './bracket.ts';
import { toms748 } from './toms748.ts';
import { QuarryError } from '../../errors.ts';

describe('bracketRoot', () => {
  it('expands upwards until the sign changes and hands a tight bracket to toms748', () => {
    const f = (x: number) => x - 10;
    const br = bracketRoot(f, 0, 1);
    assert.ok(br.a <= 10 && 10 <= br.b);
    assert.ok(br.fa * br.fb <= 0);
    assert.equal(toms748(f, br.a, br.b, { fa: br.fa, fb: br.fb }).x, 10);
  });

  it('expands downwards when that end has the smaller |f|', () => {
    const br = bracketRoot((x) => x + 7, 0, 1);
    assert.ok(br.a <= -7 && -7 <= br.b);
  });

  it('never evaluates outside [lower, upper]', () => {
    const seen: number[] = [];
    const f = (x: number) => { seen.push(x); return 3 - x; };
    const br = bracketRoot(f, 0.5, 1, { lower: 0, upper: 4 });
    assert.ok(seen.every((x) => x >= 0 && x <= 4));
    assert.ok(br.a <= 3 && 3 <= br.b);
  });

  it('reaches the bound exactly when the root sits there', () => {
    const br = bracketRoot((x) => 5 - x, 0, 1, { lower: 0, upper: 5 });
    assert.equal(br.b, 5);
    assert.equal(br.fb, 0);
  });

  it('throws naming the bounds when there is no sign change inside them', () => {
    assert.throws(() => bracketRoot((x) => 10 - x, 0, 1, { lower: 0, upper: 5 }), (e: unknown) => {
      assert.ok(e instanceof QuarryError);
      assert.equal(e.code, 'INVALID_ARGUMENT');
      assert.match(e.message, /inside the bounds \[0, 5\]: f\(0\) = 10, f\(5\) = 5/);
      return true;
    });
  });

  it('throws after maxIterations when unbounded and there is no root', () => {
    assert.throws(() => bracketRoot((x) => x * x + 1, 0, 1, { maxIterations: 10 }), /after 10 expansions/);
  });
});
