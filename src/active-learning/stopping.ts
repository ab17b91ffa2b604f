/**
 * Stopping rules: a budget of evaluations, the surrogates' estimated misclassified fraction below a
 * tolerance, or a contour that stopped moving (classes changed on less than a tolerance of the
 * monitor set for several iterations in a row).
 */
import type { LoopState } from './state.ts';

export interface StoppingDecision {
  stop: boolean;
  reason: 'budget' | 'misclassification' | 'stable' | null;
  message: string;
}

export function stoppingDecision(state: LoopState): StoppingDecision {
  const stop = state.config.stop ?? {};
  const evaluations = state.observations.length;
  if (stop.budget !== undefined && evaluations >= stop.budget) {
    return { stop: true, reason: 'budget', message: `budget of ${stop.budget} evaluations reached` };
  }
  const last = state.history.at(-1);
  if (stop.misclassification !== undefined && last && last.misclassification < stop.misclassification) {
    return { stop: true, reason: 'misclassification', message: `estimated misclassified fraction ${last.misclassification.toExponential(2)} < ${stop.misclassification}` };
  }
  if (stop.stableIterations !== undefined && state.history.length >= stop.stableIterations) {
    const tolerance = stop.stableTolerance ?? 1e-3;
    const recent = state.history.slice(-stop.stableIterations);
    if (recent.every((r) => r.changed < tolerance)) {
      return { stop: true, reason: 'stable', message: `contour changed on < ${tolerance} of the domain for ${stop.stableIterations} iterations` };
    }
  }
  return { stop: false, reason: null, message: 'continue' };
}
