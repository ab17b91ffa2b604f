/**
 * Target transforms: the GP models transform(value) and the thresholds transformed alike.
 * 'log': ln v (cross sections, limits: positive and spanning decades); 'log-ratio': ln(v / reference),
 * e.g. an upper limit over the theory cross section, whose threshold 1 becomes 0.
 */
import { QuarryError } from '../errors.ts';

export type Transform = 'none' | 'log' | { type: 'log-ratio'; reference: number };

/** transform(v), or null when v is outside the transform's domain (non-positive for logs). */
export function applyTransform(transform: Transform | undefined, v: number): number | null {
  if (transform === undefined || transform === 'none') return v;
  if (!(v > 0)) return null;
  if (transform === 'log') return Math.log(v);
  return Math.log(v / transform.reference);
}

export function checkTransform(transform: Transform | undefined, thresholds: readonly number[], where: string): void {
  if (transform === undefined || transform === 'none') return;
  if (transform !== 'log' && !(typeof transform === 'object' && transform.type === 'log-ratio' && transform.reference > 0)) {
    throw new QuarryError('INVALID_INPUT', `${where} has an unknown transform ${JSON.stringify(transform)}`, "use 'none', 'log' or {type: 'log-ratio', reference: R} with R > 0");
  }
  if (thresholds.some((t) => !(t > 0))) {
    throw new QuarryError('INVALID_INPUT', `${where} has a logarithmic transform but a threshold ≤ 0`, 'give thresholds in the output\'s own units (e.g. 1 for limit/theory), which must be positive');
  }
}
