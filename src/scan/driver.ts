/**
 * The scan driver: the one loop that wires active learning, evaluators, an executor and the run log.
 * Each step it (1) submits trials that are due, (2) polls those in flight and records how their
 * attempts ended (retrying transient faults with exponential backoff), (3) tells the loop finished
 * trials — a whole batch at a time, in proposal order, so a resumed run is identical to an
 * uninterrupted one — and (4) asks for the next batch or stops. Every transition is appended to the
 * log (fsync'd) before it is acted on; `quarry scan` on a directory with a log resumes from it.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ask, stoppingDecision, tell, type LoopState } from '../active-learning/index.ts';
import type { Executor, JobHandle, JobSpec, JobStatus } from '../executors/executor.ts';
import type { NewRunEvent, RunEvent } from '../runs/events.ts';
import { applyEvent, trialEnded, type RunState, type TrialState } from '../runs/replay.ts';
import type { RunStore } from '../runs/store.ts';
import type { ScanConfig } from './config.ts';
import { toLoopConfig } from './config.ts';
import { jobFor } from './evaluator.ts';
import { asJson, loopUpdate, observationOf, replayLoop } from './loop-replay.ts';
import { pointHash } from './point-dirs.ts';
import { interpretOutcome } from './result.ts';

/** A file whose presence asks the driver to cancel the scan (written by `quarry cancel`). */
export const CANCEL_FILE = 'cancel-requested';

export interface DriverContext {
  config: ScanConfig;
  configHash: string;
  dir: string;
  store: RunStore;
  executor: Executor;
  /** True for parameter points that must not be proposed. */
  valid?: (x: Record<string, number>) => boolean;
  /** Milliseconds between polls of the executor. */
  pollMs: number;
}

export class Driver {
  readonly ctx: DriverContext;
  run: RunState;
  loop: LoopState;
  private found = new Set<string>();

  constructor(ctx: DriverContext, run: RunState) {
    this.ctx = ctx;
    this.run = run;
    this.loop = replayLoop(toLoopConfig(ctx.config), ctx.store.events() as RunEvent[], run.trials);
  }

  private append(event: NewRunEvent): void {
    this.run = applyEvent(this.run, this.ctx.store.append(event));
  }

  private job(trial: TrialState, attempt: number): JobSpec {
    return jobFor(this.ctx.config.evaluator, { configDir: this.ctx.config.configDir, runDir: this.ctx.dir, hash: trial.hash, attempt, point: trial.point });
  }

  /** The attempt a trial is on (the last submitted or ended one), 0 before its first. */
  private static currentAttempt(trial: TrialState): number {
    return trial.attempts.at(-1)?.attempt ?? 0;
  }

  /** True when `quarry cancel` asked this scan to stop. */
  cancelRequested(): boolean {
    return this.run.cancelRequested || existsSync(join(this.ctx.dir, CANCEL_FILE));
  }

  /** One pass of the loop; resolves to true when something changed (so the caller polls again at once). */
  async step(now = Date.now()): Promise<boolean> {
    let changed = await this.submitDue(now);
    changed = (await this.pollInFlight(now)) || changed;
    changed = this.tellFinished() || changed;
    changed = this.propose() || changed;
    return changed;
  }

  /** True when the scan has stopped (the stop rules hold and nothing is in flight). */
  get finished(): boolean {
    return this.run.stopped !== null;
  }

  private async submitDue(now: number): Promise<boolean> {
    const due = this.run.trials.filter((t) => t.status === 'proposed' || t.status === 'abandoned'
      || (t.status === 'retrying' && Date.parse(t.retryAt!) <= now));
    if (due.length === 0) return false;
    const fresh: { trial: TrialState; job: JobSpec; attempt: number }[] = [];
    for (const trial of due) {
      const attempt = trial.status === 'proposed' && Driver.currentAttempt(trial) === 0 ? 1 : Driver.currentAttempt(trial) + 1;
      const job = this.job(trial, attempt);
      // after a restart the job may already exist: re-attach instead of running it twice
      const handle = existsSync(job.dir) && !this.found.has(job.id) ? await this.ctx.executor.find(job) : null;
      this.found.add(job.id);
      if (handle) this.append({ type: 'attempt-submitted', trial: trial.id, attempt, handle });
      else fresh.push({ trial, job, attempt });
    }
    if (fresh.length > 0) {
      const handles = await this.ctx.executor.submit(fresh.map((f) => f.job));
      fresh.forEach((f, i) => this.append({ type: 'attempt-submitted', trial: f.trial.id, attempt: f.attempt, handle: handles[i] }));
    }
    return true;
  }

  private async pollInFlight(now: number): Promise<boolean> {
    const inFlight = this.run.trials.filter((t) => t.status === 'submitted' || t.status === 'running');
    if (inFlight.length === 0) return false;
    const handles = inFlight.map((t) => t.attempts.at(-1)!.handle as unknown as JobHandle);
    const statuses = await this.ctx.executor.poll(handles);
    let changed = false;
    inFlight.forEach((trial, i) => { changed = this.record(trial, statuses[i], now) || changed; });
    return changed;
  }

