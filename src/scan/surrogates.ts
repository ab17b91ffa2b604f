/**
 * The surrogates of a finished (or running) scan, for `predict` and the GeoJSON export: one GP per
 * output fitted to the run's completed points, exactly as the loop fits them.
 */
import { createDomain, fitModels, toProblem, toUnitBox, type Domain } from '../active-learning/index.ts';
import type { ScoringModel } from '../acquisition/score.ts';
import { contourToGeoJSON, type FeatureCollection, type MultiPolygon } from '../contour/index.ts';
import { normalCdf } from '../numeric/special/index.ts';
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
  /** Per output: mean and standard deviation of the modelled (transformed) value, P(below each threshold). */
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
      outputs[o.name] = { mean, std, pBelow: models[k].thresholds.map((t) => (std > 0 ? normalCdf((t - mean) / std) : mean < t ? 1 : 0)) };
    });
    return { point, outputs };
  });
}

/**
 * The estimated excluded regions {f < threshold} of every output as GeoJSON, on a grid over the first
 * two free parameters (in their own units; further free parameters held at the middle of their range).
 */
export function contourGeoJSON(loaded: LoadedRun, surrogates: RunSurrogates, size = 101): FeatureCollection<MultiPolygon, Record<string, unknown>> {
  const { domain, models } = surrogates;
  const d = domain.dimension;
  if (d < 2) throw new QuarryError('INVALID_INPUT', 'a GeoJSON contour needs at least two free parameters', 'export --format csv or json for one-dimensional scans');
  const u = new Float64Array(size * size * d).fill(0.5);
  for (let j = 0; j < size; j++) for (let i = 0; i < size; i++) {
    u[(j * size + i) * d] = i / (size - 1);
    u[(j * size + i) * d + 1] = j / (size - 1);
  }
  const axis = (k: number) => Float64Array.from({ length: size }, (_, i) => {
    const p = new Array(d).fill(0.5);
    p[k] = i / (size - 1);
    return toProblem(domain, p)[domain.parameters[domain.free[k]].name];
  });
  const x = axis(0);
  const y = axis(1);
  const names = [0, 1].map((k) => domain.parameters[domain.free[k]].name);
  const held = toProblem(domain, new Array(d).fill(0.5));
  const slice = Object.fromEntries(domain.free.slice(2).map((i) => [domain.parameters[i].name, held[domain.parameters[i].name]]));
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
