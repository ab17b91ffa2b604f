/**
 * The unit of toy work: a fixed chunk of TOY_CHUNK toys of one hypothesis, thrown from its own random
 * stream. Chunk c of hypothesis h (0 = s+b, 1 = b) draws from stream 2c + h of createStreams(seed, …)
 * (streams 2⁶⁴ steps apart), toy j of the chunk from the j-th fork of that stream. A chunk's numbers thus
 * depend only on (seed, h, c) and the model, never on which thread ran it or in what order: the main
 * thread and the workers (toy-worker.ts) call the same `runChunk`, and the results are merged in chunk
 * order, so one thread and many give bit-identical distributions.
 */
import type { Model } from '../../histfactory/model.ts';
import { createStreams } from '../../numeric/random/index.ts';
import type { ProfileOptions } from '../profile-likelihood.ts';
import { ProfileLikelihood } from '../profile-likelihood.ts';
import { testStatistic, type TestStatisticName } from '../test-statistics.ts';
import { sampleData } from './sampling.ts';

/** Toys per chunk: fixed, so that a seed's toys do not depend on the number of threads (or of toys). */
export const TOY_CHUNK = 25;

/** Everything a chunk needs besides the model: plain data, so that it can be posted to a worker. */
export interface ToyJob {
  statistic: TestStatisticName;
  /** Fit options of the toys' profile likelihoods (bounds, fixed, POI bounds of the statistic). */
  profileOptions: ProfileOptions;
  mu: number;
  seed: number;
  ntoys: number;
  /** Generating parameters per hypothesis: [s+b (POI = μ), b (POI = 0)]. */
  pars: [number[], number[]];
}

export function chunkCount(ntoys: number): number {
  return Math.ceil(ntoys / TOY_CHUNK);
}

/** Task t of a job: hypothesis t mod 2, chunk ⌊t/2⌋ (2·chunkCount tasks in all). */
export function taskRange(job: ToyJob, task: number): { hypothesis: 0 | 1; chunk: number; start: number; end: number } {
  const hypothesis = (task % 2) as 0 | 1;
  const chunk = Math.floor(task / 2);
  const start = chunk * TOY_CHUNK;
  return { hypothesis, chunk, start, end: Math.min(job.ntoys, start + TOY_CHUNK) };
}

/** The test statistics of task t's toys, written to out[offset …]. */
export function runTask(model: Model, job: ToyJob, task: number, out: Float64Array, offset: number): number {
  const { hypothesis, start, end } = taskRange(job, task);
  const streams = createStreams(job.seed, task + 1);
  const stream = streams[task];
  const pars = job.pars[hypothesis];
  for (let k = start; k < end; k++) {
    const data = sampleData(model, pars, stream.fork());
    const profile = new ProfileLikelihood(model, data, { ...job.profileOptions, init: pars });
    out[offset + k - start] = testStatistic(job.statistic, profile, job.mu);
  }
  return end - start;
}
