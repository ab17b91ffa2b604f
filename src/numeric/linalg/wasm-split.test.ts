// How the wasm backend splits the triangular solve's columns into tasks for its two threads.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { trsmSplit } from './wasm-split.ts';

function widths(bounds: number[]): number[] {
  return bounds.slice(1).map((b, i) => b - bounds[i]);
}

describe('the triangular solve\'s task split', () => {
  for (const [w, cb, parallel] of [[4096, 128, true], [4096, 256, true], [5000, 128, true], [300, 152, true], [1, 4, false], [4096, 128, false], [131072, 256, true]] as const) {
    it(`covers ${w} columns in increasing boundaries, at most 112 tasks (blocks of ${cb}, ${parallel ? 'two threads' : 'one thread'})`, () => {
      const bounds = trsmSplit(w, cb, parallel, 112);
      assert.equal(bounds[0], 0);
      assert.equal(bounds[bounds.length - 1], w);
      assert.ok(bounds.length - 1 <= 112);
      assert.ok(widths(bounds).every((x) => x > 0));
    });
  }

  it('ends with narrower tasks on two threads, and not on one', () => {
    assert.deepEqual(widths(trsmSplit(4096, 128, true, 112)).slice(-4), [64, 64, 32, 32]);
    assert.ok(widths(trsmSplit(4096, 128, true, 112)).slice(0, -4).every((x) => x > 64 && x <= 128));
    assert.ok(widths(trsmSplit(4096, 128, false, 112)).every((x) => x === 128));
  });
});
