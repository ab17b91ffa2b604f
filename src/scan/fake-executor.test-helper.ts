/** A Slurm-free, process-free executor for the driver's unit tests. */
import type { Executor, JobHandle, JobOutcome, JobSpec, JobStatus } from '../executors/executor.ts';

/**
 * An executor that evaluates f = Σ p² − 1 over the point's parameters (or `value(params)`) in-process from
 * QUARRY_PARAMS_JSON, finishing each job on the poll after it was submitted; `fault(job)` may turn an attempt into a
 * loss or a crash.
 */
export class FakeExecutor implements Executor {
  readonly kind = 'fake';
  readonly jobs = new Map<string, { job: JobSpec; polls: number }>();
  submitted: string[] = [];
  constructor(
    private readonly fault: (job: JobSpec) => 'lost' | 'crash' | null = () => null,
    private readonly slots = 4,
    private readonly value: (p: Record<string, number>) => number = (p) => Object.values(p).reduce((sum, v) => sum + v * v, 0) - 1,
  ) {}
  capacity(): number { return this.slots; }
  async submit(jobs: readonly JobSpec[]): Promise<JobHandle[]> {
    for (const job of jobs) { this.jobs.set(job.id, { job, polls: 0 }); this.submitted.push(job.id); }
    return jobs.map((j) => ({ executor: 'fake', id: j.id }));
  }
  async poll(handles: readonly JobHandle[]): Promise<JobStatus[]> {
    return handles.map((h) => {
      const entry = this.jobs.get(h.id);
      if (!entry) return { state: 'lost', reason: 'unknown job' };
      if (entry.polls++ === 0) return { state: 'running' };
      const fault = this.fault(entry.job);
      if (fault === 'lost') return { state: 'lost', reason: 'node died' };
      const p = JSON.parse(entry.job.env.QUARRY_PARAMS_JSON) as Record<string, number>;
      const f = this.value(p);
      const outcome: JobOutcome = {
        exitCode: fault === 'crash' ? 1 : 0, signal: null, timedOut: false, cancelled: false, startedAt: '', endedAt: '', seconds: 0.1,
        result: fault === 'crash' ? null : JSON.stringify({ f }), host: 'fake',
      };
      return { state: 'finished', outcome };
    });
  }
  async cancel(): Promise<void> {}
  async find(job: JobSpec): Promise<JobHandle | null> { return this.jobs.has(job.id) ? { executor: 'fake', id: job.id } : null; }
  async close(): Promise<void> {}
}

