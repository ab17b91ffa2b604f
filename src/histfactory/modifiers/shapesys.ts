/**
 * shapesys: one factor per bin for an uncorrelated (Barlow–Beeston-lite) uncertainty δ_b of one sample,
 * ν_b ← γ_b·ν_b, constrained by a continuous Poisson Pois(τ_b | γ_b·τ_b) with τ_b = (ν_b/δ_b)² as
 * auxiliary data (init 1, bounds [1e-10, 10]). A bin with δ_b = 0 or ν_b = 0 has no information:
 * its γ_b is fixed at 1 and τ_b = 1 (pyhf's behaviour, reference case shapesys_nuisparfilter).
 */
import { QuarryError } from '../../errors.ts';
import { binArray, groupByName, requirement, type ModifierKind } from './modifier-kind.ts';

export const shapesys: ModifierKind = {
  type: 'shapesys',
  requirements(occurrences) {
    return [...groupByName(occurrences)].map(([name, list]) => {
      if (list.length > 1) {
        const where = list.map((o) => `${o.channel}/${o.sample}`).join(', ');
        throw new QuarryError('INVALID_INPUT', `shapesys modifier "${name}" appears on several samples (${where})`, 'a shapesys belongs to one sample in one channel: give each its own name, or use staterror for a set shared by samples');
      }
      const occ = list[0];
      const uncertainty = binArray(occ.modifier.data, occ, '/data');
      const req = requirement(name, 'shapesys', occ.nbins, 1, [1e-10, 10], 'poisson');
      for (let b = 0; b < occ.nbins; b++) {
        const nu = occ.nominal[b];
        const delta = uncertainty[b];
        const informative = delta > 0 && nu > 0;
        const tau = informative ? (nu / delta) ** 2 : 1;
        req.fixed[b] = !informative;
        req.auxdata.push(tau);
        req.factors.push(tau);
      }
      return req;
    });
  },
  term(_occ, param) {
    return { op: 'scale-bins', param };
  },
};
