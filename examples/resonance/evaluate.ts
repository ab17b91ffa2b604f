/**
 * A resonance search as a scan evaluator: for a mass m (GeV) and a coupling g, the signal of a narrow
 * resonance in a 4-bin mass spectrum, and its 95 % CL upper limits on the signal strength μ from
 * quarry's own HistFactory statistics (asymptotic CLs with q̃_μ, as pyhf computes them). A point is
 * excluded where μ_up < 1 (the limit on σ is below the theory σ). Returning the observed limit and the
 * expected band lets one scan learn the observed and expected (±1σ, ±2σ) contours together.
 *
 * In a real analysis this is where MadGraph, the selection and the fit run; here the "simulation" is
 * a formula: σ(m, g) = 0.06 pb · g² · (500 / m)⁴, 140 fb⁻¹, efficiency 0.3, shared out over the bins by
 * a Gaussian of width 5 % of m.
 */
import { histfactory, inference, normalCdf } from '../../src/index.ts';

const EDGES = [200, 400, 700, 1100, 2000];
const BACKGROUND = [2400, 610, 150, 31];
const OBSERVED = [2391, 628, 141, 34];
const BACKGROUND_UNCERTAINTY = [48, 18, 7, 3];

function signalYields(mass: number, coupling: number): number[] {
  const crossSectionPb = 0.06 * coupling ** 2 * (500 / mass) ** 4;
  const events = crossSectionPb * 1000 * 140 * 0.3;
  const width = 0.05 * mass;
  return EDGES.slice(0, -1).map((lo, i) => events * (normalCdf((EDGES[i + 1] - mass) / width) - normalCdf((lo - mass) / width)));
}

export function evaluate({ mass, coupling }: { mass: number; coupling: number }): Record<string, number | null> {
  const workspace = histfactory.countingWorkspace({
    signal: signalYields(mass, coupling),
    background: BACKGROUND,
    observed: OBSERVED,
    backgroundUncertainty: { type: 'shapesys', absolute: BACKGROUND_UNCERTAINTY },
    poiBounds: [0, 1e5], // wide enough that weak signals still get a finite limit
  });
  const model = histfactory.buildModel(workspace);
  const limit = inference.upperLimit(model, model.observedData(workspace));
  return {
    mu_obs: limit.observed,
    mu_exp: limit.expected.median,
    mu_exp_minus1: limit.expected.minus1,
    mu_exp_plus1: limit.expected.plus1,
    mu_exp_minus2: limit.expected.minus2,
    mu_exp_plus2: limit.expected.plus2,
  };
}
