/**
 * The toy calculator: the distributions of the test statistic under s+b (POI = μ) and b (POI = 0) from
 * pseudo-experiments, as pyhf's `ToyCalculator`, except that the toys are thrown at the nuisance
 * parameters fitted to the observed data with the POI fixed (the profiled choice of RooStats' frequentist
 * calculator; pyhf throws at the suggested init).
 *
 * CLs+b = #{q_sb ≥ q_obs}/N, CLb = #{q_b ≥ q_obs}/N, CLs = CLs+b/CLb. The expected band: CLs evaluated at
 * each background toy's q, then its percentiles Φ(−2), Φ(−1), ½, Φ(1), Φ(2) (linear interpolation), so
 * `minus2` is the smallest as in the asymptotic band. Each toy's fits start from the generating parameters.
 *
 * Threads: the toys are split into fixed chunks, each drawn from its own stream derived from the seed and
 * the chunk index (toys-chunks.ts), run on the calling thread and on worker threads (toys-pool.ts) and
 * merged in chunk order, so a seed gives bit-identical results on any number of threads. Workers need the
 * model's workspace (`source`; a Model holds functions and cannot be posted); without it, for
 * ntoys < MIN_PARALLEL_TOYS, with `threads: 1` or QUARRY_TOY_THREADS=1 everything runs on this thread.
 */
import type { Model, ModelData } from '../../histfactory/model.ts';
import { normalCdf } from '../../numeric/special/index.ts';
import { QuarryError } from '../../errors.ts';
import type { HypotestResult } from '../hypotest.ts';
import type { FixedValues } from '../mle.ts';
import { ProfileLikelihood, type ProfileOptions } from '../profile-likelihood.ts';
import { poiBoundsFor, testStatistic, type TestStatisticName } from '../test-statistics.ts';
import { BAND_KEYS, type Band } from './asymptotic.ts';
import { type ToyJob } from './toys-chunks.ts';
import { runToyJob, toyThreads, type ModelSource } from './toys-pool.ts';

export { closeToyWorkers, type ModelSource } from './toys-pool.ts';

export interface ToyOptions {
  testStatistic?: TestStatisticName;
  ntoys: number;
  seed: number;
  bounds?: readonly (readonly [number, number])[];
  poiBounds?: readonly [number, number];
  fixed?: FixedValues;
  init?: ArrayLike<number>;
  /** The workspace the model was built from (and its build options), so that worker threads can rebuild it. */
  source?: ModelSource;
  /** Threads to run the toys on (default QUARRY_TOY_THREADS, else the available cores). */
  threads?: number;
}

/** Percentile p ∈ [0, 100] of sorted values with linear interpolation (NumPy's default). */
export function percentile(sorted: readonly number[], p: number): number {
  const pos = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

export class ToyCalculator {
  private readonly statistic: TestStatisticName;
  private readonly profileOptions: ProfileOptions;
  private readonly observed: ProfileLikelihood;

  constructor(private readonly model: Model, data: ModelData, private readonly options: ToyOptions) {
    if (!(Number.isInteger(options.ntoys) && options.ntoys >= 1)) {
      throw new QuarryError('INVALID_ARGUMENT', `toys: ntoys must be a positive integer, got ${options.ntoys}`, 'use e.g. ntoys: 2000');
    }
    this.statistic = options.testStatistic ?? 'qtilde';
    const poi = options.poiBounds ?? (options.bounds ?? model.suggestedBounds)[model.poiIndex];
    const { bounds, fixed } = options;
    this.profileOptions = { ...(bounds ? { bounds } : {}), ...(fixed ? { fixed } : {}), poiBounds: poiBoundsFor(this.statistic, [poi[0], poi[1]]) };
    this.observed = new ProfileLikelihood(model, data, { ...this.profileOptions, ...(options.init ? { init: options.init } : {}) });
  }

  /** The test statistic on the toys of s+b (POI = μ) and of b (POI = 0), each in toy order. */
  distributions(mu: number): [Float64Array, Float64Array] {
    const generating = (poi: number): number[] => Array.from(this.observed.fixedPoi(poi).parameters);
    const job: ToyJob = {
      statistic: this.statistic,
      profileOptions: this.profileOptions,
      mu,
      seed: this.options.seed,
      ntoys: this.options.ntoys,
      pars: [generating(mu), generating(0)],
    };
    return runToyJob(this.model, job, this.options.source, toyThreads(this.options.threads));
  }

  hypotest(mu: number): HypotestResult {
    const qObs = testStatistic(this.statistic, this.observed, mu);
    const [sbToys, bToys] = this.distributions(mu);
    const sb = Array.from(sbToys).sort((x, y) => x - y);
    const b = Array.from(bToys).sort((x, y) => x - y);
    const tail = (sorted: number[], q: number): number => {
      // Tolerance: a toy equal to q up to fit noise counts as ≥ q.
      let lo = 0;
      let hi = sorted.length;
      const cut = q - 1e-9 * Math.max(1, Math.abs(q));
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid] < cut) lo = mid + 1;
        else hi = mid;
      }
      return (sorted.length - lo) / sorted.length;
    };
    const pv = (q: number): { clsb: number; clb: number; cls: number } => {
      const clsb = tail(sb, q);
      const clb = tail(b, q);
      return { clsb, clb, cls: clb === 0 ? 0 : clsb / clb };
    };
    const obs = pv(qObs);
    const clsAtB = b.map((q) => pv(q).cls).sort((x, y) => x - y);
    const expected = {} as Band<number>;
    const n: Band<number> = { minus2: -2, minus1: -1, median: 0, plus1: 1, plus2: 2 };
    for (const k of BAND_KEYS) expected[k] = percentile(clsAtB, 100 * normalCdf(n[k]));
    // the fits to the toys are too many to report one by one; those to the observed data are reported
    return { mu, ...obs, expected, testStatistic: qObs, asimovTestStatistic: NaN, warnings: this.observed.unconverged('observed data') };
  }
}
