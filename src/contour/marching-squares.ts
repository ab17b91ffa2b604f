/**
 * Marching squares: the region {f < t} ("excluded" in quarry's convention) of a gridded field as closed
 * rings, and the level curves f = t as polylines.
 *
 * Crossing points are linearly interpolated along grid edges; saddle cells are resolved by the
 * cell-centre average. The region is clipped by the grid's box: the grid is padded with one ring of NaN
 * vertices placed at the same coordinates as the border, so a region that reaches the border is closed
 * along it. NaN values are "not in the region" (a crossing next to a NaN lies mid-edge).
 */
import type { Grid2D } from './grid.ts';
import { validateGrid, validateThreshold } from './grid.ts';
import { cellSegments, chains, edgePoint } from './cell-segments.ts';
import { ringArea } from './ring-geometry.ts';
import type { Position, Ring } from './ring-geometry.ts';

/** A level curve f = t: `closed` curves repeat their first position at the end. */
export interface LevelCurve {
  points: Position[];
  closed: boolean;
}

/** Drops consecutive repeated positions (zero-length segments at the border and where f = t at a vertex). */
function dedupe(points: Position[], closed: boolean): Position[] {
  const out: Position[] = [];
  for (const p of points) {
    const q = out[out.length - 1];
    if (q === undefined || q[0] !== p[0] || q[1] !== p[1]) out.push(p);
  }
  if (closed) {
    while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  }
  return out;
}

/** True if b lies on the axis-parallel segment a–c (a grid vertex passed along the border). */
function straightThrough(a: Position, b: Position, c: Position): boolean {
  if (a[0] === b[0] && b[0] === c[0]) return (a[1] - b[1]) * (c[1] - b[1]) < 0;
  if (a[1] === b[1] && b[1] === c[1]) return (a[0] - b[0]) * (c[0] - b[0]) < 0;
  return false;
}

/** Removes the vertices of a cyclic polygon (not repeated at the end) that lie straight between their neighbours along an axis. */
function dropStraight(points: Position[]): Position[] {
  let ring = points;
  for (let changed = true; changed && ring.length > 3; ) {
    changed = false;
    const kept: Position[] = [];
    const n = ring.length;
    for (let k = 0; k < n; k++) {
      const prev = kept.length > 0 ? kept[kept.length - 1] : ring[n - 1];
      if (straightThrough(prev, ring[k], ring[(k + 1) % n])) changed = true;
      else kept.push(ring[k]);
    }
    ring = kept;
  }
  return ring;
}

/**
 * The region {f < t} of `grid` as closed rings (first position repeated last): outer boundaries
 * counter-clockwise, holes clockwise. Rings of zero area are dropped. Use `polygons()` (geojson.ts) to
 * group holes with their outer rings.
 */
export function marchingSquares(grid: Grid2D, t: number): Ring[] {
  validateGrid(grid);
  validateThreshold(t);
  const { nx, ny } = grid;
  const px = nx + 2;
  const py = ny + 2;
  const xs = new Float64Array(px);
  const ys = new Float64Array(py);
  xs.set(grid.x, 1); xs[0] = grid.x[0]; xs[px - 1] = grid.x[nx - 1];
  ys.set(grid.y, 1); ys[0] = grid.y[0]; ys[py - 1] = grid.y[ny - 1];
  const padded = new Float64Array(px * py).fill(NaN);
  for (let j = 0; j < ny; j++) padded.set(grid.values.subarray(j * nx, (j + 1) * nx), (j + 1) * px + 1);

  const rings: Ring[] = [];
  for (const chain of chains(cellSegments(px, py, padded, t, false))) {
    const points = dropStraight(dedupe(chain.ids.map((id) => edgePoint(id, px, xs, ys, padded, t)), true));
    if (points.length < 3) continue;
    const ring: Ring = [...points, [points[0][0], points[0][1]]];
    if (ringArea(ring) !== 0) rings.push(ring);
  }
  return rings;
}

/**
 * The level curves f = t of `grid`, oriented with {f < t} on the left. Curves end where they reach the
 * border of the grid or a cell with a NaN corner; closed curves repeat their first position last.
 */
export function levelCurves(grid: Grid2D, t: number): LevelCurve[] {
  validateGrid(grid);
  validateThreshold(t);
  const { nx, x, y, values } = grid;
  const curves: LevelCurve[] = [];
  for (const chain of chains(cellSegments(nx, grid.ny, values, t, true))) {
    const points = dedupe(chain.ids.map((id) => edgePoint(id, nx, x, y, values, t)), chain.closed);
    if (chain.closed) {
      if (points.length < 3) continue;
      points.push([points[0][0], points[0][1]]);
    } else if (points.length < 2) continue;
    curves.push({ points, closed: chain.closed });
  }
  return curves;
}
