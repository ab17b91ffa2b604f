/** The active-learning loop's public names. */
export { ask, DEFAULT_ACQUISITION, type AskOptions, type AskResult } from './ask.ts';
export { tell, type TellObservation } from './tell.ts';
export { stoppingDecision, type StoppingDecision } from './stopping.ts';
export { createLoopState, evaluationCount, type DesignSpec, type IterationRecord, type LoopConfig, type LoopState, type Observation, type OutputSpec, type PendingPoint, type StopSpec } from './state.ts';
export { createDomain, toProblem, toUnitBox, type Domain, type LoopParameter } from './domain.ts';
export { fitModels } from './models.ts';
export { applyTransform, type Transform } from './transforms.ts';
