/**
 * The WebAssembly SIMD128 backend: Cholesky, triangular solves, gemm, the inverse from a Cholesky factor
 * (triangular inverse + XᵀX) and stationary-kernel assembly with a vectorised exp (wasm/assembly/
 * stationary.ts), from build/linalg.wasm (scripts/build-wasm.mjs) on a shared
 * memory, with one lazily started worker thread that takes half of the large jobs. The API stays
 * synchronous: the main thread publishes a job (a kernel and a list of task ranges) in a shared control
 * block, both threads claim tasks with compare-and-swap, and the main thread waits on Atomics for the last
 * one. Inputs are copied into wasm memory and results out (O(n²) against O(n³) of work).
 */
import { Worker } from 'node:worker_threads';
import { QuarryError } from '../../errors.ts';
import type { LinalgBackend } from './backend.ts';
import { gemmBlocked, potriBlocked } from './blocked.ts';
import { kernelGradientTermsBlocked } from './stationary-blocked.ts';
import { stationaryIndex, type StationaryKind } from './stationary.ts';
import { stationaryLikelihoodComposed, type StationaryLikelihoodTerms } from './stationary-likelihood.ts';
import { ARGS_BYTE, BOUNDS, DONE, FAILED, GEN, KIND, KINDS, MAX_TASKS, NARGS, NEXT, NTASKS, READY, WORKER_SOURCE, WORKER_TASKS, WebAssemblyApi, type Fn, type Kernels, type Kind, type WasmMemory, type WasmModule } from './wasm-protocol.ts';
import { evenSplit, triangleSplit, trsmSplit, weightedSplit } from './wasm-split.ts';

import type { WasmVariant } from './wasm-loader.ts';

const POTRF_NB = 128;
const POTRF_NB_SMALL = 64;
/** Below this padded order (or this much work) everything runs on the calling thread. */
const PARALLEL_MIN_N = 192;
const PARALLEL_MIN_FLOPS = 2e7;
/** Right-hand sides per trsm task, and the most values of B staged in wasm memory at once. */
const TRSM_CB = 128;
const TRSM_STAGE_VALUES = 1 << 23;
/** potri: the TypeScript kernels below POTRI_MIN_N, both threads from POTRI_PARALLEL_N; the inverse's widest column block. */
const POTRI_MIN_N = 32;
const POTRI_PARALLEL_N = 288;
const POTRI_CB = 128;
/** The fused likelihood inverts on both threads from this order on (below, the hand-offs cost what they save). */
const FUSED_INVERSE_PARALLEL_N = 512;
/** Gradient sums over fewer pairs run in TypeScript; kernel work over more than the second, on both threads. */
const KERNEL_MIN_PAIRS = 256;
const KERNEL_PARALLEL_PAIRS = 1 << 16;
/** Below this order the fused likelihood runs the separate kernels (stationaryLikelihoodComposed). */
const FUSED_MIN_N = 32;

/** QUARRY_LINALG_THREADS=1 keeps the wasm backend on the calling thread. */
const THREADS = process.env.QUARRY_LINALG_THREADS !== '1';

const align = (x: number, a: number): number => Math.ceil(x / a) * a;
/** Columns per panel of the padded Cholesky of order N. */
const potrfBlock = (N: number): number => (N >= 512 ? POTRF_NB : POTRF_NB_SMALL);
/** Width of the identity's column blocks in the triangular inverse of order n. */
const potriColumns = (n: number): number => Math.min(POTRI_CB, Math.max(16, align(Math.ceil(n / 16), 4)));
/** Byte sizes of inverseLower's scratch for the padded order N: packed triangle, solve scratch, packed L⁻¹. */
function inverseScratch(N: number): number[] {
  const rows = align(N, 256); // the packed operands are stored in chunks of 256 rows
  return [rows * N * 8, 2 * rows * potriColumns(N) * 8, N * N * 8];
}

/** The helper thread: started, ready to take tasks, and how many tasks it has run. */
export interface WorkerState {
  readonly started: boolean;
  readonly ready: boolean;
  readonly tasks: number;
}

