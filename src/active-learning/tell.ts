/**
 * tell(state, observations) → state: records evaluated points. A pending point is matched by its
 * parameter values; unknown points (e.g. from an earlier campaign) are accepted as extra data.
 * Non-finite outputs are stored as missing with an error; a point with no usable output is failed.
 */
import { QuarryError } from '../errors.ts';
import { createDomain, toUnitBox } from './domain.ts';
import type { LoopState, Observation } from './state.ts';

export interface TellObservation {
  x: Record<string, number>;
  /** Output values by name or in the configured order; null or missing for failed points. */
  y?: Record<string, number | null> | (number | null)[];
  status?: 'completed' | 'failed';
  error?: string;
}

export function tell(state: LoopState, observations: readonly TellObservation[]): LoopState {
  const domain = createDomain(state.config.parameters);
  const outputs = state.config.outputs;
  const pending = [...state.pending];
  const recorded: Observation[] = [];
  for (const obs of observations) {
    const u = Array.from(toUnitBox(domain, obs.x));
    const at = pending.findIndex((p) => p.u.every((v, j) => Math.abs(v - u[j]) <= 1e-12 * Math.max(1, Math.abs(v))));
    const iteration = at >= 0 ? pending[at].iteration : state.iteration;
    if (at >= 0) pending.splice(at, 1);
    const x = { ...obs.x };
    if (obs.status === 'failed') {
      recorded.push({ u, x, y: outputs.map(() => null), status: 'failed', iteration, error: obs.error ?? 'evaluation failed' });
      continue;
    }
    const values = outputs.map((o, k) => pick(obs.y, o.name, k));
    const problems: string[] = [];
    const y = values.map((v, k) => {
      if (v === null || v === undefined) { problems.push(`${outputs[k].name} missing`); return null; }
      if (typeof v !== 'number' || !Number.isFinite(v)) { problems.push(`${outputs[k].name} = ${String(v)}`); return null; }
      return v;
    });
    const usable = y.some((v) => v !== null);
    recorded.push({
      u, x, y, status: usable ? 'completed' : 'failed', iteration,
      ...(problems.length ? { error: `${problems.join(', ')}${obs.error ? `; ${obs.error}` : ''}` } : obs.error ? { error: obs.error } : {}),
    });
  }
  return { ...state, pending, observations: [...state.observations, ...recorded] };
}

function pick(y: TellObservation['y'], name: string, k: number): unknown {
  if (y === undefined) return null;
  if (Array.isArray(y)) return y[k];
  if (typeof y === 'object' && y !== null) return (y as Record<string, unknown>)[name];
  throw new QuarryError('INVALID_INPUT', `observation outputs must be an object or an array, got ${typeof y}`, `pass y: {${name}: value}`);
}
