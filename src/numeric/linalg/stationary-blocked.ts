/**
 * Plain-TypeScript stationary-kernel assembly for the blocked backend: the kernel kind is resolved
 * once per call (not per pair) and the pair loops stay monomorphic. Same contracts as stationary.ts.
 */
import type { StationaryKind } from './stationary.ts';

const SQRT3 = Math.sqrt(3);
const SQRT5 = Math.sqrt(5);

type Shape = (r2: number) => number;

const VALUE: Record<StationaryKind, Shape> = {
  rbf: (r2) => Math.exp(-0.5 * r2),
  matern12: (r2) => Math.exp(-Math.sqrt(r2)),
  matern32: (r2) => { const s = SQRT3 * Math.sqrt(r2); return (1 + s) * Math.exp(-s); },
  matern52: (r2) => { const s = SQRT5 * Math.sqrt(r2); return (1 + s + (5 / 3) * r2) * Math.exp(-s); },
};

/** value and −2 dk/dr² at r², written to pair[0], pair[1] (one exp). */
type Pair = (r2: number, pair: Float64Array) => void;

const PAIR: Record<StationaryKind, Pair> = {
  rbf: (r2, p) => { const e = Math.exp(-0.5 * r2); p[0] = e; p[1] = e; },
  matern12: (r2, p) => { const r = Math.sqrt(r2); const e = Math.exp(-r); p[0] = e; p[1] = r2 === 0 ? 0 : e / r; },
  matern32: (r2, p) => { const s = SQRT3 * Math.sqrt(r2); const e = Math.exp(-s); p[0] = (1 + s) * e; p[1] = 3 * e; },
  matern52: (r2, p) => {
    const s = SQRT5 * Math.sqrt(r2); const e = Math.exp(-s);
    p[0] = (1 + s + (5 / 3) * r2) * e; p[1] = (5 / 3) * (1 + s) * e;
  },
};

/** out[i·nb + c] = A·k(|a_i − b_c|²); see kernelMatrixReference. */
export function kernelMatrixBlocked(kind: StationaryKind, amplitude: number, a: Float64Array, b: Float64Array, d: number, out: Float64Array): void {
  const value = VALUE[kind];
  const na = a.length / d;
  const nb = b.length / d;
  for (let i = 0; i < na; i++) {
    const ai = i * d;
    const row = i * nb;
    for (let c = 0; c < nb; c++) {
      const bc = c * d;
      let r2 = 0;
      for (let j = 0; j < d; j++) {
        const t = a[ai + j] - b[bc + j];
        r2 += t * t;
      }
      out[row + c] = amplitude * value(r2);
    }
  }
}

/** The likelihood-gradient sums over a > b; see kernelGradientTermsReference. */
export function kernelGradientTermsBlocked(kind: StationaryKind, amplitude: number, xs: Float64Array, d: number, w: Float64Array, out: Float64Array): void {
  const pair = PAIR[kind];
  const n = xs.length / d;
  const kv = new Float64Array(2);
  const delta = new Float64Array(d);
  const sums = new Float64Array(d + 1);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < a; b++) {
      let r2 = 0;
      for (let j = 0; j < d; j++) {
        const t = xs[a * d + j] - xs[b * d + j];
        delta[j] = t * t;
        r2 += delta[j];
      }
      const wab = w[a * n + b] * amplitude;
      pair(r2, kv);
      sums[0] += wab * kv[0];
      const f = wab * kv[1];
      for (let j = 0; j < d; j++) sums[1 + j] += f * delta[j];
    }
  }
  out.set(sums);
}
