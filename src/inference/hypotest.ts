/**
 * hypotest(model, data, μ) → CLs, CLs+b, CLb and the expected CLs band at one POI value (pyhf
 * `infer.hypotest` with return_expected_set), as a named object (ARCHITECTURE §2.9).
 *
 * `expected.minus2 … plus2` are pyhf's `CLs_exp` in its order (n = 2, 1, 0, −1, −2: ascending CLs), so
 * `expected.minus2` is the curve whose 0.05 crossing is the −2σ expected upper limit.
 */
import { QuarryError, unknownKey } from '../errors.ts';
import type { Model, ModelData } from '../histfactory/model.ts';
import { AsymptoticCalculator, type Band } from './calculators/asymptotic.ts';
import { ToyCalculator, type ModelSource } from './calculators/toys.ts';
import type { FixedValues } from './mle.ts';

export interface HypotestOptions {
  /** 'qtilde' (default) or 'q'. */
  testStatistic?: 'qtilde' | 'q';
  /** 'asymptotic' (default) or 'toys'. */
  calculator?: 'asymptotic' | 'toys';
  /** Toys per hypothesis (default 2000). */
  ntoys?: number;
  /** Seed of the toys (default 0). */
  seed?: number;
  /** Toys: the workspace the model was built from, so that the toys can run on worker threads too. */
  source?: ModelSource;
  /** Toys: threads (default QUARRY_TOY_THREADS, else the available cores); results do not depend on it. */
  threads?: number;
  bounds?: readonly (readonly [number, number])[];
  poiBounds?: readonly [number, number];
  fixed?: FixedValues;
  init?: ArrayLike<number>;
}

export interface HypotestResult {
  mu: number;
  cls: number;
  clsb: number;
  clb: number;
  /** Expected CLs under the background-only hypothesis, −2σ … +2σ (ascending CLs). */
  expected: Band<number>;
  /** The test statistic on the observed data. */
  testStatistic: number;
  /** The test statistic on the Asimov data (asymptotic calculator; NaN for toys). */
  asimovTestStatistic: number;
  /** Fits that did not converge (the numbers may be off), one line each; empty when all converged. */
  warnings: string[];
}

export const CALCULATORS = ['asymptotic', 'toys'] as const;
const STATISTICS = ['qtilde', 'q'] as const;

export function checkHypotestOptions(options: HypotestOptions): void {
  if (options.calculator !== undefined && !(CALCULATORS as readonly string[]).includes(options.calculator)) throw unknownKey('calculator', options.calculator, CALCULATORS);
  if (options.testStatistic !== undefined && !(STATISTICS as readonly string[]).includes(options.testStatistic)) throw unknownKey('test statistic for hypotest', options.testStatistic, STATISTICS);
}

/** Hypotest with the asymptotic calculator on an existing calculator (fits cached across calls). */
export function asymptoticHypotest(calc: AsymptoticCalculator, mu: number): HypotestResult {
  const q = calc.observedStatistic(mu);
  const qA = calc.asimovStatistic(mu);
  const obs = calc.observedPValues(mu);
  const band = calc.expectedPValues(mu);
  return {
    mu,
    cls: obs.cls,
    clsb: obs.clsb,
    clb: obs.clb,
    expected: { minus2: band.minus2.cls, minus1: band.minus1.cls, median: band.median.cls, plus1: band.plus1.cls, plus2: band.plus2.cls },
    testStatistic: q,
    asimovTestStatistic: qA,
    warnings: calc.warnings(),
  };
}

/** CLs hypothesis test of μ (see the file comment). */
export function hypotest(model: Model, data: ModelData, mu: number, options: HypotestOptions = {}): HypotestResult {
  checkHypotestOptions(options);
  if (!Number.isFinite(mu)) throw new QuarryError('INVALID_ARGUMENT', `hypotest: mu = ${mu} is not finite`, 'test a finite POI value inside its bounds');
  const { testStatistic = 'qtilde', calculator = 'asymptotic', bounds, poiBounds, fixed, init } = options;
  const common = { testStatistic, ...(bounds ? { bounds } : {}), ...(poiBounds ? { poiBounds } : {}), ...(fixed ? { fixed } : {}), ...(init ? { init } : {}) };
  const poi = poiBounds ?? (bounds ?? model.suggestedBounds)[model.poiIndex];
  if (mu < poi[0] || mu > poi[1]) {
    throw new QuarryError('INVALID_ARGUMENT', `hypotest: mu = ${mu} lies outside the POI bounds [${poi[0]}, ${poi[1]}] of "${model.poi}"`, 'test a value inside the bounds or widen them (poiBounds / --poi-bounds)');
  }
  if (calculator === 'toys') {
    return new ToyCalculator(model, data, { ...common, ntoys: options.ntoys ?? 2000, seed: options.seed ?? 0, ...(options.source ? { source: options.source } : {}), ...(options.threads !== undefined ? { threads: options.threads } : {}) }).hypotest(mu);
  }
  return asymptoticHypotest(new AsymptoticCalculator(model, data, common), mu);
}
