/**
 * Stationary kernel shapes k(r²) on squared scaled distances, as the linalg backends assemble them.
 * The names and formulas mirror src/surrogate/kernels/ (the source of truth; numeric cannot import it):
 *   rbf       exp(−r²/2)                    −2 dk/dr² = exp(−r²/2)
 *   matern12  exp(−r)                       −2 dk/dr² = exp(−r)/r (0 at r = 0)
 *   matern32  (1 + √3r) e^{−√3r}            −2 dk/dr² = 3 e^{−√3r}
 *   matern52  (1 + √5r + 5r²/3) e^{−√5r}    −2 dk/dr² = (5/3)(1 + √5r) e^{−√5r}
 * Plain scalar code: the ground truth the fast kernels are tested against.
 */
import { unknownKey } from '../../errors.ts';

export const STATIONARY_KINDS = ['rbf', 'matern12', 'matern32', 'matern52'] as const;
export type StationaryKind = (typeof STATIONARY_KINDS)[number];

const SQRT3 = Math.sqrt(3);
const SQRT5 = Math.sqrt(5);

/** The index of a kind (the wasm kernels take it as an integer); throws for an unknown name. */
export function stationaryIndex(kind: string): number {
  const i = (STATIONARY_KINDS as readonly string[]).indexOf(kind);
  if (i < 0) throw unknownKey('stationary kernel', kind, STATIONARY_KINDS);
  return i;
}

/** k(r²), with k(0) = 1. */
export function stationaryValue(kind: StationaryKind, r2: number): number {
  switch (kind) {
    case 'rbf': return Math.exp(-0.5 * r2);
    case 'matern12': return Math.exp(-Math.sqrt(r2));
    case 'matern32': { const s = SQRT3 * Math.sqrt(r2); return (1 + s) * Math.exp(-s); }
    case 'matern52': { const s = SQRT5 * Math.sqrt(r2); return (1 + s + (5 / 3) * r2) * Math.exp(-s); }
    default: throw unknownKey('stationary kernel', kind as string, STATIONARY_KINDS);
  }
}

/** −2·dk/d(r²) (turns Δ_j² into ∂k/∂ln ℓ_j); 0 at r² = 0 where it is singular (matern12). */
export function stationaryLengthScaleFactor(kind: StationaryKind, r2: number): number {
  switch (kind) {
    case 'rbf': return Math.exp(-0.5 * r2);
    case 'matern12': { if (r2 === 0) return 0; const r = Math.sqrt(r2); return Math.exp(-r) / r; }
    case 'matern32': return 3 * Math.exp(-SQRT3 * Math.sqrt(r2));
    case 'matern52': { const s = SQRT5 * Math.sqrt(r2); return (5 / 3) * (1 + s) * Math.exp(-s); }
    default: throw unknownKey('stationary kernel', kind as string, STATIONARY_KINDS);
  }
}

/**
 * out[i·nb + c] = A·k(|a_i − b_c|²) for a (na × d) and b (nb × d), row-major, already divided by the
 * length scales. Shape of out: (na × nb).
 */
export function kernelMatrixReference(kind: StationaryKind, amplitude: number, a: Float64Array, b: Float64Array, d: number, out: Float64Array): void {
  const na = a.length / d;
  const nb = b.length / d;
  for (let i = 0; i < na; i++) {
    for (let c = 0; c < nb; c++) {
      let r2 = 0;
      for (let j = 0; j < d; j++) {
        const t = a[i * d + j] - b[c * d + j];
        r2 += t * t;
      }
      out[i * nb + c] = amplitude * stationaryValue(kind, r2);
    }
  }
}

/**
 * The sums of the likelihood gradient over the strict lower triangle of the weights w (n × n,
 * row-major) at the points xs (n × d, divided by the length scales):
 *   out[0]     = Σ_{a>b} w_ab·A·k(r²_ab)
 *   out[1 + j] = Σ_{a>b} w_ab·A·(−2 dk/dr²)(r²_ab)·Δ_abj²      (j < d)
 */
export function kernelGradientTermsReference(kind: StationaryKind, amplitude: number, xs: Float64Array, d: number, w: Float64Array, out: Float64Array): void {
  const n = xs.length / d;
  out.fill(0, 0, d + 1);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < a; b++) {
      let r2 = 0;
      for (let j = 0; j < d; j++) r2 += (xs[a * d + j] - xs[b * d + j]) ** 2;
      const wab = w[a * n + b] * amplitude;
      out[0] += wab * stationaryValue(kind, r2);
      const f = wab * stationaryLengthScaleFactor(kind, r2);
      for (let j = 0; j < d; j++) out[1 + j] += f * (xs[a * d + j] - xs[b * d + j]) ** 2;
    }
  }
}
