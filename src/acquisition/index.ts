/**
 * The acquisition table (ARCHITECTURE.md §2.8): every acquisition by name, pointwise (scores candidates
 * from their marginals) or look-ahead (scores what an observation would tell about integration points).
 */
import { unknownKey } from '../errors.ts';
import { entropy } from './entropy.ts';
import { expectedFeasibility } from './expected-feasibility.ts';
import { mutualInformation } from './mutual-information.ts';
import { straddle } from './straddle.ts';
import { sur } from './sur.ts';
import type { LookaheadAcquisition, PointwiseAcquisition } from './types.ts';

export type AcquisitionEntry =
  | { kind: 'pointwise'; score: PointwiseAcquisition; description: string }
  | { kind: 'lookahead'; score: LookaheadAcquisition; description: string };

export const ACQUISITIONS = {
  entropy: { kind: 'pointwise', score: entropy, description: 'class entropy over the K + 1 classes (excursion MES)' },
  straddle: { kind: 'pointwise', score: straddle, description: '1.96σ − |μ − t| at the nearest threshold (Bryan et al. 2005)' },
  bichon: { kind: 'pointwise', score: expectedFeasibility(1), description: 'expected feasibility E[max(0, 2σ − |f − t|)] (Bichon et al. 2008)' },
  ranjan: { kind: 'pointwise', score: expectedFeasibility(2), description: 'expected improvement for contours E[max(0, 4σ² − (f − t)²)] (Ranjan et al. 2008)' },
  'mutual-information': { kind: 'lookahead', score: mutualInformation, description: 'mutual information between y(x) and the classes at integration points (excursion PES, exact)' },
  sur: { kind: 'lookahead', score: sur, description: 'one-step reduction of the integrated misclassification ∫ p(1 − p) (SUR, Bect et al. 2012)' },
} as const satisfies Record<string, AcquisitionEntry>;

export type AcquisitionName = keyof typeof ACQUISITIONS;

/** The table entry for a name; throws UNKNOWN_KEY listing the valid names. */
export function acquisition(name: string): AcquisitionEntry {
  if (!Object.hasOwn(ACQUISITIONS, name)) throw unknownKey('acquisition', name, Object.keys(ACQUISITIONS));
  return ACQUISITIONS[name as AcquisitionName];
}

export type { LookaheadAcquisition, LookaheadPosterior, PointwiseAcquisition } from './types.ts';
export { checkLookahead, checkPosterior, checkThresholds } from './types.ts';
export { entropy, gaussianClassEntropy } from './entropy.ts';
export { straddle } from './straddle.ts';
export { expectedFeasibility } from './expected-feasibility.ts';
export { mutualInformation, mutualInformationMomentMatched, expectedPosteriorEntropy } from './mutual-information.ts';
export { sur, misclassificationProbability } from './sur.ts';
export { combineWeighted } from './combine.ts';
