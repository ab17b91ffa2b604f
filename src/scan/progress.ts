/** Counts of a run's points by status, the iteration and the misclassification estimate: what progress bars and `status` show. */
import type { LoopState } from '../active-learning/index.ts';
import type { RunState } from '../runs/replay.ts';

export interface ScanCounts {
  iteration: number;
  proposed: number;
  completed: number;
  failed: number;
  running: number;
  /** Submitted but not yet started, or waiting to be submitted. */
  queued: number;
  retrying: number;
  abandoned: number;
  budget: number | null;
  /** The surrogates' estimate of the misclassified fraction of the domain at the last fit (null before the first). */
  misclassification: number | null;
  /** Faults recorded over all attempts, by kind. */
  faults: Record<string, number>;
}

export function scanCounts(run: RunState, loop: LoopState): ScanCounts {
  const counts: ScanCounts = {
    iteration: run.batches, proposed: run.trials.length, completed: 0, failed: 0, running: 0, queued: 0, retrying: 0, abandoned: 0,
    budget: loop.config.stop?.budget ?? null, misclassification: loop.history.at(-1)?.misclassification ?? null, faults: {},
  };
  for (const t of run.trials) {
    if (t.status === 'completed') counts.completed++;
    else if (t.status === 'failed') counts.failed++;
    else if (t.status === 'running') counts.running++;
    else if (t.status === 'retrying') counts.retrying++;
    else if (t.status === 'abandoned') counts.abandoned++;
    else counts.queued++;
    for (const a of t.attempts) if (a.ended?.fault) counts.faults[a.ended.fault] = (counts.faults[a.ended.fault] ?? 0) + 1;
  }
  return counts;
}

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)}s`;
  if (seconds < 5400) return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.round((seconds % 3600) / 60)).padStart(2, '0')}m`;
}

/** "iteration 3 · 12/40 done · 2 running · 1 failed · ETA 1m20s · misclassified ≈ 3.1e-2". */
export function formatCounts(c: ScanCounts, etaSeconds: number | null = null): string {
  const done = c.completed + c.failed;
  const parts = [`iteration ${c.iteration}`, `${done}${c.budget !== null ? `/${c.budget}` : ''} done`, `${c.running} running`];
  if (c.queued) parts.push(`${c.queued} queued`);
  if (c.retrying) parts.push(`${c.retrying} retrying`);
  parts.push(`${c.failed} failed`);
  if (etaSeconds !== null && Number.isFinite(etaSeconds)) parts.push(`ETA ${duration(etaSeconds)}`);
  if (c.misclassification !== null) parts.push(`misclassified ≈ ${c.misclassification.toExponential(1)}`);
  return parts.join(' · ');
}
