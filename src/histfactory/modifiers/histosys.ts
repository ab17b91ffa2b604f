/**
 * histosys: a shape uncertainty, ν_b ← ν_b + Δ_b(α) with Δ_b(±1) = hi_data_b/lo_data_b − ν_b,
 * interpolated by the histosys code (pyhf default code4p) and applied before every factor;
 * constrained by N(0 | α, 1).
 */
import { binArray, groupByName, requirement, type ModifierKind } from './modifier-kind.ts';

export const histosys: ModifierKind = {
  type: 'histosys',
  requirements(occurrences) {
    return [...groupByName(occurrences).keys()].map((name) => {
      const req = requirement(name, 'histosys', 1, 0, [-5, 5], 'normal');
      req.auxdata = [0];
      req.sigmas = [1];
      return req;
    });
  },
  term(occ, param, codes) {
    const data = occ.modifier.data as { hi_data?: unknown; lo_data?: unknown } | null;
    const hi = binArray(data?.hi_data, occ, '/data/hi_data');
    const lo = binArray(data?.lo_data, occ, '/data/lo_data');
    const code = codes.histosys;
    const stride = code.nCoefficients;
    const coefficients = new Float64Array(stride * occ.nbins);
    for (let b = 0; b < occ.nbins; b++) code.prepare(lo[b], occ.nominal[b], hi[b], coefficients, b * stride);
    return { op: 'delta', param, code, coefficients };
  },
};
