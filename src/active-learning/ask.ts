/**
 * ask(state) → {state, points}: the next points to evaluate. First the initial design, then batches
 * chosen by the acquisition on GP surrogates refitted to every completed observation. Pure: the
 * returned state records the points as pending and advances the random stream.
 */
import { acquisition as acquisitionByName } from '../acquisition/index.ts';
import { propose } from '../acquisition/propose.ts';
import type { ScoringModel } from '../acquisition/score.ts';
import { IDENTITY } from '../surrogate/warp.ts';
import { sobolPoints } from '../numeric/design/index.ts';
import { rngFromState, type Rng, type RngState } from '../numeric/random/index.ts';
import { createDomain, toProblem, type Domain } from './domain.ts';
import { designPoints } from './design.ts';
import { changedFraction, fitModels, monitor, monitorPoints } from './models.ts';
import type { LoopState, PendingPoint } from './state.ts';

export interface AskOptions {
  /** How many points (default: the configured batch size). */
  count?: number;
  /** False for parameter points that must never be proposed (an invalid region). */
  valid?: (x: Record<string, number>) => boolean;
  /** Models already fitted to this state (from `fitModels`), to avoid fitting twice. */
  models?: ScoringModel[] | null;
}

export interface AskResult {
  state: LoopState;
  /** Parameter values of each point, by name (fixed parameters included). */
  points: Record<string, number>[];
  /** The surrogates the points were chosen with (null during the initial design). */
  models: ScoringModel[] | null;
}

export const DEFAULT_ACQUISITION = 'sur';

/** Radius (unit box) around failed points inside which nothing is proposed again. */
const FAILED_RADIUS = 0.02;

export function ask(state: LoopState, options: AskOptions = {}): AskResult {
  const { config } = state;
  const domain = createDomain(config.parameters);
  const d = domain.dimension;
  const validUnit = options.valid ? (u: Float64Array) => options.valid!(toProblem(domain, u)) : undefined;
  let count = options.count ?? config.batch?.size ?? 1;
  if (config.stop?.budget !== undefined) count = Math.min(count, config.stop.budget - state.observations.length - state.pending.length);
  if (count <= 0) return { state, points: [], models: null };

  const design = designPoints(config.design, domain, config.seed ?? 0, validUnit);
  const designTotal = design.length / d;
  if (state.designIssued < designTotal) {
    const take = Math.min(count, designTotal - state.designIssued);
    const u = design.subarray(state.designIssued * d, (state.designIssued + take) * d);
    return withPending({ ...state, designIssued: state.designIssued + take }, domain, u, state.rng, null);
  }

  const rng = rngFromState(state.rng);
  const models = options.models !== undefined ? options.models : fitModels(state, domain);
  if (models === null) {
    // too few completed points to model every output: keep filling the space
    const u = sobolPoints(count * 4, d, { scramble: rng }).subarray(0, count * d);
    return withPending(state, domain, u, rng.state() as RngState, null);
  }
  const monitorSet = monitorPoints(domain, validUnit);
  const { misclassification, classes } = monitor(models, monitorSet);
  const record = { iteration: state.iteration, evaluations: state.observations.length, misclassification, changed: changedFraction(state.monitorClasses, classes) };
  const entry = acquisitionByName(config.acquisition ?? DEFAULT_ACQUISITION);
  const candidateCount = config.candidates ?? Math.min(8000, 1000 * d);
  const u = propose(withFantasies(models, state.pending), entry, { dimension: d, count: candidateCount, valid: validUnit }, {
    count,
    strategy: config.batch?.strategy ?? 'kriging-believer',
    rng,
    exclusions: exclusions(state, d),
    minDistance: 1e-3,
    integration: entry.kind === 'lookahead' ? { points: integrationPoints(rng, d, validUnit) } : undefined,
  });
  const next: LoopState = {
    ...state,
    hyperparameters: models.map((m) => m.gp.spec.hyperparameters),
    warps: models.map((m) => m.warp ?? IDENTITY),
    history: [...state.history, record],
    monitorClasses: classes,
  };
  return withPending(next, domain, u, rng.state() as RngState, models);
}

/**
 * The models with the pending points (asked, not yet told: running elsewhere) as kriging-believer
 * fantasies: each GP conditioned on its own mean there (a rank-k update, no refit). Their variance
 * collapses, so new proposals go where no evaluation is already under way (what `batch: fill` needs).
 */
function withFantasies(models: ScoringModel[], pending: readonly PendingPoint[]): ScoringModel[] {
  if (pending.length === 0) return models;
  const u = Float64Array.from(pending.flatMap((p) => p.u));
  return models.map((m) => ({ ...m, gp: m.gp.condition(u, m.gp.posterior(u).mean) }));
}

function withPending(state: LoopState, domain: Domain, u: Float64Array, rng: RngState, models: ScoringModel[] | null): AskResult {
  const d = domain.dimension;
  const added: PendingPoint[] = [];
  for (let i = 0; i < u.length; i += d) {
    const point = Array.from(u.subarray(i, i + d));
    added.push({ u: point, x: toProblem(domain, point), iteration: state.iteration });
  }
  const next: LoopState = { ...state, iteration: state.iteration + 1, pending: [...state.pending, ...added], rng };
  return { state: next, points: added.map((p) => p.x), models };
}

function exclusions(state: LoopState, d: number): { points: Float64Array; radius: number }[] {
  const flat = (list: { u: number[] }[]) => Float64Array.from(list.flatMap((o) => o.u));
  return [
    { points: flat(state.observations.filter((o) => o.status === 'completed')), radius: 1e-6 * Math.sqrt(d) },
    { points: flat(state.pending), radius: 1e-6 * Math.sqrt(d) },
    { points: flat(state.observations.filter((o) => o.status === 'failed')), radius: FAILED_RADIUS },
  ];
}

/** Integration points of look-ahead acquisitions: a fresh scrambled Sobol set each iteration. */
function integrationPoints(rng: Rng, d: number, valid?: (u: Float64Array) => boolean): Float64Array {
  const all = sobolPoints(Math.min(2048, 512 * d), d, { scramble: rng });
  if (!valid) return all;
  const out: number[] = [];
  for (let i = 0; i < all.length; i += d) if (valid(all.subarray(i, i + d))) out.push(...all.subarray(i, i + d));
  return Float64Array.from(out);
}
