/**
 * shapefactor: one unconstrained factor per bin, ν_b ← γ_b·ν_b (init 1, bounds [0, 10]).
 * The same name in several channels couples their bins one to one (the channels need equal bin counts).
 */
import { groupByName, requirement, spansChannels, type ModifierKind } from './modifier-kind.ts';

export const shapefactor: ModifierKind = {
  type: 'shapefactor',
  requirements(occurrences) {
    return [...groupByName(occurrences)].map(([name, list]) => {
      if (list.some((o) => o.nbins !== list[0].nbins)) throw spansChannels('shapefactor', name, list);
      return requirement(name, 'shapefactor', list[0].nbins, 1, [0, 10], 'none');
    });
  },
  term(_occ, param) {
    return { op: 'scale-bins', param };
  },
};