export class WasmLinalg implements LinalgBackend {
  readonly name = 'wasm';
  readonly variant: WasmVariant;
  private readonly k: Kernels;
  private readonly fns: Fn[];
  private readonly control = new SharedArrayBuffer(ARGS_BYTE + 8 * 16);
  private readonly ctl = new Int32Array(this.control);
  private readonly args = new Float64Array(this.control, ARGS_BYTE);
  private readonly base: number;
  private f64: Float64Array;
  private worker: Worker | null = null;
  private generation = 0;

  constructor(private readonly module: WasmModule, private readonly memory: WasmMemory, variant: WasmVariant) {
    this.variant = variant;
    this.k = new WebAssemblyApi.Instance(module, { env: { memory } }).exports as unknown as Kernels;
    this.fns = KINDS.map((name) => this.k[name]);
    this.base = align(this.k.heapBase(), 1 << 16);
    this.f64 = new Float64Array(memory.buffer);
  }

  /** Lays out regions of the given byte sizes (64-byte aligned) from the heap base, growing memory. */
  private layout(...sizes: number[]): number[] {
    const out: number[] = [];
    let at = this.base;
    for (const s of sizes) { out.push(at); at = align(at + s, 64); }
    const have = this.memory.buffer.byteLength;
    if (at > have) {
      if (at > 2 ** 32) throw new QuarryError('INVALID_ARGUMENT', `linalg (wasm): problem needs ${at} bytes, more than 4 GiB`, 'use the blocked backend (QUARRY_LINALG=blocked) or smaller problems');
      try {
        this.memory.grow(Math.ceil((at - have) / 65536));
      } catch (cause) {
        throw new QuarryError('NUMERICAL', `linalg (wasm): cannot grow memory to ${at} bytes`, 'use the blocked backend (QUARRY_LINALG=blocked) or smaller problems', { cause });
      }
    }
    if (this.f64.buffer.byteLength !== this.memory.buffer.byteLength) this.f64 = new Float64Array(this.memory.buffer);
    return out;
  }

