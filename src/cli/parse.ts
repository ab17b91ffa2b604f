/** Parsing of CLI option values into numbers, with one-line errors that name the option. */
import { QuarryError } from '../errors.ts';

export function parseInteger(text: string, option: string, range: { min?: number; max?: number } = {}): number {
  const v = Number(text);
  if (!/^[-+]?\d+$/.test(text.trim()) || !Number.isSafeInteger(v)) {
    throw new QuarryError('INVALID_ARGUMENT', `${option} must be an integer, got "${text}"`, `pass a whole number, e.g. ${option} ${range.min ?? 10}`);
  }
  if (range.min !== undefined && v < range.min) throw new QuarryError('INVALID_ARGUMENT', `${option} must be ≥ ${range.min}, got ${v}`, `pass a value of at least ${range.min}`);
  if (range.max !== undefined && v > range.max) throw new QuarryError('INVALID_ARGUMENT', `${option} must be ≤ ${range.max}, got ${v}`, `pass a value of at most ${range.max}`);
  return v;
}

export function parseNumber(text: string, option: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new QuarryError('INVALID_ARGUMENT', `${option} must be a finite number, got "${text}"`, `pass a number, e.g. ${option} 0.5`);
  return v;
}
