/**
 * The marching-squares cell cases, as a directed graph on grid edges.
 *
 * Vertices are numbered v = j·nx + i. The edge from v to v + 1 (along x) has id 2v, the edge from v to
 * v + nx (along y) has id 2v + 1. Every cell whose corners straddle t adds directed segments from one
 * crossed edge to another, oriented so that the region {f < t} lies on the left: walked in order, the
 * segments give counter-clockwise outer boundaries and clockwise holes (RFC 7946 §3.1.6).
 *
 * Saddles (two diagonal corners inside) are resolved with the cell-centre average of the four values:
 * if it is < t the two inside corners are joined, otherwise they are separated.
 */

/** `next[e]` is the edge where the segment starting on edge e ends, or -1; `hasPrev[e]` = 1 if a segment ends on e. */
export interface SegmentGraph {
  nx: number;
  ny: number;
  next: Int32Array;
  hasPrev: Uint8Array;
}

/**
 * Fraction s ∈ [0, 1] along the edge a → b where the linear interpolant of f crosses t.
 * NaN at either end (no value, or the padding outside the box) puts the crossing at the midpoint;
 * an infinite end puts it at the finite end (the limit of the linear interpolant).
 */
export function crossingFraction(fa: number, fb: number, t: number): number {
  if (Number.isNaN(fa) || Number.isNaN(fb)) return 0.5;
  const aInf = !Number.isFinite(fa);
  const bInf = !Number.isFinite(fb);
  if (aInf && bInf) return 0.5;
  if (aInf) return 1;
  if (bInf) return 0;
  const s = (t - fa) / (fb - fa);
  return s < 0 ? 0 : s > 1 ? 1 : s;
}

/** The [x, y] crossing point on edge `id` of a grid with coordinates xs (nx) and ys (ny). */
export function edgePoint(id: number, nx: number, xs: Float64Array, ys: Float64Array, values: Float64Array, t: number): [number, number] {
  const a = id >> 1;
  const i = a % nx;
  const j = (a - i) / nx;
  if ((id & 1) === 0) {
    const s = crossingFraction(values[a], values[a + 1], t);
    return [xs[i] + s * (xs[i + 1] - xs[i]), ys[j]];
  }
  const s = crossingFraction(values[a], values[a + nx], t);
  return [xs[i], ys[j] + s * (ys[j + 1] - ys[j])];
}

/**
 * Builds the segment graph of {f < t} over every cell of an nx × ny grid.
 * NaN counts as "not in the region"; with `skipNaNCells` a cell with any NaN corner adds nothing
 * (for level lines, which should not trace the edge of missing data).
 */
export function cellSegments(nx: number, ny: number, values: Float64Array, t: number, skipNaNCells: boolean): SegmentGraph {
  const next = new Int32Array(2 * nx * ny).fill(-1);
  const hasPrev = new Uint8Array(2 * nx * ny);
  const edges = [0, 0, 0, 0];
  const inside = [false, false, false, false];
  const crossings: number[] = [];
  for (let j = 0; j + 1 < ny; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      // Corners counter-clockwise: v0 (i, j), v1 (i+1, j), v2 (i+1, j+1), v3 (i, j+1); edge k joins v_k → v_{k+1}.
      const v0 = j * nx + i;
      const v1 = v0 + 1;
      const v2 = v1 + nx;
      const v3 = v0 + nx;
      const f0 = values[v0], f1 = values[v1], f2 = values[v2], f3 = values[v3];
      if (skipNaNCells && (Number.isNaN(f0) || Number.isNaN(f1) || Number.isNaN(f2) || Number.isNaN(f3))) continue;
      inside[0] = f0 < t; inside[1] = f1 < t; inside[2] = f2 < t; inside[3] = f3 < t;
      if (inside[0] === inside[1] && inside[1] === inside[2] && inside[2] === inside[3]) continue;
      edges[0] = 2 * v0; edges[1] = 2 * v1 + 1; edges[2] = 2 * v3; edges[3] = 2 * v0 + 1;
      crossings.length = 0;
      for (let k = 0; k < 4; k++) if (inside[k] !== inside[(k + 1) & 3]) crossings.push(k);
      const m = crossings.length; // 2, or 4 for a saddle
      // The boundary leaves the region where the counter-clockwise walk round the cell goes in → out;
      // it returns at the next crossing (joined saddle) or the previous one (separate corners).
      const step = m === 4 && (f0 + f1 + f2 + f3) / 4 < t ? 1 : m - 1;
      for (let c = 0; c < m; c++) {
        const k = crossings[c];
        if (!inside[k]) continue;
        const start = edges[k];
        const end = edges[crossings[(c + step) % m]];
        next[start] = end;
        hasPrev[end] = 1;
      }
    }
  }
  return { nx, ny, next, hasPrev };
}

/**
 * Walks the graph into chains of edge ids: open chains first (from an edge nothing ends on), then the
 * closed loops. A closed chain does not repeat its first id.
 */
export function chains(graph: SegmentGraph): { ids: number[]; closed: boolean }[] {
  const { next, hasPrev } = graph;
  const seen = new Uint8Array(next.length);
  const out: { ids: number[]; closed: boolean }[] = [];
  const walk = (start: number): number[] => {
    const ids: number[] = [];
    let e = start;
    while (e !== -1 && !seen[e]) {
      seen[e] = 1;
      ids.push(e);
      e = next[e];
    }
    return ids;
  };
  for (let e = 0; e < next.length; e++) {
    if (next[e] !== -1 && !hasPrev[e]) {
      const ids = walk(e);
      // The last edge has no successor segment, so walk() stops after it: it is the chain's end point.
      out.push({ ids, closed: false });
    }
  }
  for (let e = 0; e < next.length; e++) {
    if (next[e] !== -1 && !seen[e]) out.push({ ids: walk(e), closed: true });
  }
  return out;
}
