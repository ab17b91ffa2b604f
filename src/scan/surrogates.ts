/**
 * The surrogates of a finished (or running) scan, for `predict` and the GeoJSON export: one GP per
 * output fitted to the run's completed points, exactly as the loop fits them.
 */
import { createDomain, fitModels, toProblem, toUnitBox, type Domain } from '../active-learning/index.ts';
import type { ScoringModel } from '../acquisition/score.ts';
import { contourToGeoJSON, type FeatureCollection, type MultiPolygon } from '../contour/index.ts';
import { normalCdf } from '../numeric/special/index.ts';
import { IDENTITY, unwarpValues } from '../surrogate/warp.ts';
import { QuarryError } from '../errors.ts';
import type { LoadedRun } from './open.ts';

export interface RunSurrogates {
  domain: Domain;
  models: ScoringModel[];
}

export function runSurrogates(loaded: LoadedRun): RunSurrogates {
  const domain = createDomain(loaded.loop.config.parameters);
  const models = fitModels(loaded.loop, domain);
  if (!models) {
    throw new QuarryError('INVALID_INPUT', 'the run has fewer than two completed points with a finite value for some output', 'let the scan run longer (quarry scan CONFIG --out DIR resumes it)');
  }
  return { domain, models };
}

export interface Prediction {
  point: Record<string, number>;
  /**
   * Per output: mean and standard deviation of the modelled (transformed) value, P(below each threshold).
   * With `surrogate.warp: auto` the mean is the predictive median and std half its central 68 % interval.
   */
  outputs: Record<string, { mean: number; std: number; pBelow: number[] }>;
}

/** Mean, std and P(excluded) per output at the given parameter points. */
export function predictPoints(loaded: LoadedRun, surrogates: RunSurrogates, points: readonly Record<string, number>[]): Prediction[] {
  const { domain, models } = surrogates;
  const d = domain.dimension;
  const u = new Float64Array(points.length * d);
  points.forEach((p, i) => u.set(toUnitBox(domain, p), i * d));
  const posteriors = models.map((m) => m.gp.posterior(u));
  return points.map((point, i) => {
    const outputs: Prediction['outputs'] = {};
    loaded.config.outputs.forEach((o, k) => {
      const mean = posteriors[k].mean[i];
      const std = Math.sqrt(Math.max(posteriors[k].variance[i], 0));
      const pBelow = models[k].thresholds.map((t) => (std > 0 ? normalCdf((t - mean) / std) : mean < t ? 1 : 0));
      // a warped model's mean and ±1σ map back through the inverse warping: its median and half the 68 % interval
      const warp = models[k].warp ?? IDENTITY;
      const [low, mid, high] = unwarpValues(warp, Float64Array.of(mean - std, mean, mean + std));
      outputs[o.name] = warp.type === 'identity' ? { mean, std, pBelow } : { mean: mid, std: (high - low) / 2, pBelow };
    });
    return { point, outputs };
  });
}

export interface SliceOptions {
  /** Points per axis of the grid (default 101). */
  size?: number;
  /** The two free parameters spanning the map (default: the first two). */
  axes?: readonly [string, string];
  /** Values of the other free parameters (default: the middle of their range, in their scale). */
  at?: Readonly<Record<string, number>>;
}

/** Unit-box coordinates of the slice: the two axes' indices and the held value of every free coordinate. */
function sliceOf(domain: RunSurrogates['domain'], options: SliceOptions): { i: number; j: number; held: number[] } {
  const free = domain.free.map((k) => domain.parameters[k]);
  const names = free.map((p) => p.name);
  const index = (name: string, what: string): number => {
    const k = names.indexOf(name);
    if (k < 0) throw new QuarryError('INVALID_ARGUMENT', `${what} names "${name}", which is not a free parameter of this scan`, `use one of: ${names.join(', ')}`);
    return k;
  };
  const [a, b] = options.axes ?? [names[0], names[1]];
  const i = index(a, '--axes');
  const j = index(b, '--axes');
  if (i === j) throw new QuarryError('INVALID_ARGUMENT', `--axes names "${a}" twice`, 'give two different free parameters, e.g. --axes ' + names.slice(0, 2).join(','));
  const held = new Array(names.length).fill(0.5);
  for (const [name, value] of Object.entries(options.at ?? {})) {
    const k = index(name, '--at');
    if (k === i || k === j) throw new QuarryError('INVALID_ARGUMENT', `--at fixes "${name}", which is an axis of the map`, 'fix only parameters that are not in --axes');
    const p = free[k];
    if (!(value >= p.lower && value <= p.upper)) throw new QuarryError('INVALID_ARGUMENT', `--at ${name}=${value} lies outside [${p.lower}, ${p.upper}]`, `give ${name} a value inside its bounds`);
    held[k] = toUnitBox(domain, { ...toProblem(domain, held), [name]: value })[k];
  }
  return { i, j, held };
}

/**
 * The estimated excluded regions {f < threshold} of every output as GeoJSON, on a grid over two free
 * parameters (the first two unless `axes`; in their own units) with the others held at `at` (default:
 * the middle of their range).
 */
export function contourGeoJSON(loaded: LoadedRun, surrogates: RunSurrogates, options: SliceOptions = {}): FeatureCollection<MultiPolygon, Record<string, unknown>> {
  const { domain, models } = surrogates;
  const d = domain.dimension;
  const size = options.size ?? 101;
  if (d < 2) throw new QuarryError('INVALID_INPUT', 'a GeoJSON contour needs at least two free parameters', 'export --format csv or json for one-dimensional scans');
  const { i: ai, j: aj, held } = sliceOf(domain, options);
  const u = new Float64Array(size * size * d);
  for (let j = 0; j < size; j++) for (let i = 0; i < size; i++) {
    const row = u.subarray((j * size + i) * d, (j * size + i + 1) * d);
    row.set(held);
    row[ai] = i / (size - 1);
    row[aj] = j / (size - 1);
  }
  const axis = (k: number) => Float64Array.from({ length: size }, (_, t) => {
    const p = [...held];
    p[k] = t / (size - 1);
    return toProblem(domain, p)[domain.parameters[domain.free[k]].name];
  });
  const x = axis(ai);
  const y = axis(aj);
  const names = [ai, aj].map((k) => domain.parameters[domain.free[k]].name);
  const point = toProblem(domain, held);
  const slice = Object.fromEntries(domain.free.filter((_, k) => k !== ai && k !== aj).map((f) => [domain.parameters[f].name, point[domain.parameters[f].name]]));
  const features: FeatureCollection<MultiPolygon, Record<string, unknown>>['features'] = [];
  loaded.config.outputs.forEach((o, k) => {
    const values = models[k].gp.posterior(u).mean;
    const collection = contourToGeoJSON({ nx: size, ny: size, x, y, values }, models[k].thresholds);
    collection.features.forEach((f, t) => features.push({
      ...f,
      properties: { output: o.name, threshold: o.thresholds[t], axes: names, ...(d > 2 ? { slice } : {}), scan: loaded.config.name },
    }));
  });
  return { type: 'FeatureCollection', features };
}
