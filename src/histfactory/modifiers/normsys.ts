/**
 * normsys: a normalisation uncertainty, ν_b ← F(α)·ν_b with F(0) = 1, F(±1) = hi/lo, interpolated by
 * the normsys code (pyhf default code4; additive codes give F = 1 + Δ), constrained by N(0 | α, 1).
 */
import { QuarryError } from '../../errors.ts';
import { groupByName, requirement, type ModifierKind, type Occurrence } from './modifier-kind.ts';

function hiLo(occ: Occurrence): { hi: number; lo: number } {
  const data = occ.modifier.data as { hi?: unknown; lo?: unknown } | null;
  const hi = data?.hi;
  const lo = data?.lo;
  if (typeof hi !== 'number' || typeof lo !== 'number' || !Number.isFinite(hi) || !Number.isFinite(lo)) {
    throw new QuarryError('INVALID_INPUT', `${occ.path}/data: normsys modifier "${occ.modifier.name}" needs numbers {hi, lo}`, 'give the relative normalisation at α = +1 and α = −1, e.g. {"hi": 1.05, "lo": 0.95}');
  }
  return { hi, lo };
}

export const normsys: ModifierKind = {
  type: 'normsys',
  requirements(occurrences) {
    return [...groupByName(occurrences).keys()].map((name) => {
      const req = requirement(name, 'normsys', 1, 0, [-5, 5], 'normal');
      req.auxdata = [0];
      req.sigmas = [1];
      return req;
    });
  },
  term(occ, param, codes) {
    const { hi, lo } = hiLo(occ);
    const code = codes.normsys;
    if (code.kind === 'multiplicative' && !(hi > 0 && lo > 0)) {
      throw new QuarryError('INVALID_INPUT', `${occ.path}/data: normsys modifier "${occ.modifier.name}" has hi = ${hi}, lo = ${lo}; ${code.name} needs both > 0`, 'use positive factors, or an additive normsys interpolation (code0 or code2)');
    }
    const coefficients = new Float64Array(code.nCoefficients);
    code.prepare(lo, 1, hi, coefficients, 0);
    return { op: 'factor', param, code, coefficients };
  },
};
