/**
 * lumi: the luminosity scale λ of a sample, ν_b ← λ·ν_b, constrained by a Gaussian
 * N(aux | λ, σ_λ) whose aux and σ come from the measurement's parameter config (pyhf requires them).
 */
import { groupByName, requirement, type ModifierKind } from './modifier-kind.ts';

export const lumi: ModifierKind = {
  type: 'lumi',
  requirements(occurrences) {
    return [...groupByName(occurrences).keys()].map((name) => {
      const req = requirement(name, 'lumi', 1, 1, [0, 10], 'normal');
      req.requiredConfig = ['auxdata', 'sigmas'];
      return req;
    });
  },
  term(_occ, param) {
    return { op: 'scale', param };
  },
};
