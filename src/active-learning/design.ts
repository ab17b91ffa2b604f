/**
 * Initial designs in the unit box of the free parameters: scrambled Sobol, Latin hypercube, a full
 * grid, or a user list. Deterministic for a seed; invalid points are skipped (Sobol and LHS draw more).
 */
import { QuarryError } from '../errors.ts';
import { latinHypercube, sobolPoints } from '../numeric/design/index.ts';
import { createRng } from '../numeric/random/index.ts';
import { toUnitBox, type Domain } from './domain.ts';
import type { DesignSpec } from './state.ts';

export function designPoints(spec: DesignSpec, domain: Domain, seed: number, valid?: (u: Float64Array) => boolean): Float64Array {
  const d = domain.dimension;
  const keep = (points: Float64Array, want: number) => {
    const out: number[] = [];
    for (let i = 0; i < points.length && out.length < want * d; i += d) {
      const u = points.subarray(i, i + d);
      if (!valid || valid(u)) out.push(...u);
    }
    return Float64Array.from(out);
  };
  const count = spec.count ?? 0;
  switch (spec.type) {
    case 'sobol':
      return keep(sobolPoints(count * 8, d, { scramble: createRng(seed ^ 0x5eed) }), count);
    case 'lhs': {
      // draw Latin hypercubes until enough valid points are found
      const rng = createRng(seed ^ 0x1a7);
      for (let size = count; ; size *= 2) {
        const pts = keep(latinHypercube(size, d, rng), count);
        if (pts.length === count * d || size > count * 64) return pts;
      }
    }
    case 'grid': {
      const per = Math.max(2, Math.round(Math.pow(count, 1 / d)));
      const total = per ** d;
      const pts = new Float64Array(total * d);
      for (let i = 0; i < total; i++) {
        let r = i;
        for (let j = 0; j < d; j++) { pts[i * d + j] = (r % per) / (per - 1); r = Math.floor(r / per); }
      }
      return keep(pts, total);
    }
    case 'list': {
      const points = spec.points ?? [];
      const pts = new Float64Array(points.length * d);
      points.forEach((p, i) => pts.set(toUnitBox(domain, p), i * d));
      for (let i = 0; i < pts.length; i++) {
        if (!(pts[i] >= -1e-12 && pts[i] <= 1 + 1e-12)) {
          throw new QuarryError('INVALID_INPUT', `design point ${Math.floor(i / d)} lies outside the parameter bounds`, 'move the point inside [lower, upper] of every parameter');
        }
      }
      return pts;
    }
    default:
      throw new QuarryError('UNKNOWN_KEY', `unknown design type "${(spec as { type: string }).type}"`, 'use one of: sobol, lhs, grid, list');
  }
}
