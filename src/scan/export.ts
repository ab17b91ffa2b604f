/**
 * Exports of a run: one row per point (parameters, outputs, status, attempts, fault, error) as CSV
 * or JSON. Failed and running points are included with empty outputs, so nothing computed is hidden.
 */
import type { LoadedRun } from './open.ts';

function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface ExportedPoint {
  id: string;
  batch: number;
  point: Record<string, number>;
  outputs: Record<string, number | null>;
  status: string;
  attempts: number;
  fault: string | null;
  error: string | null;
  /** Seconds the last attempt ran (null when unknown). */
  seconds: number | null;
  directory: string;
}

export function exportedPoints(loaded: LoadedRun): ExportedPoint[] {
  return loaded.run.trials.map((t) => ({
    id: t.id,
    batch: t.batch,
    point: t.point,
    outputs: Object.fromEntries(loaded.config.outputs.map((o) => [o.name, t.outputs?.[o.name] ?? null])),
    status: t.status,
    attempts: t.attempts.length,
    fault: t.fault,
    error: t.error,
    seconds: t.attempts.at(-1)?.ended?.seconds ?? null,
    directory: `points/${t.hash}`,
  }));
}

export function exportCsv(loaded: LoadedRun): string {
  const params = loaded.config.parameters.map((p) => p.name);
  const outputs = loaded.config.outputs.map((o) => o.name);
  const header = [...params, ...outputs, 'status', 'attempts', 'fault', 'error', 'id', 'batch', 'directory'];
  const rows = exportedPoints(loaded).map((p) => [
    ...params.map((n) => p.point[n]), ...outputs.map((n) => p.outputs[n]), p.status, p.attempts, p.fault, p.error, p.id, p.batch, p.directory,
  ].map(csvField).join(','));
  return [header.join(','), ...rows].join('\n') + '\n';
}

export function exportJson(loaded: LoadedRun): unknown {
  return {
    name: loaded.config.name,
    configHash: loaded.run.configHash,
    stopped: loaded.run.stopped,
    iterations: loaded.loop.history,
    points: exportedPoints(loaded),
    config: loaded.config,
  };
}
