/**
 * The asymptotic calculator: p-values of q_μ, q̃_μ and q_0 from their large-sample distributions, with the
 * width σ taken from the Asimov data set (G. Cowan, K. Cranmer, E. Gross, O. Vitells, Eur. Phys. J. C 71
 * (2011) 1554), as pyhf's `AsymptoticCalculator` (calc_base_dist "normal") computes them.
 *
 * Asimov data: the nuisance parameters are fitted to the OBSERVED data with the POI fixed at μ′ (0 for
 * limits, 1 for discovery), and the data are the expected main and auxiliary yields there (pyhf
 * `generate_asimov_data`). On them the free fit is exact: the generating parameters saturate every Poisson
 * and Gaussian term, so 2NLL_A(μ̂, θ̂) = 2NLL_A(μ′, θ̂̂_μ′) without a fit.
 *
 * With √q and √q_A (the statistic on the observed and on the Asimov data), pyhf's shifted statistic is
 *   q, q0:  t = √q − √q_A
 *   q̃:      t = √q − √q_A if √q < √q_A, else (q − q_A) / (2√q_A)     (Cowan eq. 65–66)
 * and CLs+b = Φ(−(t + √q_A)), CLb = Φ(−t), CLs = CLs+b / CLb (0 when CLb = 0). The expected band puts
 * t = n for n = 2, 1, 0, −1, −2 (pyhf's order, ascending CLs), i.e. −2σ … +2σ of the expected limit.
 */
import type { Model, ModelData } from '../../histfactory/model.ts';
import { normalSf } from '../../numeric/special/index.ts';
import type { FixedValues, FitResult } from '../mle.ts';
import { ProfileLikelihood } from '../profile-likelihood.ts';
import { poiBoundsFor, testStatistic, type TestStatisticName } from '../test-statistics.ts';

export interface PValues {
  cls: number;
  clsb: number;
  clb: number;
}

/** Expected values for n = −2σ … +2σ of the background-only hypothesis (ascending CLs). */
export interface Band<T> {
  minus2: T;
  minus1: T;
  median: T;
  plus1: T;
  plus2: T;
}

export const BAND_KEYS = ['minus2', 'minus1', 'median', 'plus1', 'plus2'] as const;
/** pyhf's n for each band key: CLs_exp[k] is taken at t = N_SIGMA[k]. */
export const N_SIGMA: Readonly<Band<number>> = { minus2: 2, minus1: 1, median: 0, plus1: -1, plus2: -2 };

export type AsymptoticStatistic = 'q' | 'qtilde' | 'q0';

/** pyhf's shifted statistic t from √q and √q_A (see the file comment). */
export function shiftedStatistic(name: AsymptoticStatistic, q: number, qA: number): number {
  const sq = Math.sqrt(q);
  const sqA = Math.sqrt(qA);
  if (name !== 'qtilde' || sq < sqA || sqA === 0) return sq - sqA;
  return (q - qA) / (2 * sqA);
}

/** CLs+b, CLb and CLs at the shifted statistic t with √q_A. */
export function asymptoticPValues(t: number, sqrtQA: number): PValues {
  const clsb = normalSf(t + sqrtQA);
  const clb = normalSf(t);
  return { clsb, clb, cls: clb === 0 ? 0 : clsb / clb };
}

/** The expected band (each entry the p-values at t = n) for √q_A. */
export function expectedPValues(sqrtQA: number): Band<PValues> {
  const out = {} as Band<PValues>;
  for (const k of BAND_KEYS) out[k] = asymptoticPValues(N_SIGMA[k], sqrtQA);
  return out;
}

export interface CalculatorOptions {
  testStatistic?: AsymptoticStatistic;
  bounds?: readonly (readonly [number, number])[];
  poiBounds?: readonly [number, number];
  fixed?: FixedValues;
  init?: ArrayLike<number>;
}

/** Observed and Asimov profile likelihoods of one model and data set, with every fit cached. */
export class AsymptoticCalculator {
  readonly model: Model;
  readonly data: ModelData;
  readonly statistic: AsymptoticStatistic;
  readonly observed: ProfileLikelihood;
  private readonly options: CalculatorOptions;
  private asimovProfile: ProfileLikelihood | undefined;

  constructor(model: Model, data: ModelData, options: CalculatorOptions = {}) {
    this.model = model;
    this.data = data;
    this.statistic = options.testStatistic ?? 'qtilde';
    const poi = options.poiBounds ?? (options.bounds ?? model.suggestedBounds)[model.poiIndex];
    this.options = { ...options, poiBounds: poiBoundsFor(this.statistic, [poi[0], poi[1]]) };
    this.observed = new ProfileLikelihood(model, data, this.profileOptions());
  }

  private profileOptions(): ConstructorParameters<typeof ProfileLikelihood>[2] {
    const { bounds, poiBounds, fixed, init } = this.options;
    return { ...(bounds ? { bounds } : {}), ...(poiBounds ? { poiBounds } : {}), ...(fixed ? { fixed } : {}), ...(init ? { init } : {}) };
  }

  /** The POI value the Asimov data are generated at: 1 for q0, 0 otherwise. */
  get asimovMu(): number {
    return this.statistic === 'q0' ? 1 : 0;
  }

  /** The Asimov data set and its profile (free fit exact, see the file comment). */
  asimov(): ProfileLikelihood {
    if (!this.asimovProfile) {
      const generating = this.observed.fixedPoi(this.asimovMu);
      const data = { main: this.model.expectedMain(generating.parameters), aux: this.model.expectedAux(generating.parameters) };
      const freeFit: FitResult = { parameters: generating.parameters, twiceNll: this.model.twiceNll(generating.parameters, data), converged: true, iterations: 0 };
      this.asimovProfile = new ProfileLikelihood(this.model, data, { ...this.profileOptions(), freeFit });
    }
    return this.asimovProfile;
  }

  /** Fits so far (observed and Asimov data) that did not converge, one line each. */
  warnings(): string[] {
    return [...this.observed.unconverged('observed data'), ...(this.asimovProfile?.unconverged('Asimov data') ?? [])];
  }

  /** The test statistic on the observed data. */
  observedStatistic(mu: number): number {
    return testStatistic(this.statistic as TestStatisticName, this.observed, mu);
  }

  /** The test statistic on the Asimov data. */
  asimovStatistic(mu: number): number {
    return testStatistic(this.statistic as TestStatisticName, this.asimov(), mu);
  }

  /** Observed p-values at μ. */
  observedPValues(mu: number): PValues {
    const q = this.observedStatistic(mu);
    const qA = this.asimovStatistic(mu);
    return asymptoticPValues(shiftedStatistic(this.statistic, q, qA), Math.sqrt(qA));
  }

  /** Expected p-values at μ (only the Asimov fits are needed). */
  expectedPValues(mu: number): Band<PValues> {
    return expectedPValues(Math.sqrt(this.asimovStatistic(mu)));
  }
}
