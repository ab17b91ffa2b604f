/**
 * The compact limited-memory BFGS matrix of L-BFGS-B: B = θI − W M Wᵀ.
 *
 * With the last k ≤ m correction pairs S = [s_0 … s_{k−1}], Y = [y_0 … y_{k−1}] (n × k),
 * W = [Y, θS] (n × 2k) and M = [[−D, Lᵀ], [L, θ SᵀS]]⁻¹ (2k × 2k), where D = diag(s_iᵀy_i) and
 * L_ij = s_iᵀy_j for i > j (Byrd, Lu, Nocedal, Zhu 1995, eqs. 3.2–3.4; Byrd, Nocedal, Schnabel 1994,
 * Thm 2.3). θ = yᵀy / sᵀy of the newest pair. This class keeps SᵀY and SᵀS up to date in O(nk) per
 * pair and exposes the products the Cauchy point and subspace minimisation need.
 */
import { luFactor, luSolve, type DenseLu } from './dense-lu.ts';

export class LbfgsMemory {
  readonly n: number;
  readonly m: number;
  theta = 1;
  private s: Float64Array[] = [];
  private y: Float64Array[] = [];
  /** SᵀY (k × k, row-major): sy[i*k + j] = s_iᵀ y_j. */
  private sy = new Float64Array(0);
  /** SᵀS (k × k). */
  private ss = new Float64Array(0);
  private middle: DenseLu | null = null;

  constructor(n: number, m: number) {
    this.n = n;
    this.m = m;
  }

  /** Number of stored pairs k. */
  get count(): number {
    return this.s.length;
  }

  /** Forgets every pair (B = I again). */
  reset(): void {
    this.s = [];
    this.y = [];
    this.sy = new Float64Array(0);
    this.ss = new Float64Array(0);
    this.middle = null;
    this.theta = 1;
  }

  /** Adds the pair (s, y), dropping the oldest when m are stored; returns false (and resets) if M became singular. */
  push(s: Float64Array, y: Float64Array): boolean {
    const drop = this.s.length === this.m ? 1 : 0;
    const oldK = this.s.length;
    const S = this.s.slice(drop);
    const Y = this.y.slice(drop);
    S.push(s);
    Y.push(y);
    const k = S.length;
    const sy = new Float64Array(k * k);
    const ss = new Float64Array(k * k);
    for (let i = 0; i < k - 1; i++) {
      for (let j = 0; j < k - 1; j++) {
        sy[i * k + j] = this.sy[(i + drop) * oldK + j + drop];
        ss[i * k + j] = this.ss[(i + drop) * oldK + j + drop];
      }
    }
    const last = k - 1;
    for (let j = 0; j < k; j++) {
      sy[last * k + j] = dot(s, Y[j]);
      sy[j * k + last] = dot(S[j], y);
      ss[last * k + j] = ss[j * k + last] = dot(s, S[j]);
    }
    this.s = S;
    this.y = Y;
    this.sy = sy;
    this.ss = ss;
    this.theta = dot(y, y) / sy[last * k + last];
    this.middle = luFactor(this.middleMatrix(), 2 * k);
    if (this.middle === null) {
      this.reset();
      return false;
    }
    return true;
  }

  /** The 2k × 2k matrix M⁻¹ = [[−D, Lᵀ], [L, θ SᵀS]]. */
  private middleMatrix(): Float64Array {
    const k = this.count;
    const k2 = 2 * k;
    const a = new Float64Array(k2 * k2);
    for (let i = 0; i < k; i++) {
      a[i * k2 + i] = -this.sy[i * k + i];
      for (let j = 0; j < i; j++) {
        const lij = this.sy[i * k + j];
        a[(k + i) * k2 + j] = lij; // L block
        a[j * k2 + k + i] = lij; // Lᵀ block
      }
      for (let j = 0; j < k; j++) a[(k + i) * k2 + k + j] = this.theta * this.ss[i * k + j];
    }
    return a;
  }

  /** Wᵀv = [Yᵀv; θ Sᵀv] (length 2k). */
  wtv(v: Float64Array): Float64Array {
    const k = this.count;
    const out = new Float64Array(2 * k);
    for (let j = 0; j < k; j++) {
      out[j] = dot(this.y[j], v);
      out[k + j] = this.theta * dot(this.s[j], v);
    }
    return out;
  }

  /** Row i of W: [y_0[i] … y_{k−1}[i], θ s_0[i] … θ s_{k−1}[i]]. */
  wRow(i: number): Float64Array {
    const k = this.count;
    const out = new Float64Array(2 * k);
    for (let j = 0; j < k; j++) {
      out[j] = this.y[j][i];
      out[k + j] = this.theta * this.s[j][i];
    }
    return out;
  }

  /** M v for a vector of length 2k. */
  mv(v: Float64Array): Float64Array {
    return this.middle === null ? new Float64Array(0) : luSolve(this.middle, v);
  }
}

/** xᵀy. */
export function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}
