/**
 * The loop's state: an immutable, JSON-serialisable record of the configuration, every observation
 * and pending point, the random stream and the warm-start hyperparameters (ARCHITECTURE.md §2.4).
 * The same state drives the CLI, the library API and the dashboard.
 */
import { QuarryError } from '../errors.ts';
import { createRng, type RngState } from '../numeric/random/index.ts';
import type { Hyperparameters } from '../surrogate/likelihood.ts';
import type { Warp } from '../surrogate/warp.ts';
import type { KernelName } from '../surrogate/kernels/index.ts';
import type { BatchStrategy } from '../acquisition/batch.ts';
import { createDomain, type LoopParameter } from './domain.ts';
import { checkTransform, type Transform } from './transforms.ts';

export interface OutputSpec {
  name: string;
  /** Thresholds in the output's own (untransformed) units; excluded = value < threshold. */
  thresholds: number[];
  /** Modelled as transform(value); thresholds are transformed alike (default 'none'). */
  transform?: Transform;
  /** Weight of this output in the combined acquisition (default 1). */
  weight?: number;
}

export interface DesignSpec {
  type: 'sobol' | 'lhs' | 'grid' | 'list';
  /** Number of points (sobol, lhs; grid rounds to a full grid per dimension). */
  count?: number;
  /** The points of a 'list' design, by parameter name. */
  points?: Record<string, number>[];
}

export interface StopSpec {
  /** Stop after this many evaluations (completed + failed). */
  budget?: number;
  /** Stop when the estimated misclassified fraction of the domain is below this. */
  misclassification?: number;
  /** Stop when the predicted classes changed on less than `stableTolerance` of the domain for this many iterations. */
  stableIterations?: number;
  stableTolerance?: number;
}

export interface LoopConfig {
  parameters: LoopParameter[];
  outputs: OutputSpec[];
  design: DesignSpec;
  acquisition?: string;
  batch?: { size: number; strategy?: BatchStrategy };
  kernel?: KernelName;
  /** Prior mean of the GPs: 'constant' (default) or 'linear' (a least-squares trend). */
  mean?: 'constant' | 'linear';
  /**
   * Output warping of the GPs: 'none' (default) or 'auto', a one-sided saturation (a log-CLs that levels
   * off where the signal vanishes) or the identity, chosen per output by the warped evidence (surrogate/
   * warp-select.ts); the models then carry their `warp` and warped thresholds. Costs ~25 fits per output
   * while an output has at most 200 values; beyond, the warping last chosen is kept (one fit per output).
   */
  warp?: 'none' | 'auto';
  /** Observation noise variance in standardised units, or 'fit'. */
  noise?: number | 'fit';
  /** Space-filling candidates per proposal (default 1000·d, at most 8000). */
  candidates?: number;
  stop?: StopSpec;
  seed?: number;
}

export interface Observation {
  /** Unit-box coordinates of the free parameters. */
  u: number[];
  /** All parameter values by name. */
  x: Record<string, number>;
  /** Raw output values (null: missing); failed points have none. */
  y: (number | null)[];
  status: 'completed' | 'failed';
  iteration: number;
  error?: string;
}

export interface PendingPoint {
  u: number[];
  x: Record<string, number>;
  iteration: number;
}

export interface IterationRecord {
  iteration: number;
  evaluations: number;
  /** The surrogates' own estimate of the misclassified fraction of the domain. */
  misclassification: number;
  /** Fraction of monitor points whose predicted class changed since the previous iteration. */
  changed: number;
}

export interface LoopState {
  version: 1;
  config: LoopConfig;
  iteration: number;
  designIssued: number;
  observations: Observation[];
  pending: PendingPoint[];
  rng: RngState;
  hyperparameters: (Hyperparameters | null)[];
  /** The output warping each model used at the last fit (absent in states written before warps were kept). */
  warps?: (Warp | null)[];
  history: IterationRecord[];
  /** Predicted classes on the monitor set at the last fit, one character per point and output. */
  monitorClasses: string;
}

/** A fresh loop state; checks the configuration (parameters, outputs, design, batch). */
export function createLoopState(config: LoopConfig): LoopState {
  createDomain(config.parameters);
  if (!config.outputs || config.outputs.length === 0) throw new QuarryError('INVALID_INPUT', 'no outputs given', 'declare at least one output with a name and thresholds');
  config.outputs.forEach((o, k) => {
    if (!Array.isArray(o.thresholds) || o.thresholds.length === 0 || !o.thresholds.every(Number.isFinite)) {
      throw new QuarryError('INVALID_INPUT', `output ${k} ("${o.name}") needs a non-empty list of finite thresholds`, 'e.g. thresholds: [0]');
    }
    checkTransform(o.transform, o.thresholds, `output ${k} ("${o.name}")`);
  });
  if (config.warp !== undefined && config.warp !== 'none' && config.warp !== 'auto') {
    throw new QuarryError('INVALID_INPUT', `unknown warp ${JSON.stringify(config.warp)}`, "use warp: 'none' or 'auto'");
  }
  const count = config.design.type === 'list' ? (config.design.points?.length ?? 0) : (config.design.count ?? 0);
  if (!(count >= 1)) throw new QuarryError('INVALID_INPUT', `the initial design has ${count} points`, 'give design.count ≥ 1 (or design.points for a list)');
  const batch = config.batch?.size ?? 1;
  if (!Number.isInteger(batch) || batch < 1) throw new QuarryError('INVALID_INPUT', `batch size ${batch} is not a positive integer`, 'use batch: 1 or more');
  return {
    version: 1,
    config,
    iteration: 0,
    designIssued: 0,
    observations: [],
    pending: [],
    rng: createRng(config.seed ?? 0).state() as RngState,
    hyperparameters: config.outputs.map(() => null),
    warps: config.outputs.map(() => null),
    history: [],
    monitorClasses: '',
  };
}

/** Evaluations so far (completed and failed). */
export function evaluationCount(state: LoopState): number {
  return state.observations.length;
}
