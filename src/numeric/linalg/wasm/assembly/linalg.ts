// WebAssembly SIMD128 float64 kernels for quarry's linalg backend (AssemblyScript, compiled by
// scripts/build-wasm.mjs into build/linalg.wasm and, with a relaxed-SIMD fused multiply-add,
// build/linalg-relaxed.wasm). Memory is imported and shared with a worker thread; the host
// (src/numeric/linalg/wasm-backend.ts) lays out every buffer and splits the work into tasks, each an
// exported function whose last three arguments are (thread id, first, end) of a task range.
//
// Packed layouts (all f64, byte addresses):
//   column tile  W[k][q]   : 4 consecutive columns of a block, row k at W + 32·k (q = 0..3)
//   row tile     U[t][k][r]: for tile t, element (4t + r, k) of a matrix at U + t·ld + 32·k + 8·r
//   (the triangular solve stores both in chunks of 256 rows, see at()).
// The one micro-kernel mk() updates a 4 × 4 tile C[r][q] -= Σ_p a[p][r] · b[p][q] with 8 v128
// accumulators: V8 gives wasm SIMD 16 xmm registers on x64, and wider tiles spill.

import { madd, mk } from './micro-kernel';
import { diagBwd, diagFwd } from './triangular-tiles';


// ---------------------------------------------------------------- helpers

@inline function dot(x: usize, y: usize, len: i32): f64 {
  let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
  let p = 0;
  for (; p + 4 <= len; p += 4) {
    s0 = madd(v128.load(x), v128.load(y), s0);
    s1 = madd(v128.load(x, 16), v128.load(y, 16), s1);
    x += 32; y += 32;
  }
  s0 = f64x2.add(s0, s1);
  let s = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1);
  for (; p < len; p++) { s += load<f64>(x) * load<f64>(y); x += 8; y += 8; }
  return s;
}

/** Zero-fills `bytes` bytes at dst. */
export function zero(dst: usize, bytes: usize): void {
  memory.fill(dst, 0, bytes);
}

// ---------------------------------------------------------------- Cholesky (blocked, right-looking)

/** Copies the n × n matrix at src (row-major) into the N × N padded one at a (identity in the padding). */
export function padSquare(a: usize, N: i32, src: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    memory.copy(a + <usize>i * N * 8, src + <usize>i * n * 8, <usize>n * 8);
    memory.fill(a + (<usize>i * N + n) * 8, 0, <usize>(N - n) * 8);
  }
  for (let i = n; i < N; i++) {
    memory.fill(a + <usize>i * N * 8, 0, <usize>N * 8);
    store<f64>(a + (<usize>i * N + i) * 8, 1.0);
  }
}

/** Copies the lower triangle of the padded factor back to the n × n matrix at dst, zeroing the upper. */
export function unpadLower(dst: usize, n: i32, a: usize, N: i32): void {
  for (let i = 0; i < n; i++) {
    memory.copy(dst + <usize>i * n * 8, a + <usize>i * N * 8, <usize>(i + 1) * 8);
    memory.fill(dst + (<usize>i * n + i + 1) * 8, 0, <usize>(n - i - 1) * 8);
  }
}

/** Unblocked Cholesky of the diagonal block A[k0:k0+kb, k0:k0+kb]; the failing pivot or -1. */
export function potrfDiag(a: usize, N: i32, k0: i32, kb: i32): i32 {
  const k1 = k0 + kb;
  for (let j = k0; j < k1; j++) {
    const rj = a + (<usize>j * N + k0) * 8;
    const len = j - k0;
    const pj = a + (<usize>j * N + j) * 8;
    const d = load<f64>(pj) - dot(rj, rj, len);
    if (!(d > 0)) return j;
    const ljj = Math.sqrt(d);
    store<f64>(pj, ljj);
    const inv = 1.0 / ljj;
    for (let i = j + 1; i < k1; i++) {
      const ri = a + (<usize>i * N + k0) * 8;
      const pij = a + (<usize>i * N + j) * 8;
      store<f64>(pij, (load<f64>(pij) - dot(ri, rj, len)) * inv);
    }
  }
  return -1;
}

