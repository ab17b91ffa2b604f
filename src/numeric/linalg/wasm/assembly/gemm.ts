// General matrix product for quarry's wasm linalg kernels (AssemblyScript; part of build/linalg*.wasm):
// A and B packed into 4-wide tiles, products accumulated by the micro-kernel.
import { mk } from './micro-kernel';


/** Packs A (r × k) into row tiles ap[t][p][i] (ld = 32·k), zero padding. */
export function packRows(ap: usize, a: usize, r: i32, k: i32): void {
  const T = (r + 3) >> 2;
  for (let t = 0; t < T; t++) {
    for (let p = 0; p < k; p++) {
      for (let i = 0; i < 4; i++) {
        const row = 4 * t + i;
        store<f64>(ap + (<usize>t * k + p) * 32 + i * 8, row < r ? load<f64>(a + (<usize>row * k + p) * 8) : 0.0);
      }
    }
  }
}

/** Packs B (k × c) into column tiles bp[ct][p][q] (ld = 32·k), zero padding. */
export function packCols(bp: usize, b: usize, k: i32, c: i32): void {
  const CT = (c + 3) >> 2;
  for (let ct = 0; ct < CT; ct++) {
    for (let p = 0; p < k; p++) {
      for (let q = 0; q < 4; q++) {
        const col = 4 * ct + q;
        store<f64>(bp + (<usize>ct * k + p) * 32 + q * 8, col < c ? load<f64>(b + (<usize>p * c + col) * 8) : 0.0);
      }
    }
  }
}

const GEMM_CB: i32 = 16; // column tiles kept in L2
const GEMM_KC: i32 = 256;

/** acc (zeroed, tile (t, ct) at acc + (ct·T + t)·128) -= Ap·Bp for column tiles [ca, cb). */
export function gemmTask(acc: usize, ap: usize, bp: usize, r: i32, k: i32, _tid: i32, ca: i32, cb: i32): void {
  const T = (r + 3) >> 2;
  const ld = <usize>k * 32;
  for (let c0 = ca; c0 < cb; c0 += GEMM_CB) {
    const c1 = min(cb, c0 + GEMM_CB);
    for (let K0 = 0; K0 < k; K0 += GEMM_KC) {
      const kc = min(GEMM_KC, k - K0);
      for (let t = 0; t < T; t++) {
        const a = ap + <usize>t * ld + <usize>K0 * 32;
        for (let ct = c0; ct < c1; ct++) mk(acc + (<usize>ct * T + t) * 128, 32, a, bp + <usize>ct * ld + <usize>K0 * 32, kc);
      }
    }
  }
}

/** out (r × c) ← beta·out − alpha·acc (acc holds −A·B in tiles). */
export function gemmFinish(out: usize, acc: usize, r: i32, c: i32, alpha: f64, beta: f64): void {
  const T = (r + 3) >> 2;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const v = load<f64>(acc + (<usize>(j >> 2) * T * 16 + <usize>i * 4 + (j & 3)) * 8);
      const o = out + (<usize>i * c + j) * 8;
      store<f64>(o, beta === 0 ? -alpha * v : beta * load<f64>(o) - alpha * v);
    }
  }
}
