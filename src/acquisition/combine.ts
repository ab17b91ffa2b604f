/**
 * Combines the scores of several functions (observed, expected, ±1σ, ±2σ limits …) at the same m
 * candidates by a weighted sum: score_i = Σ_f w_f · scores_f[i].
 */
import { QuarryError } from '../errors.ts';

/** Σ_f weights[f] · scores[f]; every score array has the same length m; returns shape (m). */
export function combineWeighted(scores: readonly Float64Array[], weights: readonly number[]): Float64Array {
  if (scores.length === 0) {
    throw new QuarryError('INVALID_ARGUMENT', 'combineWeighted got no score arrays', 'give one score array per function');
  }
  if (weights.length !== scores.length) {
    throw new QuarryError(
      'INVALID_ARGUMENT',
      `combineWeighted got ${scores.length} score arrays and ${weights.length} weights`,
      'give one weight per score array',
    );
  }
  const m = scores[0]!.length;
  const out = new Float64Array(m);
  for (let f = 0; f < scores.length; f++) {
    const s = scores[f]!;
    const w = weights[f]!;
    if (s.length !== m) {
      throw new QuarryError('INVALID_ARGUMENT', `scores[${f}] has length ${s.length}, scores[0] ${m}`, 'score every function at the same candidates');
    }
    if (!Number.isFinite(w)) throw new QuarryError('INVALID_ARGUMENT', `weights[${f}] = ${w}`, 'give finite weights');
    for (let i = 0; i < m; i++) out[i] += w * s[i]!;
  }
  return out;
}
