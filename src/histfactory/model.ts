/**
 * buildModel(spec) → a pyhf-compatible HistFactory model: parameters in pyhf's order, auxiliary data,
 * expected yields, ln L with every constant and its analytic gradient.
 *
 * L(θ) = Π_b Pois(n_b | ν_b(θ)) · Π_Gauss N(a_j | θ_j, σ_j) · Π_shapesys Pois(τ_j | γ_j τ_j)
 * (K. Cranmer et al., CERN-OPEN-2012-016, eq. 6; pyhf `Model.logpdf`). Vectors are Float64Array in
 * pyhf's order: parameters by `parameters`, main data by sorted channel then bin, aux by parameter order.
 */
import { QuarryError } from '../errors.ts';
import { interpolationCode, type HistosysCode, type NormsysCode } from './interpolation/index.ts';
import { Kernel } from './model-kernel.ts';
import { buildLayout, type ParameterSet } from './model-layout.ts';
import type { WorkspaceSpec } from './spec.ts';

export type { ParameterSet } from './model-layout.ts';

export interface ModelOptions {
  /** Measurement name; default the workspace's first measurement. */
  measurement?: string;
  /** Interpolation codes; pyhf's defaults are normsys code4 and histosys code4p. */
  interpolation?: { normsys?: NormsysCode; histosys?: HistosysCode };
}

/** Main and auxiliary data, in the model's order (lengths nMain and nAux). */
export interface ModelData {
  main: ArrayLike<number>;
  aux: ArrayLike<number>;
}

export interface Model {
  readonly measurement: string;
  readonly poi: string;
  readonly poiIndex: number;
  /** Parameter names in pyhf's order; per-bin sets as `name[i]`. */
  readonly parameters: readonly string[];
  readonly parameterSets: readonly ParameterSet[];
  readonly suggestedInit: Float64Array;
  readonly suggestedBounds: readonly (readonly [number, number])[];
  /** 1 where the parameter is fixed (measurement `fixed`, uninformative shapesys/staterror bins). */
  readonly fixed: Uint8Array;
  readonly channels: readonly string[];
  /** Bins per channel, same order as `channels`. */
  readonly channelBins: readonly number[];
  readonly samples: readonly string[];
  readonly interpolation: { normsys: NormsysCode; histosys: HistosysCode };
  readonly nMain: number;
  readonly nAux: number;
  /** The auxiliary data of the workspace (0 for normsys/histosys, 1 for staterror, τ for shapesys, lumi aux). */
  readonly auxData: Float64Array;
  /** The workspace's observations in the model's channel order. */
  observedMain(spec: WorkspaceSpec): Float64Array;
  /** Observed main data and the model's aux data. */
  observedData(spec: WorkspaceSpec): { main: Float64Array; aux: Float64Array };
  /** ν_b(θ), length nMain. */
  expectedMain(pars: ArrayLike<number>): Float64Array;
  /** Expected aux data at θ (θ for Gaussian constraints, γτ for Poisson ones), length nAux. */
  expectedAux(pars: ArrayLike<number>): Float64Array;
  /** ln L(θ; data) including every constant. */
  logPdf(pars: ArrayLike<number>, data: ModelData): number;
  /** −2 ln L(θ; data). */
  twiceNll(pars: ArrayLike<number>, data: ModelData): number;
  /** −2 ln L(θ; data); writes ∂(−2 ln L)/∂θ to `gradient` (length = parameters.length). */
  twiceNllAndGradient(pars: ArrayLike<number>, data: ModelData, gradient: Float64Array): number;
}

function checkLength(what: string, actual: number, expected: number): void {
  if (actual !== expected) {
    throw new QuarryError('INVALID_ARGUMENT', `${what} has length ${actual}, the model needs ${expected}`, 'pass vectors in the model order (model.parameters, model.nMain, model.nAux)');
  }
}

export function buildModel(spec: WorkspaceSpec, options: ModelOptions = {}): Model {
  const codes = { normsys: options.interpolation?.normsys ?? 'code4', histosys: options.interpolation?.histosys ?? 'code4p' } as const;
  const layout = buildLayout(spec, options.measurement, { normsys: interpolationCode('normsys', codes.normsys), histosys: interpolationCode('histosys', codes.histosys) });
  const kernel = new Kernel(layout);
  const nPars = layout.parameters.length;
  const suggestedInit = new Float64Array(nPars);
  const fixed = new Uint8Array(nPars);
  const suggestedBounds: [number, number][] = [];
  const auxData = new Float64Array(layout.nAux);
  for (const set of layout.sets) {
    for (let i = 0; i < set.n; i++) {
      suggestedInit[set.offset + i] = set.inits[i];
      fixed[set.offset + i] = set.fixed[i] ? 1 : 0;
      suggestedBounds.push([set.bounds[i][0], set.bounds[i][1]]);
      if (set.auxOffset >= 0) auxData[set.auxOffset + i] = set.auxdata[i];
    }
  }
  const poiIndex = layout.sets.find((s) => s.name === layout.poi)!.offset;
  const scratch = new Float64Array(nPars);

  function checked(pars: ArrayLike<number>, data: ModelData): void {
    checkLength('parameter vector', pars.length, nPars);
    checkLength('main data', data.main.length, layout.nMain);
    checkLength('aux data', data.aux.length, layout.nAux);
  }

  const observedMain = (s: WorkspaceSpec): Float64Array => {
    const out = new Float64Array(layout.nMain);
    let offset = 0;
    layout.channels.forEach((channel, c) => {
      const observation = s.observations.find((o) => o.name === channel);
      if (!observation) throw new QuarryError('INVALID_INPUT', `observations: no observation for channel "${channel}"`, `add {"name": "${channel}", "data": [...]} with ${layout.channelBins[c]} bin(s) to observations`);
      checkLength(`observations[${channel}]/data`, observation.data.length, layout.channelBins[c]);
      out.set(observation.data, offset);
      offset += layout.channelBins[c];
    });
    return out;
  };

  return {
    measurement: layout.measurement.name,
    poi: layout.poi,
    poiIndex,
    parameters: layout.parameters,
    parameterSets: layout.sets,
    suggestedInit,
    suggestedBounds,
    fixed,
    channels: layout.channels,
    channelBins: layout.channelBins,
    samples: layout.samples,
    interpolation: codes,
    nMain: layout.nMain,
    nAux: layout.nAux,
    auxData,
    observedMain,
    observedData: (s) => ({ main: observedMain(s), aux: Float64Array.from(auxData) }),
    expectedMain(pars) {
      checkLength('parameter vector', pars.length, nPars);
      return kernel.expectedMain(pars);
    },
    expectedAux(pars) {
      checkLength('parameter vector', pars.length, nPars);
      return kernel.expectedAux(pars);
    },
    logPdf(pars, data) {
      checked(pars, data);
      return kernel.logPdf(pars, data.main, data.aux, null);
    },
    twiceNll(pars, data) {
      checked(pars, data);
      return -2 * kernel.logPdf(pars, data.main, data.aux, null);
    },
    twiceNllAndGradient(pars, data, gradient) {
      checked(pars, data);
      checkLength('gradient', gradient.length, nPars);
      const lp = kernel.logPdf(pars, data.main, data.aux, scratch);
      for (let i = 0; i < nPars; i++) gradient[i] = -2 * scratch[i];
      return -2 * lp;
    },
  };
}
