/**
 * GeoJSON (RFC 7946) output of contours: the region {f < t} as a MultiPolygon per threshold, and the
 * level curves f = t as a MultiLineString. Coordinates are the grid's own [x, y] (not longitude/latitude).
 */
import type { Grid2D } from './grid.ts';
import { levelCurves, marchingSquares } from './marching-squares.ts';
import { ringArea, ringBox, ringInsideRing } from './ring-geometry.ts';
import type { Position, Ring } from './ring-geometry.ts';

export interface MultiPolygon {
  type: 'MultiPolygon';
  /** Polygons; each is [outer ring (counter-clockwise), ...holes (clockwise)]. */
  coordinates: Position[][][];
}

export interface MultiLineString {
  type: 'MultiLineString';
  coordinates: Position[][];
}

export interface ContourProperties {
  threshold: number;
  [key: string]: unknown;
}

export interface Feature<G, P> {
  type: 'Feature';
  geometry: G;
  properties: P;
}

export interface FeatureCollection<G, P> {
  type: 'FeatureCollection';
  features: Feature<G, P>[];
}

/**
 * Groups rings into polygons: counter-clockwise rings are outer boundaries, clockwise rings are holes,
 * and each hole joins the smallest outer ring that contains it (the innermost one, since marching-squares
 * rings never cross). Outer rings keep their input order.
 */
export function polygons(rings: readonly Ring[]): MultiPolygon {
  const outers: { ring: Ring; area: number; box: number[]; holes: Ring[] }[] = [];
  const holes: { ring: Ring; area: number; box: number[] }[] = [];
  for (const ring of rings) {
    const area = ringArea(ring);
    if (area > 0) outers.push({ ring, area, box: ringBox(ring), holes: [] });
    else if (area < 0) holes.push({ ring, area: -area, box: ringBox(ring) });
  }
  const bySize = [...outers].sort((a, b) => a.area - b.area);
  for (const hole of holes) {
    const [hx0, hy0, hx1, hy1] = hole.box;
    const parent = bySize.find(
      (o) => o.area > hole.area && o.box[0] <= hx0 && o.box[1] <= hy0 && o.box[2] >= hx1 && o.box[3] >= hy1 && ringInsideRing(hole.ring, o.ring),
    );
    // A hole always has an outer ring round it; if rounding ever hides it, keep the hole as its own polygon (reversed) rather than lose it.
    if (parent !== undefined) parent.holes.push(hole.ring);
    else outers.push({ ring: [...hole.ring].reverse(), area: hole.area, box: hole.box, holes: [] });
  }
  return { type: 'MultiPolygon', coordinates: outers.map((o) => [o.ring, ...o.holes]) };
}

/** The region {f < t} of `grid` as a GeoJSON MultiPolygon (empty coordinates when nothing is below t). */
export function contourPolygons(grid: Grid2D, t: number): MultiPolygon {
  return polygons(marchingSquares(grid, t));
}

/**
 * One Feature per threshold, in the order given, each with the MultiPolygon of {f < threshold} and
 * properties `{threshold, ...properties}` (the threshold wins over a `threshold` key in `properties`).
 */
export function contourToGeoJSON(
  grid: Grid2D,
  thresholds: readonly number[],
  properties: Record<string, unknown> = {},
): FeatureCollection<MultiPolygon, ContourProperties> {
  return {
    type: 'FeatureCollection',
    features: thresholds.map((threshold) => ({
      type: 'Feature',
      geometry: contourPolygons(grid, threshold),
      properties: Object.assign({ threshold }, properties, { threshold }),
    })),
  };
}

/**
 * The level curves f = t as a GeoJSON MultiLineString (for drawing contour lines). Open curves end on
 * the grid border or next to missing (NaN) values; closed curves repeat their first position last.
 * Curves run with {f < t} on their left.
 */
export function isoLines(grid: Grid2D, t: number): MultiLineString {
  return { type: 'MultiLineString', coordinates: levelCurves(grid, t).map((c) => c.points) };
}
