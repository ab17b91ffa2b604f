/**
 * replay(events) → RunState: the pure reducer of the run log. Trials follow the lifecycle
 * proposed → submitted → running → completed | failed | abandoned (ARCHITECTURE.md §2.5), with a
 * failed attempt that will be retried shown as `retrying` until its next attempt is submitted.
 */
import type { Fault, Json, RunEvent, TrialProposal } from './events.ts';

export type TrialStatus = 'proposed' | 'submitted' | 'running' | 'retrying' | 'completed' | 'failed' | 'abandoned';

export interface AttemptState {
  attempt: number;
  handle: Json;
  running: boolean;
  ended: null | { status: 'completed' | 'failed'; fault?: Fault; error?: string; seconds?: number; retryAt?: string; time: string };
}

export interface TrialState extends TrialProposal {
  /** Batch (0, 1, …) the trial was proposed in. */
  batch: number;
  status: TrialStatus;
  attempts: AttemptState[];
  /** Output values of the completed attempt (null: missing or not finite). */
  outputs: Record<string, number | null> | null;
  fault: Fault | null;
  error: string | null;
  /** Not before this ISO time is the next attempt submitted (status 'retrying'). */
  retryAt: string | null;
  /** True once the loop has been told the trial's result. */
  told: boolean;
}

export interface RunState {
  config: Json | null;
  configHash: string | null;
  version: string | null;
  trials: TrialState[];
  /** Batches proposed so far. */
  batches: number;
  /** The `loop` payload of every batch-proposed event, in order (the scan layer folds them). */
  loopUpdates: Json[];
  cancelRequested: boolean;
  stopped: { reason: string; message: string; time: string } | null;
  startedAt: string | null;
  updatedAt: string | null;
}

export function emptyRunState(): RunState {
  return { config: null, configHash: null, version: null, trials: [], batches: 0, loopUpdates: [], cancelRequested: false, stopped: null, startedAt: null, updatedAt: null };
}

/** Applies one event (returns a new state; the old one is not modified). */
export function applyEvent(state: RunState, event: RunEvent): RunState {
  const next: RunState = { ...state, updatedAt: event.time };
  const withTrial = (id: string, update: (t: TrialState) => TrialState) => {
    next.trials = state.trials.map((t) => (t.id === id ? update(t) : t));
  };
  switch (event.type) {
    case 'scan-started':
      return { ...next, config: event.config, configHash: event.configHash, version: event.version, startedAt: event.time };
    case 'scan-resumed':
      // a resumed scan runs again: an earlier cancel or stop is over (its abandoned trials are run again)
      return { ...next, stopped: null, cancelRequested: false };
    case 'batch-proposed':
      next.trials = [...state.trials, ...event.trials.map((p): TrialState => ({
        ...p, batch: event.batch, status: 'proposed', attempts: [], outputs: null, fault: null, error: null, retryAt: null, told: false,
      }))];
      next.batches = Math.max(state.batches, event.batch + 1);
      next.loopUpdates = [...state.loopUpdates, event.loop];
      return next;
    case 'attempt-submitted':
      withTrial(event.trial, (t) => ({
        ...t, status: 'submitted', retryAt: null,
        attempts: [...t.attempts.filter((a) => a.attempt !== event.attempt), { attempt: event.attempt, handle: event.handle, running: false, ended: null }],
      }));
      return next;
    case 'attempt-running':
      withTrial(event.trial, (t) => ({
        ...t, status: t.status === 'submitted' ? 'running' : t.status,
        attempts: t.attempts.map((a) => (a.attempt === event.attempt ? { ...a, running: true } : a)),
      }));
      return next;
    case 'attempt-ended':
      withTrial(event.trial, (t) => {
        const ended = { status: event.status, fault: event.fault, error: event.error, seconds: event.seconds, retryAt: event.retryAt, time: event.time };
        const known = t.attempts.some((a) => a.attempt === event.attempt);
        const attempts = known
          ? t.attempts.map((a) => (a.attempt === event.attempt ? { ...a, ended } : a))
          : [...t.attempts, { attempt: event.attempt, handle: null, running: false, ended }];
        const status: TrialStatus = event.status === 'completed' ? 'completed'
          : event.fault === 'cancelled' ? 'abandoned'
            : event.retryAt ? 'retrying' : 'failed';
        return {
          ...t, attempts, status,
          outputs: event.status === 'completed' ? (event.outputs ?? null) : t.outputs,
          fault: event.fault ?? null,
          error: event.error ?? null,
          retryAt: event.retryAt ?? null,
        };
      });
      return next;
    case 'trials-told': {
      const told = new Set(event.trials);
      next.trials = state.trials.map((t) => (told.has(t.id) ? { ...t, told: true } : t));
      return next;
    }
    case 'cancel-requested':
      return { ...next, cancelRequested: true };
    case 'scan-stopped':
      return { ...next, stopped: { reason: event.reason, message: event.message, time: event.time } };
  }
}

export function replay(events: readonly RunEvent[]): RunState {
  return events.reduce(applyEvent, emptyRunState());
}

/** True for a trial that has ended for good (no attempt running or due). */
export function trialEnded(t: TrialState): boolean {
  return t.status === 'completed' || t.status === 'failed' || t.status === 'abandoned';
}
