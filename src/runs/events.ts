/**
 * The events of a run's append-only log (ARCHITECTURE.md §2.6). Every transition of a scan is one
 * event, written and fsync'd before the driver acts on it; `replay` folds them back into the state.
 * The loop's own state changes travel as opaque JSON (`loop`) that the scan layer interprets, so this
 * folder knows trials and attempts, not Gaussian processes.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Why an attempt did not produce a usable result. */
export type Fault = 'crash' | 'timeout' | 'nan' | 'garbage' | 'missing-result' | 'lost' | 'cancelled' | 'submit-failed';

export interface TrialProposal {
  /** Stable id, unique in the run: `t<index>`. */
  id: string;
  /** Content hash naming the point's directory (parameters + config). */
  hash: string;
  /** Parameter values by name. */
  point: Record<string, number>;
}

interface Base {
  /** 1, 2, 3, … in log order. */
  seq: number;
  /** ISO time of writing. */
  time: string;
}

export type RunEvent = Base & (
  | { type: 'scan-started'; config: Json; configHash: string; version: string }
  | { type: 'scan-resumed'; pid: number; host: string }
  | { type: 'batch-proposed'; batch: number; trials: TrialProposal[]; loop: Json }
  | { type: 'attempt-submitted'; trial: string; attempt: number; handle: Json }
  | { type: 'attempt-running'; trial: string; attempt: number }
  | {
    type: 'attempt-ended'; trial: string; attempt: number; status: 'completed' | 'failed';
    outputs?: Record<string, number | null>; fault?: Fault; error?: string; seconds?: number;
    /** Set when the trial will be tried again: not before this ISO time. */
    retryAt?: string;
  }
  | { type: 'trials-told'; trials: string[] }
  | { type: 'cancel-requested' }
  | { type: 'scan-stopped'; reason: string; message: string }
);

export type RunEventType = RunEvent['type'];

/** An event as given to the store, which adds seq and time. */
export type NewRunEvent = RunEvent extends infer E ? E extends RunEvent ? Omit<E, 'seq' | 'time'> : never : never;
