/** Small planar geometry on GeoJSON-style rings: [x, y] positions, closed (first position = last). */

export type Position = [number, number];
/** A closed ring: the first position is repeated at the end (RFC 7946 §3.1.6). */
export type Ring = Position[];

/** Signed area by the shoelace formula: > 0 for counter-clockwise rings, < 0 for clockwise ones. */
export function ringArea(ring: readonly Position[]): number {
  let twice = 0;
  for (let k = 0; k + 1 < ring.length; k++) {
    twice += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
  }
  return twice / 2;
}

/** 1 if p is strictly inside the closed ring, -1 if strictly outside, 0 if on its boundary (even–odd rule). */
export function pointInRing(p: Position, ring: readonly Position[]): 1 | 0 | -1 {
  const [px, py] = p;
  let inside = false;
  for (let k = 0; k + 1 < ring.length; k++) {
    const [ax, ay] = ring[k];
    const [bx, by] = ring[k + 1];
    const cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
    if (cross === 0 && px >= Math.min(ax, bx) && px <= Math.max(ax, bx) && py >= Math.min(ay, by) && py <= Math.max(ay, by)) return 0;
    if (ay > py !== by > py && px < ax + ((py - ay) * (bx - ax)) / (by - ay)) inside = !inside;
  }
  return inside ? 1 : -1;
}

/** Whether ring `inner` lies inside ring `outer`, judged at the first vertex of `inner` not on `outer`. */
export function ringInsideRing(inner: readonly Position[], outer: readonly Position[]): boolean {
  for (let k = 0; k + 1 < inner.length; k++) {
    const side = pointInRing(inner[k], outer);
    if (side !== 0) return side === 1;
  }
  // Every vertex lies on `outer`: test an edge midpoint instead.
  const [a, b] = [inner[0], inner[1]];
  return pointInRing([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], outer) === 1;
}

/** Axis-aligned bounding box [minX, minY, maxX, maxY]. */
export function ringBox(ring: readonly Position[]): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of ring) {
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}