/** Packs the factored diagonal block as forward row tiles: lt[J][p][q] = L[k0+4J+q, k0+p] (ld = 32·kb). */
export function packDiag(a: usize, N: i32, k0: i32, kb: i32, lt: usize): void {
  for (let J = 0; J < kb >> 2; J++) {
    for (let p = 0; p < kb; p++) {
      for (let q = 0; q < 4; q++) {
        const row = 4 * J + q;
        const v = p <= row ? load<f64>(a + (<usize>(k0 + row) * N + k0 + p) * 8) : 0.0;
        store<f64>(lt + (<usize>J * kb + p) * 32 + q * 8, v);
      }
    }
  }
}

/**
 * Panel task: trailing row tiles [ta, tb) (relative to r0 = k0 + kb) of columns k0:k0+kb are packed into
 * Q[t][p][r], solved against the diagonal block (X L_kkᵀ = P) and written back into A.
 */
export function panelTask(a: usize, N: i32, k0: i32, kb: i32, lt: usize, q: usize, _tid: i32, ta: i32, tb: i32): void {
  const r0 = k0 + kb;
  const ldq = <usize>kb * 32;
  for (let t = ta; t < tb; t++) {
    const w = q + <usize>t * ldq;
    const src = a + (<usize>(r0 + 4 * t) * N + k0) * 8;
    const ld = <usize>N * 8;
    for (let p = 0; p < kb; p++) {
      const s = src + <usize>p * 8;
      const dst = w + <usize>p * 32;
      store<f64>(dst, load<f64>(s)); store<f64>(dst, load<f64>(s + ld), 8);
      store<f64>(dst, load<f64>(s + 2 * ld), 16); store<f64>(dst, load<f64>(s + 3 * ld), 24);
    }
    for (let J = 0; J < kb >> 2; J++) {
      const u = lt + <usize>J * ldq;
      mk(w + <usize>J * 128, 32, u, w, 4 * J);
      diagFwd(w + <usize>J * 128, u + <usize>J * 128);
    }
    for (let p = 0; p < kb; p++) {
      const s = src + <usize>p * 8;
      const from = w + <usize>p * 32;
      store<f64>(s, load<f64>(from)); store<f64>(s + ld, load<f64>(from, 8));
      store<f64>(s + 2 * ld, load<f64>(from, 16)); store<f64>(s + 3 * ld, load<f64>(from, 24));
    }
  }
}

/** Columns of the trailing matrix kept in L2 by the symmetric rank-kb update (in tiles of 4). */
const SYRK_JC: i32 = 48;

/** Trailing update task: A[i, j] -= Σ_p P[i, p] P[j, p] for row tiles [ta, tb) and column tiles ≤ the row tile. */
export function syrkTask(a: usize, N: i32, k0: i32, kb: i32, q: usize, _tid: i32, ta: i32, tb: i32): void {
  const r0 = k0 + kb;
  const ldq = <usize>kb * 32;
  const ldc = <usize>N * 8;
  for (let jc0 = 0; jc0 < tb; jc0 += SYRK_JC) {
    const jc1 = min(jc0 + SYRK_JC, tb);
    for (let ti = max(ta, jc0); ti < tb; ti++) {
      const crow = a + (<usize>(r0 + 4 * ti) * N + r0) * 8;
      const qa = q + <usize>ti * ldq;
      const tjEnd = min(jc1, ti + 1);
      for (let tj = jc0; tj < tjEnd; tj++) mk(crow + <usize>tj * 32, ldc, qa, q + <usize>tj * ldq, kb);
    }
  }
}

// ---------------------------------------------------------------- triangular solve, many right-hand sides
//
// Both the packed triangle and a block of right-hand sides are stored in chunks of 256 rows: the 8 KiB
// panels (256 rows × 4) of all tiles of one chunk are contiguous, so the operands of one off-diagonal
// update (16 row tiles of L, every column tile of B) lie in a few contiguous runs.