  private record(trial: TrialState, status: JobStatus, now: number): boolean {
    const attempt = Driver.currentAttempt(trial);
    if (status.state === 'queued') return false;
    if (status.state === 'running') {
      if (trial.status === 'running') return false;
      this.append({ type: 'attempt-running', trial: trial.id, attempt });
      return true;
    }
    const evaluator = this.ctx.config.evaluator;
    const result = status.state === 'lost'
      ? { status: 'failed' as const, fault: 'lost' as const, error: status.reason, retryable: true }
      : interpretOutcome(status.outcome, this.ctx.config.outputs.map((o) => o.name), this.stderrTail(trial, attempt));
    const seconds = status.state === 'finished' ? status.outcome.seconds : undefined;
    if (result.status === 'completed') {
      this.append({ type: 'attempt-ended', trial: trial.id, attempt, status: 'completed', outputs: result.outputs, ...(result.error ? { error: result.error } : {}), ...(seconds !== undefined ? { seconds } : {}) });
      return true;
    }
    const retry = result.retryable && attempt <= evaluator.retries && !this.cancelRequested();
    const retryAt = retry ? new Date(now + 1000 * evaluator.retryDelay * 2 ** (attempt - 1)).toISOString() : undefined;
    this.append({
      type: 'attempt-ended', trial: trial.id, attempt, status: 'failed', fault: result.fault, error: result.error,
      ...(seconds !== undefined ? { seconds } : {}), ...(retryAt ? { retryAt } : {}),
    });
    return true;
  }

  private stderrTail(trial: TrialState, attempt: number): string {
    try {
      const text = readFileSync(join(this.job(trial, attempt).dir, 'stderr.txt'), 'utf8');
      return text.slice(-2000);
    } catch {
      return '';
    }
  }

  /** Tells the loop about finished trials: whole batches in proposal order, or (fill mode) as they end. */
  private tellFinished(): boolean {
    const untold = this.run.trials.filter((t) => !t.told);
    if (untold.length === 0) return false;
    const fill = this.ctx.config.batch.mode === 'fill';
    const ready = fill ? untold.filter(trialEnded) : untold.every(trialEnded) ? untold : [];
    const tellable = ready.filter((t) => t.status !== 'abandoned');
    if (tellable.length === 0) return false;
    this.append({ type: 'trials-told', trials: tellable.map((t) => t.id) });
    this.loop = tellLoop(this.loop, tellable);
    return true;
  }

  /** Asks for the next points when there is room, or stops the scan when the stop rules hold. */
  private propose(): boolean {
    if (this.run.stopped || this.cancelRequested()) return false;
    const inFlight = this.run.trials.filter((t) => !t.told).length;
    const batch = this.ctx.config.batch;
    const fill = batch.mode === 'fill';
    if (!fill && inFlight > 0) return false;
    const decision = stoppingDecision(this.loop);
    if (decision.stop) {
      if (inFlight > 0) return false;
      this.append({ type: 'scan-stopped', reason: decision.reason!, message: decision.message });
      return true;
    }
    const count = batch.mode === 'fill' ? this.ctx.executor.capacity() - inFlight : batch.size;
    if (count <= 0) return false;
    const result = ask(this.loop, { count, valid: this.ctx.valid });
    if (result.points.length === 0) {
      if (inFlight > 0) return false;
      this.append({ type: 'scan-stopped', reason: 'budget', message: 'no evaluations left in the budget' });
      return true;
    }
    const offset = this.run.trials.length;
    const trials = result.points.map((point, i) => ({ id: `t${offset + i}`, hash: pointHash(this.ctx.configHash, point), point }));
    this.append({ type: 'batch-proposed', batch: this.run.batches, trials, loop: asJson(loopUpdate(this.loop, result.state)) });
    this.loop = result.state;
    return true;
  }

  /** Cancels every trial in flight (killing its jobs) and stops the scan; finished trials are kept. */
  async cancel(): Promise<number> {
    if (!this.run.cancelRequested) this.append({ type: 'cancel-requested' });
    const inFlight = this.run.trials.filter((t) => !trialEnded(t) && t.status !== 'abandoned');
    const handles = inFlight.filter((t) => t.status === 'submitted' || t.status === 'running').map((t) => t.attempts.at(-1)!.handle as unknown as JobHandle);
    if (handles.length > 0) await this.ctx.executor.cancel(handles);
    for (const trial of inFlight) {
      this.append({ type: 'attempt-ended', trial: trial.id, attempt: Math.max(1, Driver.currentAttempt(trial)), status: 'failed', fault: 'cancelled', error: 'cancelled by quarry cancel' });
    }
    this.append({ type: 'scan-stopped', reason: 'cancelled', message: `cancelled; ${inFlight.length} trial(s) in flight abandoned` });
    rmSync(join(this.ctx.dir, CANCEL_FILE), { force: true });
    return inFlight.length;
  }

  /** Runs steps until the scan stops, is cancelled, or `signal` aborts (jobs then keep running). */
  async drive(options: { signal?: AbortSignal; onStep?: (driver: Driver) => void } = {}): Promise<'finished' | 'cancelled' | 'paused'> {
    // poll soon after a change (short jobs finish fast), backing off to the configured interval
    let idle = 0;
    for (;;) {
      if (this.cancelRequested()) { await this.cancel(); options.onStep?.(this); return 'cancelled'; }
      if (options.signal?.aborted) return 'paused';
      const changed = await this.step();
      options.onStep?.(this);
      if (this.finished) return 'finished';
      idle = changed ? 0 : idle + 1;
      if (!changed) await sleep(Math.min(this.ctx.pollMs, 25 * 2 ** idle), options.signal);
    }
  }
}

function tellLoop(loop: LoopState, trials: readonly TrialState[]): LoopState {
  return tell(loop, trials.map(observationOf));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() { clearTimeout(timer); signal?.removeEventListener('abort', done); resolve(); }
    signal?.addEventListener('abort', done, { once: true });
  });
}
