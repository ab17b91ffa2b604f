/**
 * The profile-likelihood test statistics, one table (ARCHITECTURE §2.8). With t_μ = −2 ln λ(μ) ≥ 0 and μ̂
 * the best-fit POI (G. Cowan, K. Cranmer, E. Gross, O. Vitells, Eur. Phys. J. C 71 (2011) 1554):
 *
 *   t_μ   = −2 ln λ(μ)                                   (eq. 8)
 *   t̃_μ   = −2 ln λ̃(μ), μ̂ constrained to ≥ 0             (eq. 11–12)
 *   q_0   = t_0 if μ̂ > 0, else 0                          (eq. 12, discovery)
 *   q_μ   = t_μ if μ̂ ≤ μ, else 0                          (eq. 14, upper limits)
 *   q̃_μ   = t̃_μ if μ̂ ≤ μ, else 0                          (eq. 16, with μ̂ ≥ 0)
 *
 * pyhf semantics: the tilde statistics fit with the POI's lower bound at 0 (λ̃ of eq. 10 is the ratio with
 * μ̂ bounded below at 0, so t̃ is t with that bound); the others use the bounds they are given.
 */
import { unknownKey } from '../errors.ts';
import type { ProfileLikelihood } from './profile-likelihood.ts';

export type TestStatisticName = 'q' | 'qtilde' | 't' | 'ttilde' | 'q0';

export interface TestStatisticDefinition {
  name: TestStatisticName;
  /** One line with the formula and Cowan et al. 2011's equation. */
  description: string;
  /** The POI's lower bound is set to 0 in every fit (tilde statistics). */
  poiLowerBoundZero: boolean;
  /** The statistic from t_μ (clipped at 0), μ̂ and the tested μ. */
  fromProfile(tmu: number, muHat: number, mu: number): number;
}

export const TEST_STATISTICS: Readonly<Record<TestStatisticName, TestStatisticDefinition>> = {
  t: { name: 't', description: 't_μ = −2 ln λ(μ) (Cowan et al. 2011 eq. 8)', poiLowerBoundZero: false, fromProfile: (tmu) => tmu },
  ttilde: { name: 'ttilde', description: 't̃_μ = −2 ln λ̃(μ), μ̂ ≥ 0 (eq. 11)', poiLowerBoundZero: true, fromProfile: (tmu) => tmu },
  q0: { name: 'q0', description: 'q_0 = −2 ln λ(0) if μ̂ > 0, else 0 (eq. 12)', poiLowerBoundZero: false, fromProfile: (tmu, muHat, mu) => (muHat > mu ? tmu : 0) },
  q: { name: 'q', description: 'q_μ = −2 ln λ(μ) if μ̂ ≤ μ, else 0 (eq. 14)', poiLowerBoundZero: false, fromProfile: (tmu, muHat, mu) => (muHat > mu ? 0 : tmu) },
  qtilde: { name: 'qtilde', description: 'q̃_μ = −2 ln λ̃(μ) if μ̂ ≤ μ, else 0, μ̂ ≥ 0 (eq. 16)', poiLowerBoundZero: true, fromProfile: (tmu, muHat, mu) => (muHat > mu ? 0 : tmu) },
};

export const TEST_STATISTIC_NAMES = Object.keys(TEST_STATISTICS) as TestStatisticName[];

/** The definition of a test statistic by name; throws UNKNOWN_KEY listing the valid names. */
export function testStatisticDefinition(name: string): TestStatisticDefinition {
  if (!Object.hasOwn(TEST_STATISTICS, name)) throw unknownKey('test statistic', name, TEST_STATISTIC_NAMES);
  return TEST_STATISTICS[name as TestStatisticName];
}

/** The value of a test statistic at μ (q0 ignores μ and tests μ = 0) on a profile likelihood. */
export function testStatistic(name: TestStatisticName, profile: ProfileLikelihood, mu: number): number {
  const def = testStatisticDefinition(name);
  const tested = name === 'q0' ? 0 : mu;
  const { tmu, muHat } = profile.tmu(tested);
  return def.fromProfile(tmu, muHat, tested);
}

/** POI bounds for a statistic: the tilde ones raise a negative lower bound to 0. */
export function poiBoundsFor(name: TestStatisticName, bounds: readonly [number, number]): [number, number] {
  return TEST_STATISTICS[name].poiLowerBoundZero ? [Math.max(bounds[0], 0), bounds[1]] : [bounds[0], bounds[1]];
}