const CHUNK: i32 = 256; // rows per chunk
const TRSM_MB: i32 = 16; // row tiles per diagonal block (64 rows; divides CHUNK / 4)

/** Address of row k of tile idx in a chunked panel array of `count` tiles. */
@inline function at(base: usize, k: i32, count: i32, idx: i32): usize {
  return base + ((<usize>(k >> 8) * <usize>count + <usize>idx) << 13) + (<usize>(k & 255) << 5);
}

/**
 * Packs L (n × n at l, row-major) into the chunked row tiles of order N (T = N/4 tiles of align(N, 256)
 * rows): forward tile t row k holds L[4t+r, k] (k ≤ row), transposed L[k, 4t+r] (k ≥ row); identity padding.
 */
export function packTriangle(up: usize, N: i32, l: usize, n: i32, transpose: i32, _tid: i32, ta: i32, tb: i32): void {
  const T = N >> 2;
  for (let t = ta; t < tb; t++) {
    const row0 = 4 * t;
    // Only the entries the solve reads: k < 4t + 4 (forward) or k ≥ 4t (transposed).
    const k0 = transpose ? row0 : 0;
    const k1 = transpose ? N : row0 + 4;
    const full = row0 + 4 <= n; // all four rows are real rows of L
    for (let k = k0; k < k1; k++) {
      const dst = at(up, k, T, t);
      if (full && k < n && (transpose ? k >= row0 + 4 : k < row0)) {
        if (transpose) {
          const src = l + (<usize>k * n + row0) * 8;
          v128.store(dst, v128.load(src)); v128.store(dst, v128.load(src, 16), 16);
        } else {
          const src = l + (<usize>row0 * n + k) * 8;
          const ld = <usize>n * 8;
          store<f64>(dst, load<f64>(src)); store<f64>(dst, load<f64>(src + ld), 8);
          store<f64>(dst, load<f64>(src + 2 * ld), 16); store<f64>(dst, load<f64>(src + 3 * ld), 24);
        }
        continue;
      }
      for (let r = 0; r < 4; r++) {
        const row = row0 + r;
        let v = 0.0;
        if (row < n && k < n) {
          if (transpose) { if (k >= row) v = load<f64>(l + (<usize>k * n + row) * 8); }
          else if (k <= row) v = load<f64>(l + (<usize>row * n + k) * 8);
        } else if (row === k) v = 1.0;
        store<f64>(dst + r * 8, v);
      }
    }
  }
}

/**
 * Solves L X = B (or Lᵀ X = B) for columns [col0, col0 + ncols) of the n × ldb block at b, using the
 * packed triangle up and the scratch w (align(N, 256) · 4 · ceil(ncols / 4) doubles).
 */
function trsmBlock(up: usize, N: i32, n: i32, b: usize, ldb: i32, col0: i32, ncols: i32, w: usize, transpose: i32): void {
  const nct = (ncols + 3) >> 2;
  // Pack the columns into chunked column tiles (zero padding).
  for (let ct = 0; ct < nct; ct++) {
    const c0 = col0 + 4 * ct;
    const cw = min(4, ncols - 4 * ct);
    for (let k = 0; k < N; k++) {
      const dst = at(w, k, nct, ct);
      if (k < n && cw === 4) {
        v128.store(dst, v128.load(b + (<usize>k * ldb + c0) * 8));
        v128.store(dst, v128.load(b + (<usize>k * ldb + c0) * 8, 16), 16);
      } else {
        for (let q = 0; q < 4; q++) store<f64>(dst + q * 8, k < n && q < cw ? load<f64>(b + (<usize>k * ldb + c0 + q) * 8) : 0.0);
      }
    }
  }
  if (!transpose) solveForward(up, N, w, nct, 0);
  else solveBackward(up, N, w, nct);
  // Unpack the solved rows.
  for (let ct = 0; ct < nct; ct++) {
    const c0 = col0 + 4 * ct;
    const cw = min(4, ncols - 4 * ct);
    for (let k = 0; k < n; k++) {
      const from = at(w, k, nct, ct);
      const dst = b + (<usize>k * ldb + c0) * 8;
      if (cw === 4) { v128.store(dst, v128.load(from)); v128.store(dst, v128.load(from, 16), 16); }
      else for (let q = 0; q < cw; q++) store<f64>(dst + q * 8, load<f64>(from + q * 8));
    }
  }
}

