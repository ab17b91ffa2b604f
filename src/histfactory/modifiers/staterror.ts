/**
 * staterror: one factor per bin for the MC statistical uncertainty of all samples that carry the set,
 * ν_b ← γ_b·ν_b, constrained by N(1 | γ_b, σ_b) with σ_b = sqrt(Σ_s δ_sb²) / Σ_s ν_sb over those samples
 * (init 1, bounds [1e-10, 10]). A bin with σ_b = 0 is fixed at 1 and keeps σ_b = 1 in its constraint
 * term, as pyhf does (the term is then a constant).
 */
import { binArray, groupByName, requirement, spansChannels, type ModifierKind } from './modifier-kind.ts';

export const staterror: ModifierKind = {
  type: 'staterror',
  requirements(occurrences) {
    return [...groupByName(occurrences)].map(([name, list]) => {
      if (list.some((o) => o.channel !== list[0].channel)) throw spansChannels('staterror', name, list);
      const nbins = list[0].nbins;
      const sumNominal = new Array<number>(nbins).fill(0);
      const sumSquares = new Array<number>(nbins).fill(0);
      for (const occ of list) {
        const uncertainty = binArray(occ.modifier.data, occ, '/data');
        for (let b = 0; b < nbins; b++) {
          sumNominal[b] += occ.nominal[b];
          sumSquares[b] += uncertainty[b] ** 2;
        }
      }
      const req = requirement(name, 'staterror', nbins, 1, [1e-10, 10], 'normal');
      for (let b = 0; b < nbins; b++) {
        const sigma = sumNominal[b] > 0 ? Math.sqrt(sumSquares[b]) / sumNominal[b] : 0;
        req.fixed[b] = sigma === 0;
        req.sigmas.push(sigma === 0 ? 1 : sigma);
        req.auxdata.push(1);
      }
      return req;
    });
  },
  term(_occ, param) {
    return { op: 'scale-bins', param };
  },
};
