// Stationary-kernel assembly for quarry's linalg backend (AssemblyScript, part of build/linalg*.wasm):
// a vectorised exp and the kernel matrix and likelihood-gradient sums it feeds. Kernel kinds are
// numbered as in src/numeric/linalg/stationary.ts: 0 rbf, 1 matern12, 2 matern32, 3 matern52.

import { madd } from './micro-kernel';

const LOG2E: f64 = 1.4426950408889634;
// ln 2 split so that k·LN2_HI is exact for |k| < 2^20 (fdlibm).
const LN2_HI: f64 = 6.93147180369123816490e-01;
const LN2_LO: f64 = 1.90821492927058770002e-10;
const SQRT3: f64 = 1.7320508075688772;
const SQRT5: f64 = 2.23606797749979;

/**
 * exp(x) for both lanes, x ≤ 709: x = k ln 2 + r with |r| ≤ ln2/2, exp(r) by its Taylor polynomial of
 * degree 13 (truncation < 1e-17 relative) in Horner form, then the two halves of 2^k applied as exact
 * powers of two (so results down to the subnormals round once). Below −746 the result is 0.
 */
@inline export function expv(x: v128): v128 {
  x = f64x2.max(x, f64x2.splat(-746.0));
  const kf = f64x2.nearest(f64x2.mul(x, f64x2.splat(LOG2E)));
  let r = f64x2.sub(x, f64x2.mul(kf, f64x2.splat(LN2_HI)));
  r = f64x2.sub(r, f64x2.mul(kf, f64x2.splat(LN2_LO)));
  let p = f64x2.splat(1.6059043836821613e-10); // 1/13!
  p = madd(p, r, f64x2.splat(2.08767569878681e-9)); // 1/12!
  p = madd(p, r, f64x2.splat(2.505210838544172e-8)); // 1/11!
  p = madd(p, r, f64x2.splat(2.755731922398589e-7)); // 1/10!
  p = madd(p, r, f64x2.splat(2.7557319223985893e-6)); // 1/9!
  p = madd(p, r, f64x2.splat(2.48015873015873e-5)); // 1/8!
  p = madd(p, r, f64x2.splat(1.984126984126984e-4)); // 1/7!
  p = madd(p, r, f64x2.splat(1.388888888888889e-3)); // 1/6!
  p = madd(p, r, f64x2.splat(8.333333333333333e-3)); // 1/5!
  p = madd(p, r, f64x2.splat(4.1666666666666664e-2)); // 1/4!
  p = madd(p, r, f64x2.splat(0.16666666666666666)); // 1/3!
  p = madd(p, r, f64x2.splat(0.5));
  p = madd(p, r, f64x2.splat(1.0));
  p = madd(p, r, f64x2.splat(1.0));
  const k = i64x2.extend_low_i32x4_s(i32x4.trunc_sat_f64x2_s_zero(kf));
  const k1 = i64x2.shr_s(k, 1);
  const k2 = i64x2.sub(k, k1);
  const bias = i64x2.splat(1023);
  const s1 = i64x2.shl(i64x2.add(k1, bias), 52);
  const s2 = i64x2.shl(i64x2.add(k2, bias), 52);
  return f64x2.mul(f64x2.mul(p, s1), s2);
}

/** Task: y[i] = exp(x[i]) for i in [ia, ib) (tests compare it with Math.exp). */
export function expTask(y: usize, x: usize, _tid: i32, ia: i32, ib: i32): void {
  for (let i = ia; i < ib; i++) {
    store<f64>(y + <usize>i * 8, f64x2.extract_lane(expv(f64x2.splat(load<f64>(x + <usize>i * 8))), 0));
  }
}

/** k(r²) with k(0) = 1 for kernel `kind`. */
@inline function shape(kind: i32, r2: v128): v128 {
  if (kind === 0) return expv(f64x2.mul(r2, f64x2.splat(-0.5)));
  if (kind === 1) return expv(f64x2.neg(f64x2.sqrt(r2)));
  if (kind === 2) {
    const s = f64x2.mul(f64x2.splat(SQRT3), f64x2.sqrt(r2));
    return f64x2.mul(f64x2.add(f64x2.splat(1.0), s), expv(f64x2.neg(s)));
  }
  const s = f64x2.mul(f64x2.splat(SQRT5), f64x2.sqrt(r2));
  const poly = f64x2.add(f64x2.add(f64x2.splat(1.0), s), f64x2.mul(f64x2.splat(5.0 / 3.0), r2));
  return f64x2.mul(poly, expv(f64x2.neg(s)));
}