/**
 * L X = B in place of the nct chunked column tiles at w (order N). Rows below rowStart (a multiple of
 * 4) are zero in B and stay zero in X: they are skipped, except inside the first diagonal block (rows
 * from firstRow(rowStart)), where they must hold zeros.
 */
function solveForward(up: usize, N: i32, w: usize, nct: i32, rowStart: i32): void {
  const T = N >> 2;
  for (let I0 = firstRow(rowStart) >> 2; I0 < T; I0 += TRSM_MB) {
    const I1 = min(T, I0 + TRSM_MB);
    const kEnd = 4 * I0;
    for (let K0 = rowStart; K0 < kEnd;) {
      const kc = min(CHUNK - (K0 & (CHUNK - 1)), kEnd - K0);
      for (let t = I0; t < I1; t++) {
        const u = at(up, K0, T, t);
        for (let ct = 0; ct < nct; ct++) mk(at(w, 4 * t, nct, ct), 32, u, at(w, K0, nct, ct), kc);
      }
      K0 += kc;
    }
    for (let ct = 0; ct < nct; ct++) {
      for (let t = I0; t < I1; t++) {
        const c = at(w, 4 * t, nct, ct);
        mk(c, 32, at(up, 4 * I0, T, t), at(w, 4 * I0, nct, ct), 4 * (t - I0));
        diagFwd(c, at(up, 4 * t, T, t));
      }
    }
  }
}

/** The first row of the diagonal block of solveForward that holds row r. */
@inline function firstRow(r: i32): i32 {
  return ((r >> 2) / TRSM_MB) * TRSM_MB * 4;
}

/** Lᵀ X = B in place of the nct chunked column tiles at w (order N; up packed transposed). */
function solveBackward(up: usize, N: i32, w: usize, nct: i32): void {
  const T = N >> 2;
  for (let I0 = ((T - 1) / TRSM_MB) * TRSM_MB; I0 >= 0; I0 -= TRSM_MB) {
    const I1 = min(T, I0 + TRSM_MB);
    for (let K0 = 4 * I1; K0 < N;) {
      const kc = min(CHUNK - (K0 & (CHUNK - 1)), N - K0);
      for (let t = I0; t < I1; t++) {
        const u = at(up, K0, T, t);
        for (let ct = 0; ct < nct; ct++) mk(at(w, 4 * t, nct, ct), 32, u, at(w, K0, nct, ct), kc);
      }
      K0 += kc;
    }
    for (let ct = 0; ct < nct; ct++) {
      for (let t = I1 - 1; t >= I0; t--) {
        const c = at(w, 4 * t, nct, ct);
        mk(c, 32, at(up, 4 * (t + 1), T, t), at(w, 4 * (t + 1), nct, ct), 4 * (I1 - t - 1));
        diagBwd(c, at(up, 4 * t, T, t));
      }
    }
  }
}

/** Task: columns [ca, cb) in blocks of at most cw; thread tid uses scratch w0 + tid·ws. */
export function trsmTask(up: usize, N: i32, n: i32, b: usize, ldb: i32, cw: i32, w0: usize, ws: usize, transpose: i32, tid: i32, ca: i32, cb: i32): void {
  for (let c = ca; c < cb; c += cw) trsmBlock(up, N, n, b, ldb, c, min(cw, cb - c), w0 + <usize>tid * ws, transpose);
}

