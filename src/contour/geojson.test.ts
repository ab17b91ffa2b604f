import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contourToGeoJSON, contourPolygons, isoLines, polygons } from './geojson.ts';
import { ringArea } from './ring-geometry.ts';
import type { Grid2D } from './grid.ts';
import type { Ring } from './ring-geometry.ts';

function sample(f: (x: number, y: number) => number, n: number, lo = -2, hi = 2): Grid2D {
  const x = Float64Array.from({ length: n }, (_, k) => lo + ((hi - lo) * k) / (n - 1));
  const values = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) values[j * n + i] = f(x[i], x[j]);
  return { nx: n, ny: n, x, y: x.slice(), values };
}

const r = (x: number, y: number) => Math.hypot(x, y);

test('an annulus is one polygon: a counter-clockwise outer ring and one clockwise hole', () => {
  const shape = contourPolygons(sample((x, y) => Math.abs(r(x, y) - 1.25), 121), 0.25);
  assert.equal(shape.type, 'MultiPolygon');
  assert.equal(shape.coordinates.length, 1);
  const [outer, ...holes] = shape.coordinates[0];
  assert.ok(ringArea(outer) > 0);
  assert.equal(holes.length, 1);
  assert.ok(ringArea(holes[0]) < 0);
});

test('an island inside a hole is its own polygon, and each hole joins the ring round it', () => {
  // {f < 0}: r < 0.5 (island), 1 < r < 1.8 (annulus) — the island sits inside the annulus's hole.
  const f = (x: number, y: number) => Math.min(r(x, y) - 0.5, Math.abs(r(x, y) - 1.4) - 0.4);
  const shape = contourPolygons(sample(f, 161), 0);
  assert.equal(shape.coordinates.length, 2);
  const sizes = shape.coordinates.map((p) => [ringArea(p[0]), p.length]).sort((a, b) => a[0] - b[0]);
  assert.equal(sizes[0][1], 1, 'the island has no hole');
  assert.equal(sizes[1][1], 2, 'the annulus has its hole');
  assert.ok(Math.abs(sizes[0][0] - Math.PI * 0.25) < 1e-2);
});

test('two blobs each with a hole: every hole goes to the blob that contains it', () => {
  const ring = (cx: number) => (x: number, y: number) => Math.abs(r(x - cx, y) - 0.6) - 0.25;
  const shape = contourPolygons(sample((x, y) => Math.min(ring(-1)(x, y), ring(1)(x, y)), 201, -2, 2), 0);
  assert.equal(shape.coordinates.length, 2);
  for (const [outer, hole] of shape.coordinates) {
    const cx = Math.sign(outer[0][0]);
    assert.ok(hole.every(([x]) => Math.sign(x) === cx), 'hole lies on the same side as its outer ring');
  }
});

test('polygons() keeps a stray clockwise ring as its own (reversed) polygon', () => {
  const hole: Ring = [[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]];
  const shape = polygons([hole]);
  assert.equal(shape.coordinates.length, 1);
  assert.equal(ringArea(shape.coordinates[0][0]), 1);
});

test('contourToGeoJSON gives one feature per threshold, in order, with the threshold in its properties', () => {
  const grid = sample((x, y) => x * x + y * y, 41);
  const fc = contourToGeoJSON(grid, [0.5, 1, 100, -1], { model: 'disc', threshold: 'ignored' });
  assert.equal(fc.type, 'FeatureCollection');
  assert.deepEqual(fc.features.map((f) => f.properties), [
    { threshold: 0.5, model: 'disc' }, { threshold: 1, model: 'disc' }, { threshold: 100, model: 'disc' }, { threshold: -1, model: 'disc' },
  ]);
  const areas = fc.features.map((f) => f.geometry.coordinates.reduce((s, p) => s + ringArea(p[0]), 0));
  assert.ok(Math.abs(areas[0] - Math.PI * 0.5) < 1e-2);
  assert.ok(Math.abs(areas[1] - Math.PI) < 1e-2);
  assert.equal(areas[2], 16, 'everything below t = 100: the whole box');
  assert.deepEqual(fc.features[3].geometry.coordinates, [], 'nothing below t = -1');
  assert.deepEqual(JSON.parse(JSON.stringify(fc)), fc, 'plain JSON');
});

test('isoLines gives the level curves as a MultiLineString', () => {
  const lines = isoLines(sample((x, y) => Math.min((x + 1) ** 2 + y * y, (x - 1) ** 2 + y * y), 81), 0.25);
  assert.equal(lines.type, 'MultiLineString');
  assert.equal(lines.coordinates.length, 2);
  for (const line of lines.coordinates) assert.deepEqual(line[0], line[line.length - 1]);
  const open = isoLines(sample((x, y) => x + y, 11), 0);
  assert.equal(open.coordinates.length, 1);
  assert.deepEqual(open.coordinates[0][0].map(Math.abs), [2, 2]);
});
