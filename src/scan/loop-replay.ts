/**
 * The active-learning state inside the run log. Each `batch-proposed` event carries what `ask`
 * changed (iteration, design progress, random stream, hyperparameters, the iteration's convergence
 * record, the pending points); each `trials-told` event says which trials were told, in order. Folding
 * them from `createLoopState` rebuilds the exact state an uninterrupted driver would hold, so a
 * resumed scan asks the same next batch.
 */
import type { IterationRecord, LoopConfig, LoopState, PendingPoint, TellObservation } from '../active-learning/index.ts';
import { createLoopState, tell } from '../active-learning/index.ts';
import type { Json, RunEvent } from '../runs/events.ts';
import type { TrialState } from '../runs/replay.ts';

export interface LoopUpdate {
  iteration: number;
  designIssued: number;
  rng: LoopState['rng'];
  hyperparameters: LoopState['hyperparameters'];
  /** Absent in runs logged before warps were kept. */
  warps?: LoopState['warps'];
  record: IterationRecord | null;
  monitorClasses: string;
  pending: PendingPoint[];
}

/** What ask changed between `before` and `after` (after = ask(before).state). */
export function loopUpdate(before: LoopState, after: LoopState): LoopUpdate {
  return {
    iteration: after.iteration,
    designIssued: after.designIssued,
    rng: after.rng,
    hyperparameters: after.hyperparameters,
    warps: after.warps,
    record: after.history.length > before.history.length ? after.history[after.history.length - 1] : null,
    monitorClasses: after.monitorClasses,
    pending: after.pending.slice(before.pending.length),
  };
}

export function applyLoopUpdate(state: LoopState, update: LoopUpdate): LoopState {
  return {
    ...state,
    iteration: update.iteration,
    designIssued: update.designIssued,
    rng: update.rng,
    hyperparameters: update.hyperparameters,
    ...(update.warps ? { warps: update.warps } : {}),
    history: update.record ? [...state.history, update.record] : state.history,
    monitorClasses: update.monitorClasses,
    pending: [...state.pending, ...update.pending],
  };
}

/** The observation a finished trial contributes to the loop. */
export function observationOf(trial: TrialState): TellObservation {
  if (trial.status === 'completed') return { x: trial.point, y: trial.outputs ?? {}, status: 'completed', ...(trial.error ? { error: trial.error } : {}) };
  return { x: trial.point, status: 'failed', error: trial.error ?? trial.status };
}

/** Rebuilds the loop state from the run's events; `trials` gives each trial's final result. */
export function replayLoop(config: LoopConfig, events: readonly RunEvent[], trials: readonly TrialState[]): LoopState {
  const byId = new Map(trials.map((t) => [t.id, t]));
  let state = createLoopState(config);
  for (const event of events) {
    if (event.type === 'batch-proposed') state = applyLoopUpdate(state, event.loop as unknown as LoopUpdate);
    else if (event.type === 'trials-told') state = tell(state, event.trials.map((id) => observationOf(byId.get(id)!)));
  }
  return state;
}

export function asJson(update: LoopUpdate): Json {
  return update as unknown as Json;
}