// ---------------------------------------------------------------- inverse from the Cholesky factor (potri)

/**
 * Triangular inverse task: X = L⁻¹ (order N, a multiple of 4, packed forward in up) for column blocks
 * [ba, bb) of width cb (a multiple of 4). Block i solves the identity's columns from row i·cb on (the
 * rows above are zero), so the whole inverse costs N³/3 flops, and stores its rows k ≥ i·cb straight
 * into the column tiles p[t][k][q] = X[k, 4t + q] (ld = 32·N) that lauumTask reads (it reads no row
 * above a tile's own column, so the zeros are never stored).
 */
export function trtriTask(up: usize, N: i32, cb: i32, w0: usize, ws: usize, p: usize, tid: i32, ba: i32, bb: i32): void {
  const w = w0 + <usize>tid * ws;
  for (let i = ba; i < bb; i++) {
    const col0 = i * cb;
    const nct = min(cb, N - col0) >> 2;
    for (let ct = 0; ct < nct; ct++) {
      for (let k = firstRow(col0); k < N; k++) {
        const z = at(w, k, nct, ct);
        v128.store(z, f64x2.splat(0)); v128.store(z, f64x2.splat(0), 16);
      }
      for (let q = 0; q < 4; q++) store<f64>(at(w, col0 + 4 * ct + q, nct, ct) + q * 8, 1.0);
    }
    solveForward(up, N, w, nct, col0);
    for (let ct = 0; ct < nct; ct++) {
      const dst = p + <usize>((col0 >> 2) + ct) * N * 32;
      for (let k = col0; k < N;) {
        const len = min(CHUNK - (k & (CHUNK - 1)), N - k);
        memory.copy(dst + <usize>k * 32, at(w, k, nct, ct), <usize>len * 32);
        k += len;
      }
    }
  }
}

/** Column tiles of Xᵀ X kept in L2 by lauumTask. */
const LAUUM_JC: i32 = 24;

/**
 * Task: the lower triangle of −XᵀX (X lower triangular, packed by trtriTask into column tiles p[t][k][q] =
 * X[k, 4t+q], ld = 32·n) for row tiles [ta, tb) into c (N × N, zeroed): tile (ti, tj ≤ ti) sums rows k ≥ 4ti.
 */
export function lauumTask(c: usize, N: i32, p: usize, n: i32, _tid: i32, ta: i32, tb: i32): void {
  const ld = <usize>n * 32;
  const ldc = <usize>N * 8;
  for (let jc0 = 0; jc0 < tb; jc0 += LAUUM_JC) {
    const jc1 = min(jc0 + LAUUM_JC, tb);
    for (let ti = max(ta, jc0); ti < tb; ti++) {
      const k0 = <usize>(4 * ti) * 32;
      const crow = c + <usize>(4 * ti) * ldc;
      const tjEnd = min(jc1, ti + 1);
      for (let tj = jc0; tj < tjEnd; tj++) mk(crow + <usize>tj * 32, ldc, p + <usize>ti * ld + k0, p + <usize>tj * ld + k0, n - 4 * ti);
    }
  }
}

/** dst (n × n) ← the symmetric matrix whose lower triangle is −c (N × N). */
export function symmetrizeNegated(dst: usize, n: i32, c: usize, N: i32): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = -load<f64>(c + (<usize>i * N + j) * 8);
      store<f64>(dst + (<usize>i * n + j) * 8, v);
      store<f64>(dst + (<usize>j * n + i) * 8, v);
    }
  }
}

export { packRows, packCols, gemmTask, gemmFinish } from './gemm';
export { microKernel } from './micro-kernel';
export { expTask, kernelTask, gradTask, mirrorLower } from './stationary';
export { padCovariance, cholSolve, addOuterLower, kernelFactorTask, gradStoredTask } from './likelihood';

/** First free byte after the module's static data. */
export function heapBase(): usize {
  return __heap_base;
}
