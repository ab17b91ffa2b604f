import { test } from 'node:test';
import assert from 'node:assert/strict';
import { marchingSquares } from './marching-squares.ts';
import { polygons } from './geojson.ts';
import { ringArea } from './ring-geometry.ts';
import type { Position } from './ring-geometry.ts';
import type { Grid2D } from './grid.ts';

/** Slow reference: area of {f < t} summed cell by cell from each cell's own in-corners and crossings. */
function referenceArea(grid: Grid2D, t: number): number {
  const { nx, ny, x, y, values } = grid;
  const shoelace = (p: Position[]) => ringArea([...p, p[0]]);
  const cross = (a: Position, fa: number, b: Position, fb: number): Position => {
    const s = Number.isNaN(fa) || Number.isNaN(fb) ? 0.5 : (t - fa) / (fb - fa);
    return [a[0] + s * (b[0] - a[0]), a[1] + s * (b[1] - a[1])];
  };
  let total = 0;
  for (let j = 0; j + 1 < ny; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      const p: Position[] = [[x[i], y[j]], [x[i + 1], y[j]], [x[i + 1], y[j + 1]], [x[i], y[j + 1]]];
      const f = [values[j * nx + i], values[j * nx + i + 1], values[(j + 1) * nx + i + 1], values[(j + 1) * nx + i]];
      const inside = f.map((v) => v < t);
      const walk: Position[] = [];
      const c: Position[] = [];
      for (let k = 0; k < 4; k++) {
        if (inside[k]) walk.push(p[k]);
        if (inside[k] !== inside[(k + 1) % 4]) {
          c[k] = cross(p[k], f[k], p[(k + 1) % 4], f[(k + 1) % 4]);
          walk.push(c[k]);
        }
      }
      if (walk.length === 0) continue;
      const saddle = inside[0] === inside[2] && inside[1] === inside[3] && inside[0] !== inside[1];
      if (saddle && !((f[0] + f[1] + f[2] + f[3]) / 4 < t)) {
        // Separate corner triangles instead of the joined band the walk describes.
        const k0 = inside[0] ? 0 : 1;
        total += shoelace([p[k0], c[k0], c[(k0 + 3) % 4]]) + shoelace([p[k0 + 2], c[k0 + 2], c[k0 + 1]]);
      } else {
        total += shoelace(walk);
      }
    }
  }
  return total;
}

/** A small seeded generator (mulberry32) so the fields are the same on every run. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let r = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

for (const [label, draw] of [['continuous', (u: number) => u], ['three-level (f = t at many vertices)', (u: number) => Math.floor(u * 3) / 2]] as const) {
  test(`on random ${label} fields with NaNs, the rings enclose exactly the cell-by-cell reference area`, () => {
    const random = rng(7);
    for (let trial = 0; trial < 40; trial++) {
      const nx = 2 + Math.floor(random() * 12);
      const ny = 2 + Math.floor(random() * 12);
      const x = new Float64Array(nx);
      const y = new Float64Array(ny);
      for (let k = 1; k < nx; k++) x[k] = x[k - 1] + 0.1 + random();
      for (let k = 1; k < ny; k++) y[k] = y[k - 1] + 0.1 + random();
      const values = Float64Array.from({ length: nx * ny }, () => (random() < 0.1 ? NaN : draw(random())));
      const grid = { nx, ny, x, y, values };
      const t = label === 'continuous' ? random() : 0.5;
      const rings = marchingSquares(grid, t);
      const area = rings.reduce((s, r) => s + ringArea(r), 0);
      assert.ok(Math.abs(area - referenceArea(grid, t)) < 1e-9, `trial ${trial}: ${area} vs ${referenceArea(grid, t)}`);
      for (const ring of rings) assert.deepEqual(ring[0], ring[ring.length - 1]);
      const shape = polygons(rings);
      const polygonArea = shape.coordinates.reduce((s, poly) => s + poly.reduce((a, r) => a + ringArea(r), 0), 0);
      assert.ok(Math.abs(polygonArea - area) < 1e-9, 'grouping into polygons keeps every ring');
      for (const poly of shape.coordinates) {
        assert.ok(ringArea(poly[0]) > 0);
        for (const hole of poly.slice(1)) assert.ok(ringArea(hole) < 0);
      }
    }
  });
}
