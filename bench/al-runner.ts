/**
 * Runs the active-learning loop against a problem's own functions and truth grid, recording after
 * every iteration the evaluations, the balanced accuracy of the surrogate means on the truth grid, the
 * surrogates' own misclassification estimate and the loop's seconds (ask + refit, not the metric).
 */
import { ask, createDomain, createLoopState, fitModels, tell, toUnitBox, type LoopConfig, type TellObservation } from '../src/active-learning/index.ts';
import { accuracy, balancedAccuracy } from '../src/active-learning/metrics.ts';
import { monitor, monitorPoints } from '../src/active-learning/models.ts';
import { toProblem } from '../src/active-learning/domain.ts';
import type { Problem } from '../src/active-learning/problem.ts';
import type { BatchStrategy } from '../src/acquisition/batch.ts';
import { createRng } from '../src/numeric/random/index.ts';
import { unwarpValues } from '../src/surrogate/warp.ts';
import type { TruthGrid } from './problems/truth.ts';

export interface AlRunOptions {
  acquisition: string;
  batch: number;
  init: number;
  initDesign?: 'lhs' | 'sobol';
  budget: number;
  seed: number;
  strategy?: BatchStrategy;
  /** Observation noise variance (standardised units) or 'fit' (default: 'fit' for noisy problems, else 1e-6). */
  noise?: number | 'fit';
  /** Loop settings that replace the defaults (experiments). */
  config?: Partial<LoopConfig>;
  /** Stop early once the balanced accuracy reaches this (the curve's end is then flat). */
  target?: number;
}

export interface CurvePoint {
  iteration: number;
  evaluations: number;
  balancedAccuracy: number;
  accuracy: number;
  misclassification: number;
  seconds: number;
}

export interface AlRun {
  seed: number;
  curve: CurvePoint[];
}

export function runActiveLearning(problem: Problem, truth: TruthGrid, options: AlRunOptions, onPoint?: (p: CurvePoint) => void): AlRun {
  const config: LoopConfig = {
    parameters: problem.parameters.map((p) => ({ ...p })),
    outputs: problem.functions.map((_, k) => ({ name: `f${k}`, thresholds: [...problem.thresholds] })),
    design: { type: options.initDesign ?? 'lhs', count: options.init },
    acquisition: options.acquisition,
    batch: { size: options.batch, strategy: options.strategy },
    stop: { budget: options.budget },
    seed: options.seed,
    noise: options.noise ?? (problem.noise ? 'fit' : 1e-6),
    ...options.config,
  };
  const domain = createDomain(config.parameters);
  const d = domain.dimension;
  const valid = problem.invalid ? (x: Record<string, number>) => !problem.invalid!(x) : undefined;
  const noise = createRng(options.seed + 99991);
  const names = problem.parameters.map((p) => p.name);
  // the truth grid's valid points in the loop's unit box
  const gridUnit = new Float64Array(truth.points.length);
  const n = truth.points.length / d;
  const x: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    names.forEach((name, j) => (x[name] = truth.points[i * d + j]));
    gridUnit.set(toUnitBox(domain, x), i * d);
  }

  const monitorSet = monitorPoints(domain, valid ? (u) => valid(toProblem(domain, u)) : undefined);
  let state = createLoopState(config);
  let models = null;
  const curve: CurvePoint[] = [];
  for (;;) {
    const started = performance.now();
    const asked = ask(state, { valid, models });
    if (asked.points.length === 0) break;
    const observations: TellObservation[] = asked.points.map((point) => ({
      x: point,
      y: problem.functions.map((f) => f(point) + (problem.noise ? problem.noise * noise.normal() : 0)),
    }));
    state = tell(asked.state, observations);
    models = fitModels(state, domain);
    const seconds = (performance.now() - started) / 1000;
    if (models === null) continue;
    // means back in the output's units (a warped model's classes are those of its unwarped mean)
    const predicted = models.map((m) => (m.warp ? unwarpValues(m.warp, m.gp.mean(gridUnit)) : m.gp.mean(gridUnit)));
    const point: CurvePoint = {
      iteration: state.iteration,
      evaluations: state.observations.length,
      balancedAccuracy: balancedAccuracy(truth.values, predicted, problem.thresholds, truth.mask),
      accuracy: accuracy(truth.values, predicted, problem.thresholds, truth.mask),
      misclassification: monitor(models, monitorSet).misclassification,
      seconds,
    };
    curve.push(point);
    onPoint?.(point);
    if (options.target !== undefined && point.balancedAccuracy >= options.target) break;
  }
  return { seed: options.seed, curve };
}

/** Evaluations at which a curve first reaches `level` (Infinity if never). */
export function evaluationsToReach(curve: readonly CurvePoint[], level: number): number {
  const hit = curve.find((p) => p.balancedAccuracy >= level);
  return hit ? hit.evaluations : Number.POSITIVE_INFINITY;
}
