/**
 * The toy calculator: the distributions of the test statistic under s+b (POI = μ) and b (POI = 0) from
 * pseudo-experiments, as pyhf's `ToyCalculator`, except that the toys are thrown at the nuisance
 * parameters fitted to the observed data with the POI fixed (the profiled choice of RooStats' frequentist
 * calculator; pyhf throws at the suggested init).
 *
 * CLs+b = #{q_sb ≥ q_obs}/N, CLb = #{q_b ≥ q_obs}/N, CLs = CLs+b/CLb. The expected band: CLs evaluated at
 * each background toy's q, then its percentiles Φ(−2), Φ(−1), ½, Φ(1), Φ(2) (linear interpolation), so
 * `minus2` is the smallest as in the asymptotic band. Toy k draws from its own stream (fork k of
 * createRng(seed)), and each toy's fits start from the generating parameters: same seed, same result.
 */
import type { Model, ModelData } from '../../histfactory/model.ts';
import { createRng } from '../../numeric/random/index.ts';
import { normalCdf } from '../../numeric/special/index.ts';
import { QuarryError } from '../../errors.ts';
import type { HypotestResult } from '../hypotest.ts';
import type { FixedValues } from '../mle.ts';
import { ProfileLikelihood, type ProfileOptions } from '../profile-likelihood.ts';
import { poiBoundsFor, testStatistic, type TestStatisticName } from '../test-statistics.ts';
import { BAND_KEYS, type Band } from './asymptotic.ts';
import { sampleData } from './sampling.ts';

export interface ToyOptions {
  testStatistic?: TestStatisticName;
  ntoys: number;
  seed: number;
  bounds?: readonly (readonly [number, number])[];
  poiBounds?: readonly [number, number];
  fixed?: FixedValues;
  init?: ArrayLike<number>;
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

  /** The test statistic on `ntoys` toys thrown at the observed data's conditional fit with POI = poi. */
  distribution(poi: number, mu: number, stream: number): number[] {
    const pars = this.observed.fixedPoi(poi).parameters;
    const rng = createRng(this.options.seed);
    const streams = [];
    for (let s = 0; s <= stream; s++) streams.push(rng.fork());
    const base = streams[stream];
    const out: number[] = [];
    for (let k = 0; k < this.options.ntoys; k++) {
      const toyRng = base.fork();
      const data = sampleData(this.model, pars, toyRng);
      const profile = new ProfileLikelihood(this.model, data, { ...this.profileOptions, init: pars });
      out.push(testStatistic(this.statistic, profile, mu));
    }
    return out;
  }

  hypotest(mu: number): HypotestResult {
    const qObs = testStatistic(this.statistic, this.observed, mu);
    const sb = this.distribution(mu, mu, 0).sort((a, b) => a - b);
    const b = this.distribution(0, mu, 1).sort((x, y) => x - y);
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
    return { mu, ...obs, expected, testStatistic: qObs, asimovTestStatistic: NaN };
  }
}