  /** Starts the helper thread the first time a large job comes (it joins jobs once it is up). */
  private ensureWorker(): void {
    if (this.worker !== null) return;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      execArgv: [],
      workerData: { module: this.module, memory: this.memory, control: this.control, kinds: KINDS, argsByte: ARGS_BYTE },
    });
    this.worker.unref();
    this.worker.on('error', () => Atomics.store(this.ctl, READY, 0));
  }

  /** The helper thread: started, ready, and how many tasks it has run. */
  workerState(): WorkerState {
    return { started: this.worker !== null, ready: Atomics.load(this.ctl, READY) === 1, tasks: Atomics.load(this.ctl, WORKER_TASKS) };
  }

  /** Starts the helper thread now and resolves once it takes tasks (false after `timeoutMs`). */
  async startWorker(timeoutMs: number): Promise<boolean> {
    this.ensureWorker();
    const until = Date.now() + timeoutMs;
    while (!this.workerState().ready && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
    return this.workerState().ready;
  }

  /** Runs fn(...args, tid, bounds[i], bounds[i+1]) for every task i, on both threads when `parallel`. */
  private run(kind: Kind, args: number[], bounds: number[], parallel: boolean): void {
    const fn = this.fns[KINDS.indexOf(kind)];
    const n = bounds.length - 1;
    if (!parallel || n < 2 || !THREADS) {
      for (let i = 0; i < n; i++) fn(...args, 0, bounds[i], bounds[i + 1]);
      return;
    }
    this.ensureWorker();
    const ctl = this.ctl;
    const tag = (this.generation = (this.generation + 1) & 0x7fff);
    // Close the previous job first: a worker that wakes late and reads this job's descriptor under the
    // previous tag must find no task left to claim (index 0xffff ≥ any task count).
    Atomics.store(ctl, NEXT, 0xffff);
    ctl[KIND] = KINDS.indexOf(kind);
    ctl[NARGS] = args.length;
    ctl[NTASKS] = n;
    for (let i = 0; i < args.length; i++) this.args[i] = args[i];
    for (let i = 0; i <= n; i++) ctl[BOUNDS + i] = bounds[i];
    Atomics.store(ctl, DONE, 0);
    Atomics.store(ctl, NEXT, tag << 16);
    Atomics.store(ctl, GEN, tag);
    Atomics.notify(ctl, GEN);
    for (;;) {
      const cur = Atomics.load(ctl, NEXT);
      if ((cur & 0xffff) >= n) break;
      if (Atomics.compareExchange(ctl, NEXT, cur, cur + 1) !== cur) continue;
      const i = cur & 0xffff;
      fn(...args, 0, bounds[i], bounds[i + 1]);
      Atomics.add(ctl, DONE, 1);
    }
    let spins = 0;
    for (let d = Atomics.load(ctl, DONE); d < n; d = Atomics.load(ctl, DONE)) {
      if (++spins > 2000) Atomics.wait(ctl, DONE, d, 50);
    }
    if (Atomics.load(ctl, FAILED) !== 0) {
      Atomics.store(ctl, FAILED, 0);
      throw new QuarryError('INTERNAL', 'linalg (wasm): a kernel failed on the worker thread', 'set QUARRY_LINALG=blocked and report the problem');
    }
  }

  potrf(a: Float64Array, n: number): number {
    if (n === 0) return -1;
    const N = align(n, 4);
    const nb = potrfBlock(N);
    const [pa, pl, pq, src] = this.layout(N * N * 8, nb * nb * 8, N * nb * 8, n * n * 8);
    this.f64.set(a.subarray(0, n * n), src / 8);
    this.k.padSquare(pa, N, src, n);
    const failed = this.factorPadded(pa, N, pl, pq);
    if (failed >= 0) return failed;
    this.k.unpadLower(src, n, pa, N);
    a.set(this.f64.subarray(src / 8, src / 8 + n * n));
    return -1;
  }

  /**
   * Blocked right-looking Cholesky of the padded N × N matrix at pa (lower triangle read and replaced),
   * with scratch pl (nb² doubles) and pq (N·nb doubles), nb = potrfBlock(N). -1 or the failing pivot.
   */
  private factorPadded(pa: number, N: number, pl: number, pq: number): number {
    const parallel = N >= PARALLEL_MIN_N;
    const nb = potrfBlock(N);
    for (let k0 = 0; k0 < N; k0 += nb) {
      const kb = Math.min(nb, N - k0);
      const failed = this.k.potrfDiag(pa, N, k0, kb);
      if (failed >= 0) return failed;
      const tiles = (N - k0 - kb) / 4;
      if (tiles === 0) continue;
      this.k.packDiag(pa, N, k0, kb, pl);
      const par = parallel && 16 * tiles * tiles * kb >= 1e6;
      const count = par ? Math.min(16, tiles) : 1;
      this.run('panelTask', [pa, N, k0, kb, pl, pq], evenSplit(tiles, count), par);
      this.run('syrkTask', [pa, N, k0, kb, pq], triangleSplit(tiles, count), par);
    }
    return -1;
  }

  trsm(l: Float64Array, n: number, b: Float64Array, m: number, transpose: boolean): void {
    if (n === 0 || m === 0) return;
    const N = align(n, 4);
    // Stages of equal width (a narrow last stage would leave one thread idle).
    const stages = Math.ceil(m / Math.max(TRSM_CB, Math.floor(TRSM_STAGE_VALUES / n)));
    const cw = Math.min(m, align(Math.ceil(m / stages), 4));
    const parallel = n * n * m >= PARALLEL_MIN_FLOPS && N >= 64;
    // Column blocks of at most TRSM_CB, an even number of them when both threads work.
    const pairs = Math.ceil(cw / (2 * TRSM_CB));
    const cb = parallel ? align(Math.ceil(cw / (2 * pairs)), 4) : Math.min(TRSM_CB, align(cw, 4));
    const rows = align(N, 256); // the packed operands are stored in chunks of 256 rows
    const ws = rows * cb * 8;
    const [up, pl, pb, pw] = this.layout(rows * N * 8, n * n * 8, n * cw * 8, 2 * ws);
    const f = this.f64;
    for (let i = 0; i < n; i++) f.set(l.subarray(i * n, i * n + i + 1), pl / 8 + i * n); // the lower triangle is all that is read
    const T = N / 4;
    this.run('packTriangle', [up, N, pl, n, transpose ? 1 : 0], parallel && N >= PARALLEL_MIN_N ? triangleSplit(T, 8) : [0, T], parallel && N >= PARALLEL_MIN_N);
    for (let c0 = 0; c0 < m; c0 += cw) {
      const w = Math.min(cw, m - c0);
      if (w === m) f.set(b.subarray(0, n * m), pb / 8);
      else for (let i = 0; i < n; i++) f.set(b.subarray(i * m + c0, i * m + c0 + w), pb / 8 + i * w);
      this.run('trsmTask', [up, N, n, pb, w, cb, pw, ws, transpose ? 1 : 0], trsmSplit(w, cb, parallel, MAX_TASKS), parallel);
      if (w === m) b.set(f.subarray(pb / 8, pb / 8 + n * m));
      else for (let i = 0; i < n; i++) b.set(f.subarray(pb / 8 + i * w, pb / 8 + (i + 1) * w), i * m + c0);
    }
  }

  gemm(r: number, c: number, k: number, alpha: number, a: Float64Array, b: Float64Array, beta: number, out: Float64Array): void {
    if (r * c * k < 32768 || alpha === 0) { gemmBlocked(r, c, k, alpha, a, b, beta, out); return; }
    const T = Math.ceil(r / 4), CT = Math.ceil(c / 4);
    const [pa, pb, po, ap, bp, acc] = this.layout(r * k * 8, k * c * 8, r * c * 8, T * k * 32, CT * k * 32, T * CT * 128);
    const f = this.f64;
    f.set(a.subarray(0, r * k), pa / 8);
    f.set(b.subarray(0, k * c), pb / 8);
    f.set(out.subarray(0, r * c), po / 8);
    this.k.packRows(ap, pa, r, k);
    this.k.packCols(bp, pb, k, c);
    this.k.zero(acc, T * CT * 128);
    const parallel = 2 * r * c * k >= PARALLEL_MIN_FLOPS && CT >= 2;
    this.run('gemmTask', [acc, ap, bp, r, k], evenSplit(CT, parallel ? Math.min(CT, 16) : 1), parallel);
    this.k.gemmFinish(po, acc, r, c, alpha, beta);
    out.set(f.subarray(po / 8, po / 8 + r * c));
  }

  potri(l: Float64Array, n: number): Float64Array {
    if (n < POTRI_MIN_N) return potriBlocked(l, n);
    const N = align(n, 4);
    const [pl, pa, pc, ...scratch] = this.layout(n * n * 8, N * N * 8, N * N * 8, ...inverseScratch(N));
    this.f64.set(l.subarray(0, n * n), pl / 8);
    this.k.padSquare(pa, N, pl, n);
    this.inverseLower(pa, N, pc, scratch, n >= POTRI_PARALLEL_N);
    this.k.symmetrizeNegated(pl, n, pc, N);
    return this.f64.slice(pl / 8, pl / 8 + n * n);
  }

  /**
   * −(L Lᵀ)⁻¹ into the lower triangle of c (N × N) from the padded lower factor at l (N × N, N a multiple
   * of 4): X = L⁻¹ by forward solves of the identity's column blocks, stored packed by columns, then
   * −XᵀX. `scratch` is laid out from inverseScratch(N).
   */
  private inverseLower(l: number, N: number, c: number, [up, pw, pp]: number[], parallel: boolean): void {
    parallel &&= THREADS;
    // Narrow column blocks: block i of the triangular inverse starts at row i·cb, so narrow blocks skip
    // most of the zeros above the diagonal; heaviest blocks first for the dynamic task queue.
    const cb = potriColumns(N);
    const blocks = Math.ceil(N / cb);
    const ws = align(N, 256) * cb * 8;
    const T = N / 4;
    this.k.packTriangle(up, N, l, N, 0, 0, 0, T);
    this.run('trtriTask', [up, N, cb, pw, ws, pp], evenSplit(blocks, Math.min(blocks, MAX_TASKS)), parallel);
    this.k.zero(c, N * N * 8);
    this.run('lauumTask', [c, N, pp, N], weightedSplit(T, parallel ? 16 : 1, (t) => (t + 1) * (T - t)), parallel);
  }

  kernelMatrix(kind: StationaryKind, amplitude: number, a: Float64Array, b: Float64Array, d: number, out: Float64Array): void {
    const na = a.length / d;
    const nb = b.length / d;
    // Always the wasm kernels, even for one pair: a point's covariance must not depend on the batch it
    // comes in (posterior variances cancel to a few ulp of the amplitude).
    if (na * nb === 0) return;
    const [pa, pbt, po] = this.layout(na * d * 8, nb * d * 8 + 16, na * nb * 8);
    const f = this.f64;
    f.set(a, pa / 8);
    const bt = pbt / 8;
    for (let c = 0; c < nb; c++) for (let j = 0; j < d; j++) f[bt + j * nb + c] = b[c * d + j];
    // The same points on both sides: a symmetric matrix, so only its lower triangle is evaluated.
    const lower = a === b;
    const parallel = (lower ? na * nb / 2 : na * nb) >= KERNEL_PARALLEL_PAIRS && na >= 2;
    const count = parallel ? Math.min(na, 16) : 1;
    this.run('kernelTask', [stationaryIndex(kind), amplitude, pa, pbt, d, lower ? 1 : 0, nb, po, nb], lower ? triangleSplit(na, count) : evenSplit(na, count), parallel);
    if (lower) this.k.mirrorLower(po, na);
    out.set(f.subarray(po / 8, po / 8 + na * nb));
  }

  kernelGradientTerms(kind: StationaryKind, amplitude: number, xs: Float64Array, d: number, w: Float64Array, out: Float64Array): void {
    const n = xs.length / d;
    if (n * n < 2 * KERNEL_MIN_PAIRS) { kernelGradientTermsBlocked(kind, amplitude, xs, d, w, out); return; }
    const [px, pxt, pw, pacc, pf] = this.layout(n * d * 8, n * d * 8 + 16, n * n * 8, 2 * 16 * (d + 1), 2 * 8 * (n + 2));
    this.stagePoints(xs, d, px, pxt);
    const f = this.f64;
    f.set(w.subarray(0, n * n), pw / 8);
    f.fill(0, pacc / 8, pacc / 8 + 4 * (d + 1));
    const parallel = n * n >= 2 * KERNEL_PARALLEL_PAIRS;
    this.run('gradTask', [stationaryIndex(kind), amplitude, px, pxt, d, n, pw, n, pacc, pf], triangleSplit(n, parallel ? 16 : 1), parallel);
    this.sumAccumulators(pacc, d, out);
  }

  /** Copies the points xs (n × d) to px and their transpose (d × n) to pxt. */
  private stagePoints(xs: Float64Array, d: number, px: number, pxt: number): void {
    const n = xs.length / d;
    const f = this.f64;
    f.set(xs, px / 8);
    const xt = pxt / 8;
    for (let c = 0; c < n; c++) for (let j = 0; j < d; j++) f[xt + j * n + c] = xs[c * d + j];
  }

  /** out[q] = the sum of both threads' two lanes of accumulator q (q ≤ d) at pacc. */
  private sumAccumulators(pacc: number, d: number, out: Float64Array): void {
    const f = this.f64;
    const acc = pacc / 8;
    for (let q = 0; q <= d; q++) {
      let s = 0;
      for (let t = 0; t < 2; t++) s += f[acc + t * 2 * (d + 1) + 2 * q] + f[acc + t * 2 * (d + 1) + 2 * q + 1];
      out[q] = s;
    }
  }

  /**
   * Fused: K assembled straight into the padded N × N buffer (lower triangle), factorised there, α
   * solved there, and K⁻¹ formed from the factor without leaving wasm memory; the gradient sums read
   * the kernel values stored beside it instead of evaluating exp again. Only xs and y go in and a few
   * numbers come out (stationaryLikelihoodComposed is the reference).
   */
  stationaryLikelihood(kind: StationaryKind, amplitude: number, xs: Float64Array, d: number, diagonal: number, y: Float64Array, gradient: boolean): StationaryLikelihoodTerms {
    const n = y.length;
    if (n < FUSED_MIN_N) return stationaryLikelihoodComposed(this, kind, amplitude, xs, d, diagonal, y, gradient);
    const N = align(n, 4);
    const nb = potrfBlock(N);
    // With the gradient, K and F = A·(−2 dk/dr²) are kept beside the factor (F is K for rbf).
    const kinds = stationaryIndex(kind);
    const keepF = gradient && kinds !== 0;
    const [px, pxt, py, pa, pl, pq, pc, pacc, pf, pk, pF, ...scratch] = this.layout(
      n * d * 8, n * d * 8 + 16, N * 8, N * N * 8, nb * nb * 8, N * nb * 8,
      ...(gradient ? [N * N * 8, 2 * 16 * (d + 1), 2 * 8 * (n + 2), N * N * 8, keepF ? N * N * 8 : 0, ...inverseScratch(N)] : []),
    );
    const f = this.f64;
    this.stagePoints(xs, d, px, pxt);
    f.set(y, py / 8);
    const parallel = n * n / 2 >= KERNEL_PARALLEL_PAIRS;
    const rows = triangleSplit(n, parallel ? 16 : 1);
    if (gradient) this.run('kernelFactorTask', [kinds, amplitude, px, pxt, d, n, pa, pk, keepF ? pF : pk, N], rows, parallel);
    else this.run('kernelTask', [kinds, amplitude, px, pxt, d, 1, n, pa, N], rows, parallel);
    this.k.padCovariance(pa, N, n, amplitude + diagonal);
    const failedPivot = this.factorPadded(pa, N, pl, pq);
    if (failedPivot >= 0) return { failedPivot, quad: NaN, logDet: NaN, gradient: null };
    const quad = this.k.cholSolve(pa, N, n, py);
    let logDet = 0;
    for (let i = 0; i < n; i++) logDet += Math.log(f[pa / 8 + i * N + i]);
    if (!gradient) return { failedPivot, quad, logDet, gradient: null };
    // The padded factor is diag(L, I): its inverse is diag(K⁻¹, I), and only the first n rows are read.
    this.inverseLower(pa, N, pc, scratch, n >= FUSED_INVERSE_PARALLEL_N);
    const traceW = this.k.addOuterLower(pc, N, n, py);
    const terms = new Float64Array(d + 1);
    f.fill(0, pacc / 8, pacc / 8 + 4 * (d + 1));
    const par = n * n >= 2 * KERNEL_PARALLEL_PAIRS;
    this.run('gradStoredTask', [px, pxt, d, n, pc, pk, keepF ? pF : pk, N, pacc, pf], triangleSplit(n, par ? 16 : 1), par);
    this.sumAccumulators(pacc, d, terms);
    return { failedPivot, quad, logDet, gradient: { traceW, terms } };
  }

  /** exp(x) elementwise with the kernels' vectorised exp (tests compare it with Math.exp). */
  exp(x: Float64Array): Float64Array {
    const m = x.length;
    const [px, py] = this.layout(m * 8, m * 8);
    this.f64.set(x, px / 8);
    this.run('expTask', [py, px], [0, m], false);
    return this.f64.slice(py / 8, py / 8 + m);
  }
}
