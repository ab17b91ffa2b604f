/** quarry's public TypeScript API (pinned by index.test.ts; package.json "exports" points here). */
export * from './numeric/index.ts';
export * from './surrogate/index.ts';
export * from './contour/index.ts';
export { QuarryError, type QuarryErrorCode } from './errors.ts';
export {
  ACQUISITIONS, acquisition, entropy, straddle, expectedFeasibility, mutualInformation, sur, misclassificationProbability, combineWeighted,
  type AcquisitionEntry, type AcquisitionName, type PointwiseAcquisition, type LookaheadAcquisition, type LookaheadPosterior,
} from './acquisition/index.ts';
export { selectBatch, type BatchOptions, type BatchStrategy } from './acquisition/batch.ts';
export { candidatePoints, propose, type CandidateOptions } from './acquisition/propose.ts';
export {
  ask, tell, createLoopState, stoppingDecision, fitModels, createDomain, toProblem, toUnitBox, DEFAULT_ACQUISITION,
  type AskOptions, type AskResult, type TellObservation, type LoopConfig, type LoopState, type Observation, type OutputSpec,
  type DesignSpec, type StopSpec, type LoopParameter, type StoppingDecision, type Transform,
} from './active-learning/index.ts';
export { balancedAccuracy, accuracy, classify, misclassificationEstimate, symmetricDifferenceVolume } from './active-learning/metrics.ts';
export type { Problem, Parameter } from './active-learning/problem.ts';
// HistFactory and inference as namespaces: their names (fit, Model, Observation, ParameterSet, …) would clash with the flat ones above
export * as histfactory from './histfactory/index.ts';
export * as inference from './inference/index.ts';
// Durable scans (config, driver, exports), their executors and run logs, as namespaces
export * as scan from './scan/index.ts';
export * as executors from './executors/index.ts';
export * as runs from './runs/index.ts';