/**
 * Task: rows [ra, rb) of out (na × nb, row stride ldo) = amp·k(|a_i − b_c|²), with a row-major (na × d)
 * and b given transposed (bT: d × nb) so that two columns are computed per vector.
 */
export function kernelTask(kind: i32, amp: f64, a: usize, bT: usize, d: i32, lower: i32, nb: i32, out: usize, ldo: i32, _tid: i32, ra: i32, rb: i32): void {
  const vamp = f64x2.splat(amp);
  const ldb = <usize>nb * 8;
  for (let i = ra; i < rb; i++) {
    const ai = a + <usize>i * d * 8;
    const row = out + <usize>i * ldo * 8;
    const end = lower ? i + 1 : nb; // lower: columns c ≤ i only (a = b; mirrorLower fills the rest)
    let c = 0;
    for (; c + 2 <= end; c += 2) {
      let r2 = f64x2.splat(0);
      let bj = bT + <usize>c * 8;
      for (let j = 0; j < d; j++) {
        const t = f64x2.sub(v128.load_splat<f64>(ai + <usize>j * 8), v128.load(bj));
        r2 = f64x2.add(r2, f64x2.mul(t, t));
        bj += ldb;
      }
      v128.store(row + <usize>c * 8, f64x2.mul(vamp, shape(kind, r2)));
    }
    if (c < end) {
      let r2: f64 = 0;
      for (let j = 0; j < d; j++) {
        const t = load<f64>(ai + <usize>j * 8) - load<f64>(bT + (<usize>j * nb + c) * 8);
        r2 += t * t;
      }
      store<f64>(row + <usize>c * 8, amp * f64x2.extract_lane(shape(kind, f64x2.splat(r2)), 0));
    }
  }
}

/** Copies the lower triangle of the n × n matrix at m onto its upper triangle. */
export function mirrorLower(m: usize, n: i32): void {
  for (let i0 = 0; i0 < n; i0 += 32) {
    const i1 = min(n, i0 + 32);
    for (let j = 0; j < i1; j++) {
      for (let i = max(i0, j + 1); i < i1; i++) store<f64>(m + (<usize>j * n + i) * 8, load<f64>(m + (<usize>i * n + j) * 8));
    }
  }
}

/**
 * Adds the pairs (a, b) with b < a of rows [ra, rb) to thread tid's accumulators acc + tid·16·(d+1)
 * (two lanes each): [0] += w_ab·amp·k(r²), [1 + j] += w_ab·amp·(−2 dk/dr²)·Δ_j². x is row-major
 * (n × d), xT its transpose, w row-major (n × n, row stride ldw; only b < a is read); f0 + tid·8·(n + 2) is the thread's scratch row.
 * Per row: one pass computes the factors F_ab, then one pass per dimension sums F_ab·Δ_abj² in registers.
 */
export function gradTask(kind: i32, amp: f64, x: usize, xT: usize, d: i32, n: i32, w: usize, ldw: i32, acc: usize, f0: usize, tid: i32, ra: i32, rb: i32): void {
  const sums = acc + <usize>tid * 16 * (d + 1);
  const fs = f0 + <usize>tid * 8 * (n + 2);
  const ldx = <usize>n * 8;
  const vamp = f64x2.splat(amp);
  for (let a = ra; a < rb; a++) {
    const xa = x + <usize>a * d * 8;
    const wa = w + <usize>a * ldw * 8;
    let total = f64x2.splat(0);
    for (let b = 0; b < a; b += 2) {
      let r2 = f64x2.splat(0);
      let xb = xT + <usize>b * 8;
      for (let j = 0; j < d; j++) {
        const t = f64x2.sub(v128.load_splat<f64>(xa + <usize>j * 8), v128.load(xb));
        r2 = f64x2.add(r2, f64x2.mul(t, t));
        xb += ldx;
      }
      let wv = f64x2.mul(v128.load(wa + <usize>b * 8), vamp);
      if (b + 1 === a) wv = f64x2.replace_lane(wv, 1, 0.0); // lane 1 is the diagonal pair (a, a)
      const value = valueAndFactor(kind, r2);
      const factor = lastFactor;
      total = f64x2.add(total, f64x2.mul(wv, value));
      v128.store(fs + <usize>b * 8, f64x2.mul(wv, factor)); // 0 in lane 1 for the diagonal pair
    }
    v128.store(sums, f64x2.add(v128.load(sums), total));
    addDimensionSums(sums, xa, xT, ldx, fs, d, a);
  }
}

