// The small steps of the fused GP likelihood of quarry's wasm linalg backend (AssemblyScript, part of
// build/linalg*.wasm): the training covariance, its Cholesky factor and K⁻¹ stay in one padded N × N
// buffer (row stride N, lower triangle) between the kernels of linalg.ts and stationary.ts, and these
// fill its diagonal, solve for α = K⁻¹y and form W = ααᵀ − K⁻¹ there; the kernel values and their
// length-scale factors are stored beside it, so the gradient sums evaluate no exp.

import { addDimensionSums, lastFactor, valueAndFactor } from './stationary';


/**
 * Diagonal and padding of the padded training covariance a (N × N, lower triangle filled for rows < n):
 * a[i, i] = diag for i < n, and rows n..N−1 become identity rows (so the padded factor is diag(L, I)).
 */
export function padCovariance(a: usize, N: i32, n: i32, diag: f64): void {
  for (let i = 0; i < n; i++) store<f64>(a + (<usize>i * N + i) * 8, diag);
  for (let i = n; i < N; i++) {
    memory.fill(a + <usize>i * N * 8, 0, <usize>N * 8);
    store<f64>(a + (<usize>i * N + i) * 8, 1.0);
  }
}

/**
 * In place of y (n): α = (L Lᵀ)⁻¹ y with the lower factor L at l (row stride N): the forward solve by
 * row dot products, the backward solve by row axpys (both read rows of L contiguously). Returns
 * |L⁻¹y|² = yᵀK⁻¹y.
 */
export function cholSolve(l: usize, N: i32, n: i32, y: usize): f64 {
  let quad: f64 = 0;
  for (let i = 0; i < n; i++) {
    const row = l + <usize>i * N * 8;
    let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
    let k = 0;
    for (; k + 4 <= i; k += 4) {
      s0 = f64x2.add(s0, f64x2.mul(v128.load(row + <usize>k * 8), v128.load(y + <usize>k * 8)));
      s1 = f64x2.add(s1, f64x2.mul(v128.load(row + <usize>k * 8, 16), v128.load(y + <usize>k * 8, 16)));
    }
    s0 = f64x2.add(s0, s1);
    let s = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1);
    for (; k < i; k++) s += load<f64>(row + <usize>k * 8) * load<f64>(y + <usize>k * 8);
    const z = (load<f64>(y + <usize>i * 8) - s) / load<f64>(row + <usize>i * 8);
    store<f64>(y + <usize>i * 8, z);
    quad += z * z;
  }
  for (let i = n - 1; i >= 0; i--) {
    const row = l + <usize>i * N * 8;
    const a = load<f64>(y + <usize>i * 8) / load<f64>(row + <usize>i * 8);
    store<f64>(y + <usize>i * 8, a);
    const va = f64x2.splat(a);
    let k = 0;
    for (; k + 2 <= i; k += 2) {
      const p = y + <usize>k * 8;
      v128.store(p, f64x2.sub(v128.load(p), f64x2.mul(va, v128.load(row + <usize>k * 8))));
    }
    for (; k < i; k++) store<f64>(y + <usize>k * 8, load<f64>(y + <usize>k * 8) - a * load<f64>(row + <usize>k * 8));
  }
  return quad;
}

/**
 * W = ααᵀ − K⁻¹ in place of c (N × N), which holds −K⁻¹ in its lower triangle: c[a, b] += α_a α_b for
 * b ≤ a < n. Returns tr W.
 */
export function addOuterLower(c: usize, N: i32, n: i32, alpha: usize): f64 {
  let trace: f64 = 0;
  for (let a = 0; a < n; a++) {
    const row = c + <usize>a * N * 8;
    const va = v128.load_splat<f64>(alpha + <usize>a * 8);
    let b = 0;
    for (; b + 2 <= a + 1; b += 2) {
      const p = row + <usize>b * 8;
      v128.store(p, f64x2.add(v128.load(p), f64x2.mul(va, v128.load(alpha + <usize>b * 8))));
    }
    if (b <= a) {
      const p = row + <usize>b * 8;
      store<f64>(p, load<f64>(p) + f64x2.extract_lane(va, 0) * load<f64>(alpha + <usize>b * 8));
    }
    trace += load<f64>(row + <usize>a * 8);
  }
  return trace;
}

/**
 * Task: rows [ra, rb) (columns c ≤ i) of the training covariance K = amp·k(r²) into k0 and k1 and of
 * F = amp·(−2 dk/dr²) into f (lower triangles, row stride ld): k0 is factorised in place, k1 and f keep
 * what gradStoredTask needs, so the gradient evaluates no exp. For rbf F = K: pass f = k1. x is row-major
 * (n × d), xT its transpose; the kinds and formulas are gradTask's.
 */
export function kernelFactorTask(kind: i32, amp: f64, x: usize, xT: usize, d: i32, n: i32, k0: usize, k1: usize, f: usize, ld: i32, _tid: i32, ra: i32, rb: i32): void {
  const vamp = f64x2.splat(amp);
  const ldx = <usize>n * 8;
  for (let i = ra; i < rb; i++) {
    const xi = x + <usize>i * d * 8;
    const row = <usize>i * ld * 8;
    // pairs (c, c + 1) with c ≤ i; the second lane of the last pair may be column i + 1 (written, never read)
    for (let c = 0; c <= i; c += 2) {
      let r2 = f64x2.splat(0);
      let xc = xT + <usize>c * 8;
      for (let j = 0; j < d; j++) {
        const t = f64x2.sub(v128.load_splat<f64>(xi + <usize>j * 8), v128.load(xc));
        r2 = f64x2.add(r2, f64x2.mul(t, t));
        xc += ldx;
      }
      const value = valueAndFactor(kind, r2);
      const factor = lastFactor;
      const kv = f64x2.mul(vamp, value);
      const at = row + <usize>c * 8;
      v128.store(k0 + at, kv);
      v128.store(k1 + at, kv);
      if (f !== k1) v128.store(f + at, f64x2.mul(vamp, factor));
    }
  }
}

/**
 * gradTask from the stored K and F of kernelFactorTask (row stride ld, as w): adds the pairs b < a of
 * rows [ra, rb) to thread tid's accumulators acc + tid·16·(d + 1): [0] += w_ab·K_ab,
 * [1 + j] += w_ab·F_ab·Δ_abj². f0 + tid·8·(n + 2) is the thread's scratch row.
 */
export function gradStoredTask(x: usize, xT: usize, d: i32, n: i32, w: usize, k: usize, f: usize, ld: i32, acc: usize, f0: usize, tid: i32, ra: i32, rb: i32): void {
  const sums = acc + <usize>tid * 16 * (d + 1);
  const fs = f0 + <usize>tid * 8 * (n + 2);
  const ldx = <usize>n * 8;
  for (let a = ra; a < rb; a++) {
    const row = <usize>a * ld * 8;
    let total = f64x2.splat(0);
    for (let b = 0; b < a; b += 2) {
      let wv = v128.load(w + row + <usize>b * 8);
      if (b + 1 === a) wv = f64x2.replace_lane(wv, 1, 0.0); // lane 1 is the diagonal pair (a, a)
      total = f64x2.add(total, f64x2.mul(wv, v128.load(k + row + <usize>b * 8)));
      v128.store(fs + <usize>b * 8, f64x2.mul(wv, v128.load(f + row + <usize>b * 8)));
    }
    v128.store(sums, f64x2.add(v128.load(sums), total));
    addDimensionSums(sums, x + <usize>a * d * 8, xT, ldx, fs, d, a);
  }
}
