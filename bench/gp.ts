/**
 * The GP benchmark: dense kernels against the machine's FP64 peak, full hyperparameter fits and
 * 10^5-point posteriors at d = 4, and fit + predict against scikit-learn's timings on the reference
 * data sets (../shared/reference/gp/README.md, single-threaded OpenBLAS, same kernel and restarts).
 */
import { loadDataset } from '../test/golden/gp-reference.ts';
import { fitGaussianProcess } from '../src/surrogate/fit.ts';
import { linalg } from '../src/numeric/linalg/backend.ts';
import { createRng } from '../src/numeric/random/index.ts';
import { benchLinalg } from './gp-linalg.ts';
import { machinePeak } from './machine-peak.ts';

/** scikit-learn 1.2.1 timings from ../shared/reference/gp/README.md: fit (1 + 20 restarts) and predict mean + std on 100k points, seconds. */
const SKLEARN = [
  { dataset: 'd4', kernel: 'rbf', fit: 8.2, predict: 0.27 },
  { dataset: 'd4', kernel: 'matern52', fit: 8.4, predict: 0.36 },
  { dataset: 'd5', kernel: 'rbf', fit: 18.9, predict: 0.72 },
  { dataset: 'd5', kernel: 'matern52', fit: 26.1, predict: 0.86 },
] as const;

function seconds(start: number): number {
  return (performance.now() - start) / 1000;
}

function uniformPoints(m: number, d: number, lower: number, upper: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: m * d }, () => lower + (upper - lower) * rng.uniform());
}

/** The d-dimensional paraboloid with noise, the kind of target the GP meets in a scan. */
function dataset(n: number, d: number, seed: number): { x: Float64Array; y: Float64Array } {
  const x = uniformPoints(n, d, -2, 2, seed);
  const rng = createRng(seed + 1);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += x[i * d + j] ** 2 + 0.3 * Math.sin(3 * x[i * d + j]);
    y[i] = s + 0.05 * rng.normal();
  }
  return { x, y };
}

export async function runGpBenchmark(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const sizes = quick ? [200, 1000] : [200, 1000, 2000];
  const peak = machinePeak();
  console.log(`# GP benchmark (backend: ${linalg().name})`);
  console.log(`machine: ${peak.description}; FP64 peak ${peak.gflops.toFixed(0)} GFLOP/s`);

  console.log('\n## Dense kernels (median of runs after a warm-up)');
  const rows = await benchLinalg({ sizes, rhs: 100_000 });
  console.table(rows.map((r) => ({ ...r, choleskyOfPeak: ratio(r.choleskyGflops, peak.gflops), trsmOfPeak: ratio(r.trsmGflops, peak.gflops) })));

  console.log('\n## Hyperparameter fit (Matérn 5/2, 1 + 10 starts) and posterior on 10^5 points, d = 4');
  const fitRows = [];
  for (const n of sizes) {
    const { x, y } = dataset(n, 4, 7);
    let t = performance.now();
    const fit = fitGaussianProcess({ x, y, dimension: 4 }, { kernel: 'matern52', restarts: 10, seed: 1 });
    const fitSeconds = seconds(t);
    const points = uniformPoints(100_000, 4, -2, 2, 3);
    fit.process.posterior(points.subarray(0, 4 * 1000)); // warm-up
    t = performance.now();
    fit.process.posterior(points);
    fitRows.push({ n, fitSeconds: round(fitSeconds), lmlEvaluations: fit.evaluations, msPerEvaluation: round((1000 * fitSeconds) / fit.evaluations), posterior100kSeconds: round(seconds(t)) });
  }
  console.table(fitRows);

  console.log('\n## Against scikit-learn (same kernel, 1 + 20 restarts, fit + predict mean and std on 100k points)');
  const cmp = [];
  for (const ref of SKLEARN) {
    const ds = loadDataset(ref.dataset);
    let t = performance.now();
    const fit = fitGaussianProcess({ x: ds.train.x, y: ds.train.y, dimension: ds.dim }, { kernel: ref.kernel, restarts: 20, seed: 0, inputScaling: 'none', bounds: { noise: [1e-8, 10] } });
    const fitSeconds = seconds(t);
    const points = uniformPoints(100_000, ds.dim, -2, 2, 5);
    t = performance.now();
    fit.process.posterior(points, { includeNoise: true });
    const predictSeconds = seconds(t);
    const ours = fitSeconds + predictSeconds;
    const theirs = ref.fit + ref.predict;
    cmp.push({
      dataset: ref.dataset, kernel: ref.kernel, fitSeconds: round(fitSeconds), predictSeconds: round(predictSeconds),
      sklearnSeconds: theirs, speedup: `${(theirs / ours).toFixed(1)}x`,
      lml: round(fit.logMarginalLikelihood, 6), sklearnLml: round(ds.fits[ref.kernel].lml_at_optimum, 6),
    });
  }
  console.table(cmp);
}

function ratio(a: number, b: number): string {
  return `${((100 * a) / b).toFixed(1)} %`;
}

function round(v: number, digits = 3): number {
  return Number(v.toPrecision(digits + 1));
}
