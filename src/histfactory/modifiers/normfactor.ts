/** normfactor: an unconstrained scale μ of a sample's yields, ν_b ← μ·ν_b (init 1, bounds [0, 10]). */
import { groupByName, requirement, type ModifierKind } from './modifier-kind.ts';

export const normfactor: ModifierKind = {
  type: 'normfactor',
  requirements(occurrences) {
    return [...groupByName(occurrences).keys()].map((name) => requirement(name, 'normfactor', 1, 1, [0, 10], 'none'));
  },
  term(_occ, param) {
    return { op: 'scale', param };
  },
};