/** The gradient factor that the last `valueAndFactor` computed with its value (one exp for both). */
export let lastFactor: v128 = f64x2.splat(0.0);

/**
 * k(r²) of the stationary kernel `kind` (0 RBF, 1 Matérn 1/2, 2 Matérn 3/2, 3 Matérn 5/2) on two lanes, and
 * in `lastFactor` the gradient factor F = −2·dk/d(r²) from the same exp: RBF e^{−r²/2}; Matérn 1/2
 * e^{−r}/r (0 for coincident points, whose Δ_j² are 0); Matérn 3/2 3e^{−√3 r}; Matérn 5/2
 * (5/3)(1 + √5 r)e^{−√5 r}.
 */
@inline export function valueAndFactor(kind: i32, r2: v128): v128 {
  let value: v128, factor: v128;
  if (kind === 0) {
    value = expv(f64x2.mul(r2, f64x2.splat(-0.5)));
    factor = value;
  } else if (kind === 1) {
    const r = f64x2.sqrt(r2);
    value = expv(f64x2.neg(r));
    factor = v128.andnot(f64x2.div(value, r), f64x2.eq(r2, f64x2.splat(0)));
  } else if (kind === 2) {
    const s = f64x2.mul(f64x2.splat(SQRT3), f64x2.sqrt(r2));
    const e = expv(f64x2.neg(s));
    value = f64x2.mul(f64x2.add(f64x2.splat(1.0), s), e);
    factor = f64x2.mul(f64x2.splat(3.0), e);
  } else {
    const s = f64x2.mul(f64x2.splat(SQRT5), f64x2.sqrt(r2));
    const e = expv(f64x2.neg(s));
    const s1 = f64x2.add(f64x2.splat(1.0), s);
    value = f64x2.mul(f64x2.add(s1, f64x2.mul(f64x2.splat(5.0 / 3.0), r2)), e);
    factor = f64x2.mul(f64x2.mul(f64x2.splat(5.0 / 3.0), s1), e);
  }
  lastFactor = factor;
  return value;
}

/**
 * The per-dimension pass of the gradient sums for row a: sums[1 + j] += Σ_{b<a} fs_b·Δ_abj² (two lanes),
 * with xT the transposed points (row stride ldx bytes); fs holds F_ab·w_ab for b < a and 0 at b = a
 * when a is odd (it is read up to index a).
 */
@inline export function addDimensionSums(sums: usize, xa: usize, xT: usize, ldx: usize, fs: usize, d: i32, a: i32): void {
  for (let j = 0; j < d; j++) {
    const xaj = v128.load_splat<f64>(xa + <usize>j * 8);
    const xj = xT + <usize>j * ldx;
    let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
    let b = 0;
    for (; b + 4 <= a + 1; b += 4) {
      const t0 = f64x2.sub(xaj, v128.load(xj + <usize>b * 8));
      const t1 = f64x2.sub(xaj, v128.load(xj + <usize>b * 8, 16));
      s0 = f64x2.add(s0, f64x2.mul(v128.load(fs + <usize>b * 8), f64x2.mul(t0, t0)));
      s1 = f64x2.add(s1, f64x2.mul(v128.load(fs + <usize>b * 8, 16), f64x2.mul(t1, t1)));
    }
    for (; b < a; b += 2) {
      const t0 = f64x2.sub(xaj, v128.load(xj + <usize>b * 8));
      s0 = f64x2.add(s0, f64x2.mul(v128.load(fs + <usize>b * 8), f64x2.mul(t0, t0)));
    }
    const sj = sums + 16 + <usize>j * 16;
    v128.store(sj, f64x2.add(v128.load(sj), f64x2.add(s0, s1)));
  }
}
