import { test } from 'node:test';
import assert from 'node:assert/strict';
import { slice2d } from './slice.ts';
import { marchingSquares } from './marching-squares.ts';
import { ringArea } from './ring-geometry.ts';
import { QuarryError } from '../errors.ts';

const f3 = (p: ArrayLike<number>) => p[0] * p[0] + 2 * p[1] - Math.sin(p[2]);

/** Vectorised f3 that records the chunk sizes it was called with. */
function evaluator(calls: number[]) {
  return (points: Float64Array) => {
    const m = points.length / 3;
    calls.push(m);
    const out = new Float64Array(m);
    for (let r = 0; r < m; r++) out[r] = f3(points.subarray(r * 3, r * 3 + 3));
    return out;
  };
}

test('slice2d of a 3D function over coordinates (2, 0) agrees with direct evaluation, in chunks', () => {
  const calls: number[] = [];
  const grid = slice2d(evaluator(calls), { d: 3, i: 2, j: 0, lower: [-1, -3, 0], upper: [1, 3, Math.PI], fixed: [0.7], nx: 13, ny: 7 }, { chunkSize: 10 });
  assert.deepEqual(calls, [...Array(9).fill(10), 1]);
  assert.equal(grid.x[0], 0);
  assert.equal(grid.x[12], Math.PI);
  assert.equal(grid.y[0], -1);
  assert.equal(grid.y[6], 1);
  for (let b = 0; b < 7; b++) {
    for (let a = 0; a < 13; a++) {
      const point = [grid.y[b], 0.7, grid.x[a]];
      assert.equal(grid.values[b * 13 + a], f3(point));
    }
  }
});

test('slice2d accepts a full d-point as fixed and ignores its entries i and j', () => {
  const dims = { d: 3, i: 0, j: 1, lower: [-1, -1, 0], upper: [1, 1, 1], nx: 5, ny: 4 };
  const a = slice2d(evaluator([]), { ...dims, fixed: [0.25] });
  const b = slice2d(evaluator([]), { ...dims, fixed: [99, -99, 0.25] });
  assert.deepEqual(a, b);
});

test('a slice feeds marching squares: x² + y² < 1 at z fixed', () => {
  const sphere = (points: Float64Array) => Float64Array.from({ length: points.length / 3 }, (_, r) => points[3 * r] ** 2 + points[3 * r + 1] ** 2 + points[3 * r + 2] ** 2);
  const grid = slice2d(sphere, { d: 3, i: 0, j: 1, lower: [-2, -2, -2], upper: [2, 2, 2], fixed: [0.6], nx: 201, ny: 201 });
  const rings = marchingSquares(grid, 1);
  assert.equal(rings.length, 1);
  assert.ok(Math.abs(ringArea(rings[0]) - Math.PI * 0.64) / (Math.PI * 0.64) < 1e-3);
});

test('slice2d rejects bad dimensions and evaluators that return the wrong count', () => {
  const dims = { d: 3, i: 0, j: 1, lower: [0, 0, 0], upper: [1, 1, 1], fixed: [0], nx: 3, ny: 3 };
  const isArg = (code: string, pattern: RegExp) => (e: unknown) => e instanceof QuarryError && e.code === code && pattern.test(e.message);
  assert.throws(() => slice2d(evaluator([]), { ...dims, j: 0 }), isArg('INVALID_ARGUMENT', /both 0/));
  assert.throws(() => slice2d(evaluator([]), { ...dims, i: 3 }), isArg('INVALID_ARGUMENT', /i = 3/));
  assert.throws(() => slice2d(evaluator([]), { ...dims, fixed: [0, 1] }), isArg('INVALID_ARGUMENT', /fixed has 2/));
  assert.throws(() => slice2d(evaluator([]), { ...dims, upper: [0, 1, 1] }), isArg('INVALID_ARGUMENT', /bounds of coordinate 0/));
  assert.throws(() => slice2d(evaluator([]), { ...dims, nx: 1 }), isArg('INVALID_ARGUMENT', /nx = 1/));
  assert.throws(() => slice2d(() => new Float64Array(1), dims), isArg('INVALID_INPUT', /returned 1 values for 9 points/));
});
