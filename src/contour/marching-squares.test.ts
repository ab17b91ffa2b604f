import { test } from 'node:test';
import assert from 'node:assert/strict';
import { marchingSquares, levelCurves } from './marching-squares.ts';
import { ringArea } from './ring-geometry.ts';
import type { Grid2D } from './grid.ts';
import { QuarryError } from '../errors.ts';

/** Samples f on an n × m grid over [x0, x1] × [y0, y1]. */
function sample(f: (x: number, y: number) => number, n: number, box = [-2, 2, -2, 2], m = n): Grid2D {
  const x = Float64Array.from({ length: n }, (_, k) => box[0] + ((box[1] - box[0]) * k) / (n - 1));
  const y = Float64Array.from({ length: m }, (_, k) => box[2] + ((box[3] - box[2]) * k) / (m - 1));
  const values = new Float64Array(n * m);
  for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) values[j * n + i] = f(x[i], y[j]);
  return { nx: n, ny: m, x, y, values };
}

const disc = (x: number, y: number) => x * x + y * y;

test('a disc x² + y² < 1 is one counter-clockwise ring whose area converges to π', () => {
  let previous = Infinity;
  for (const n of [51, 101, 201]) {
    const rings = marchingSquares(sample(disc, n), 1);
    assert.equal(rings.length, 1);
    const area = ringArea(rings[0]);
    assert.ok(area > 0, 'outer ring is counter-clockwise');
    const error = Math.abs(area - Math.PI) / Math.PI;
    assert.ok(error < previous, `error shrinks with the grid spacing (${error} at ${n})`);
    previous = error;
  }
  assert.ok(previous <= 1e-3, `relative area error ${previous} at 201²`);
});

test('rings are closed and every vertex of the disc ring lies near the unit circle', () => {
  const [ring] = marchingSquares(sample(disc, 81), 1);
  assert.deepEqual(ring[0], ring[ring.length - 1]);
  for (const [x, y] of ring) assert.ok(Math.abs(Math.hypot(x, y) - 1) < 2e-3);
});

test('an annulus 1 < r < 1.5 gives one counter-clockwise outer ring and one clockwise hole', () => {
  const rings = marchingSquares(sample((x, y) => Math.abs(Math.hypot(x, y) - 1.25), 161), 0.25);
  assert.equal(rings.length, 2);
  const areas = rings.map(ringArea).sort((a, b) => a - b);
  assert.ok(areas[0] < 0 && areas[1] > 0);
  assert.ok(Math.abs(areas[1] - Math.PI * 2.25) / (Math.PI * 2.25) < 2e-3);
  assert.ok(Math.abs(-areas[0] - Math.PI) / Math.PI < 2e-3);
});

test('a half-plane x < 0.3 is closed along the box edges with area (0.3 + 2) · 4', () => {
  const rings = marchingSquares(sample((x) => x, 41), 0.3);
  assert.equal(rings.length, 1);
  const ring = rings[0];
  assert.ok(Math.abs(ringArea(ring) - 2.3 * 4) < 1e-12);
  // After dropping the vertices passed straight along the border, the ring is the rectangle's corners.
  const corners = ring.slice(0, -1).map(([x, y]) => `${x.toFixed(12)},${y.toFixed(12)}`).sort();
  assert.deepEqual(corners, ['-2.000000000000,-2.000000000000', '-2.000000000000,2.000000000000', '0.300000000000,-2.000000000000', '0.300000000000,2.000000000000']);
});

test('a region covering a box corner is closed along both edges that meet there', () => {
  const rings = marchingSquares(sample((x, y) => x + y, 21, [0, 1, 0, 1]), 0.5);
  assert.equal(rings.length, 1);
  assert.ok(Math.abs(ringArea(rings[0]) - 0.125) < 1e-12);
});

test('a saddle cell joins the inside corners when the centre average is below t, separates them otherwise', () => {
  // Corners (0,0) and (1,1) inside (0), (1,0) and (0,1) outside (1); centre average 0.5.
  const grid = (): Grid2D => ({ nx: 2, ny: 2, x: Float64Array.of(0, 1), y: Float64Array.of(0, 1), values: Float64Array.of(0, 1, 1, 0) });
  const joined = marchingSquares(grid(), 0.6); // centre 0.5 < 0.6: one band across the cell
  assert.equal(joined.length, 1);
  assert.ok(Math.abs(ringArea(joined[0]) - (1 - 2 * 0.5 * 0.4 * 0.4)) < 1e-12);
  const separated = marchingSquares(grid(), 0.4); // centre 0.5 ≥ 0.4: two corner triangles
  assert.equal(separated.length, 2);
  for (const ring of separated) assert.ok(Math.abs(ringArea(ring) - 0.5 * 0.4 * 0.4) < 1e-12);
});

