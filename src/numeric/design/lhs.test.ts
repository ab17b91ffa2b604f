import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../random/index.ts';
import { latinHypercube, scaleToBox } from './index.ts';

function strata(points: Float64Array, count: number, dimension: number, j: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.floor(points[i * dimension + j] * count)).sort((a, b) => a - b);
}

test('each dimension has exactly one point in each of the count strata', () => {
  const all = Array.from({ length: 97 }, (_, k) => k);
  for (const centered of [false, true]) {
    const pts = latinHypercube(97, 6, createRng(3), { centered });
    assert.equal(pts.length, 97 * 6);
    assert.ok(pts.every((x) => x >= 0 && x < 1));
    for (let j = 0; j < 6; j++) assert.deepEqual(strata(pts, 97, 6, j), all, `dimension ${j}`);
  }
});

test('centered points sit at the stratum midpoints (k + 1/2)/n', () => {
  const pts = latinHypercube(8, 3, createRng(5), { centered: true });
  for (const x of pts) assert.equal((x * 8 - 0.5) % 1, 0);
});

test('the design is reproducible from the seed, and dimensions are permuted independently', () => {
  const a = latinHypercube(50, 4, createRng(11));
  assert.deepEqual(a, latinHypercube(50, 4, createRng(11)));
  assert.notDeepEqual(a, latinHypercube(50, 4, createRng(12)));
  const col = (j: number) => Array.from({ length: 50 }, (_, i) => Math.floor(a[i * 4 + j] * 50));
  assert.notDeepEqual(col(0), col(1));
});

test('latinHypercube rejects a non-integer count', () => {
  assert.throws(() => latinHypercube(2.5, 2, createRng(1)), { code: 'INVALID_ARGUMENT' });
  assert.equal(latinHypercube(0, 3, createRng(1)).length, 0);
});

test('scaleToBox maps [0, 1)^d onto [lower, upper] per dimension and leaves the input alone', () => {
  const unit = new Float64Array([0, 0.5, 1, 0.25, 0.75, 0]);
  const out = scaleToBox(unit, 3, [-1, 10, 5], [1, 20, 5]);
  assert.deepEqual(Array.from(out), [-1, 15, 5, -0.5, 17.5, 5]);
  assert.deepEqual(Array.from(unit), [0, 0.5, 1, 0.25, 0.75, 0]);
  assert.throws(() => scaleToBox(unit, 4, [0, 0, 0, 0], [1, 1, 1, 1]), { code: 'INVALID_ARGUMENT' });
  assert.throws(() => scaleToBox(unit, 3, [0, 0], [1, 1]), { code: 'INVALID_ARGUMENT' });
  assert.throws(() => scaleToBox(unit, 3, [0, 2, 0], [1, 1, 1]), { code: 'INVALID_ARGUMENT' });
});
