/** Durable runs: the event log, its store and lock, and the replay reducer. */
export type { Fault, Json, NewRunEvent, RunEvent, RunEventType, TrialProposal } from './events.ts';
export { hasRunLog, LOG_FILE, readEvents, RunStore } from './store.ts';
export { acquireRunLock, lockOwner, LOCK_FILE, ownerAlive, processStart, type LockOwner, type RunLock } from './lock.ts';
export { applyEvent, emptyRunState, replay, trialEnded, type AttemptState, type RunState, type TrialState, type TrialStatus } from './replay.ts';