test('a saddle of x·y in one cell: joined for t above the centre value 0, separated below it', () => {
  // Corners: f(-1,-1) = 1, f(1,-1) = -1, f(1,1) = 1, f(-1,1) = -1; the same two corners are inside for both t.
  const cell = sample((x, y) => x * y, 2, [-1, 1, -1, 1]);
  const joined = marchingSquares(cell, 0.5);
  assert.equal(joined.length, 1);
  assert.ok(Math.abs(ringArea(joined[0]) - (4 - 2 * 0.5 * 0.5 * 0.5)) < 1e-12);
  const separated = marchingSquares(cell, -0.5);
  assert.equal(separated.length, 2);
  for (const ring of separated) assert.ok(Math.abs(ringArea(ring) - 0.5 * 0.5 * 0.5) < 1e-12);
});

test('two separate blobs give two counter-clockwise rings', () => {
  const f = (x: number, y: number) => Math.min((x + 1) ** 2 + y * y, (x - 1) ** 2 + y * y);
  const rings = marchingSquares(sample(f, 121), 0.25);
  assert.equal(rings.length, 2);
  for (const ring of rings) assert.ok(Math.abs(ringArea(ring) - Math.PI * 0.25) / (Math.PI * 0.25) < 5e-3);
});

test('NaN values are not in the region: a NaN hole punches out the cells around it', () => {
  const grid = sample(() => 0, 5, [0, 4, 0, 4]);
  grid.values[2 * 5 + 2] = NaN; // centre vertex (2, 2)
  const rings = marchingSquares(grid, 1);
  assert.equal(rings.length, 2);
  const areas = rings.map(ringArea).sort((a, b) => a - b);
  assert.equal(areas[1], 16);
  assert.equal(areas[0], -0.5); // crossings at edge midpoints: a diamond of half-diagonal 0.5
});

test('a NaN at the border cuts into the region from the edge', () => {
  const grid = sample(() => 0, 3, [0, 2, 0, 2]);
  grid.values[1] = NaN; // (1, 0), middle of the bottom edge
  const rings = marchingSquares(grid, 1);
  assert.equal(rings.length, 1);
  assert.equal(ringArea(rings[0]), 4 - 0.25);
});

test('a constant field is all in (one ring round the box) or none in', () => {
  const inside = marchingSquares(sample(() => -1, 4, [0, 3, 0, 2]), 0);
  assert.equal(inside.length, 1);
  assert.equal(ringArea(inside[0]), 6);
  assert.equal(inside[0].length, 5);
  assert.deepEqual(marchingSquares(sample(() => 1, 4), 0), []);
  assert.deepEqual(marchingSquares(sample(() => 0, 4), 0), [], 'f = t is not below t');
  assert.deepEqual(marchingSquares(sample(() => NaN, 4), 0), []);
});

test('infinite values: -Infinity is in, +Infinity is out, crossings go to the finite end', () => {
  const grid: Grid2D = { nx: 2, ny: 2, x: Float64Array.of(0, 1), y: Float64Array.of(0, 1), values: Float64Array.of(-Infinity, 0, -Infinity, 0) };
  const [ring] = marchingSquares(grid, 0);
  assert.equal(ringArea(ring), 1);
});

test('level curves: the circle is one closed curve, a line across the box is one open curve', () => {
  const circle = levelCurves(sample(disc, 41), 1);
  assert.equal(circle.length, 1);
  assert.ok(circle[0].closed);
  assert.deepEqual(circle[0].points[0], circle[0].points[circle[0].points.length - 1]);
  const line = levelCurves(sample((x) => x, 11), 0.3);
  assert.equal(line.length, 1);
  assert.equal(line[0].closed, false);
  assert.equal(line[0].points.length, 11);
  // {f < t} = {x < 0.3} is on the left, so the line runs upwards (north, with the west on its left).
  assert.ok(line[0].points[0][1] < line[0].points[10][1]);
  for (const [x] of line[0].points) assert.ok(Math.abs(x - 0.3) < 1e-12);
});

test('level curves stop at cells with NaN corners', () => {
  const grid = sample((x) => x, 11);
  grid.values[5 * 11 + 6] = NaN; // next to the line x = 0.3 (between x[5] = 0 and x[6] = 0.4)
  const curves = levelCurves(grid, 0.3);
  assert.equal(curves.length, 2);
  for (const c of curves) assert.equal(c.closed, false);
});

test('invalid grids and thresholds throw INVALID_ARGUMENT', () => {
  const good = sample(disc, 3);
  assert.throws(() => marchingSquares({ ...good, values: new Float64Array(8) }, 0), (e: unknown) => e instanceof QuarryError && e.code === 'INVALID_ARGUMENT' && /nx × ny = 9/.test(e.message));
  assert.throws(() => marchingSquares({ ...good, x: Float64Array.of(0, 0, 1) }, 0), /strictly/);
  assert.throws(() => marchingSquares({ ...good, nx: 1 }, 0), /nx = 1/);
  assert.throws(() => marchingSquares(good, NaN), /threshold NaN/);
});
