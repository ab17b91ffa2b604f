/**
 * Dense-kernel benchmark of the GP's linear algebra: Cholesky (n³/3 flops), the inverse from the factor
 * (potri, 2n³/3 flops, the likelihood gradient's K⁻¹), one log-marginal-likelihood + gradient evaluation
 * (stationaryLikelihood: kernel matrix, Cholesky, α, K⁻¹ and the gradient sums; RBF, d = 4) and the
 * forward triangular solve with many right-hand sides (n²·m flops, the predictive-variance step), for every backend that
 * loads (the reference kernels only at n = 200). Each figure is the median of ≥ 3 timed runs after an
 * untimed warm-up; the right-hand sides stream through one reused buffer of a few thousand columns.
 */
import { availableBackends, type LinalgBackend } from '../src/numeric/linalg/backend.ts';
import { startWasmWorker } from '../src/numeric/linalg/wasm-loader.ts';

export interface BenchLinalgOptions {
  /** Matrix orders n. */
  sizes: number[];
  /** Right-hand sides m of the triangular solve. */
  rhs: number;
  /** Timed runs per figure (default 3). */
  runs?: number;
  /** A trsm run stops streaming chunks after this many seconds and reports the rate so far (default 15). */
  budgetSeconds?: number;
  /** Only these backends (default: every backend that loads; the reference kernels only at n = 200). */
  backends?: string[];
}

export interface Row {
  backend: string;
  n: number;
  choleskyMs: number;
  choleskyGflops: number;
  potriMs: number;
  potriGflops: number;
  /** One LML + gradient evaluation (stationaryLikelihood, RBF, d = 4), milliseconds. */
  likelihoodMs: number;
  /** Right-hand sides solved per timed run (less than requested only when a run hit the time budget). */
  rhs: number;
  trsmSeconds: number;
  trsmGflops: number;
}

/** Right-hand sides per chunk, and the most values of B held at once (8 M doubles = 64 MB). */
const CHUNK_COLUMNS = 4096;
const CHUNK_VALUES = 1 << 23;

/** A GP-like SPD matrix: a squared-exponential kernel on random points in 4-d plus a small nugget. */
function kernelMatrix(n: number, seed: number): Float64Array {
  let s = seed;
  const next = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const d = 4;
  const x = Float64Array.from({ length: n * d }, next);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let r2 = 0;
      for (let k = 0; k < d; k++) r2 += (x[i * d + k] - x[j * d + k]) ** 2;
      const v = Math.exp(-r2 / 0.5) + (i === j ? 1e-2 : 0);
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  return a;
}

function median(values: number[]): number {
  const s = [...values].sort((p, q) => p - q);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const round = (v: number): number => Number(v.toPrecision(3));

/** Milliseconds of one Cholesky (the copy of the input is not timed). */
function timeCholesky(backend: LinalgBackend, a: Float64Array, n: number): number {
  const work = a.slice();
  const t = performance.now();
  const failed = backend.potrf(work, n);
  const ms = performance.now() - t;
  if (failed >= 0) throw new Error(`benchLinalg: ${backend.name} potrf failed at pivot ${failed}`);
  return ms;
}

/** One streamed solve of m right-hand sides: {seconds spent in trsm, columns solved}. */
function timeSolve(backend: LinalgBackend, l: Float64Array, n: number, source: Float64Array, buffer: Float64Array, chunk: number, m: number, budget: number): { seconds: number; columns: number } {
  let seconds = 0;
  let columns = 0;
  while (columns < m && seconds < budget) {
    const w = Math.min(chunk, m - columns);
    const b = buffer.subarray(0, n * w);
    b.set(source.subarray(0, n * w)); // the next chunk of right-hand sides (not timed)
    const t = performance.now();
    backend.trsm(l, n, b, w, false);
    seconds += (performance.now() - t) / 1000;
    columns += w;
  }
  return { seconds, columns };
}

export async function benchLinalg(options: BenchLinalgOptions): Promise<Row[]> {
  const runs = Math.max(3, options.runs ?? 3);
  const budget = options.budgetSeconds ?? 15;
  await startWasmWorker(10_000); // the helper thread is up before anything is timed
  const rows: Row[] = [];
  for (const n of options.sizes) {
    const a = kernelMatrix(n, n);
    const chunk = Math.max(64, Math.min(options.rhs, CHUNK_COLUMNS, Math.floor(CHUNK_VALUES / n)));
    const source = Float64Array.from({ length: n * chunk }, (_, i) => Math.sin(i));
    const buffer = new Float64Array(n * chunk);
    for (const backend of availableBackends()) {
      if (options.backends !== undefined ? !options.backends.includes(backend.name) : backend.name === 'reference' && n !== 200) continue;
      timeCholesky(backend, a, n); // warm-up: tier-up, memory growth, helper thread
      const choleskyMs = median(Array.from({ length: runs }, () => timeCholesky(backend, a, n)));
      const l = a.slice();
      backend.potrf(l, n);
      backend.potri(l, n); // warm-up
      const potriMs = median(Array.from({ length: runs }, () => { const t = performance.now(); backend.potri(l, n); return performance.now() - t; }));
      const x = Float64Array.from({ length: 4 * n }, (_, i) => 3 * Math.abs(Math.sin(1.7 * i)));
      const y = Float64Array.from({ length: n }, (_, i) => Math.cos(0.3 * i));
      const likelihood = (): number => { const t = performance.now(); backend.stationaryLikelihood('rbf', 1.3, x, 4, 0.01, y, true); return performance.now() - t; };
      likelihood(); // warm-up
      const likelihoodMs = median(Array.from({ length: runs }, likelihood));
      timeSolve(backend, l, n, source, buffer, chunk, Math.min(chunk, options.rhs), budget); // warm-up: one chunk
      const solves = Array.from({ length: runs }, () => timeSolve(backend, l, n, source, buffer, chunk, options.rhs, budget));
      const rates = solves.map((s) => (n * n * s.columns) / s.seconds / 1e9);
      rows.push({
        backend: backend.name, n,
        choleskyMs: round(choleskyMs), choleskyGflops: round(n ** 3 / 3 / (choleskyMs / 1000) / 1e9),
        potriMs: round(potriMs), potriGflops: round((2 * n ** 3) / 3 / (potriMs / 1000) / 1e9), likelihoodMs: round(likelihoodMs),
        rhs: Math.min(...solves.map((s) => s.columns)), trsmSeconds: round(median(solves.map((s) => s.seconds))), trsmGflops: round(median(rates)),
      });
    }
  }
  return rows;
}
