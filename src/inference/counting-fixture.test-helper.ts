/** A one-channel counting workspace ∏ Pois(n_i | b_i + μ s_i) for the unit tests (no nuisance parameters). */
import type { WorkspaceSpec } from '../histfactory/spec.ts';

export function countingSpec(n: number[], b: number[], s: number[], poiBounds: [number, number] = [0, 10]): WorkspaceSpec {
  return {
    version: '1.0.0',
    channels: [{ name: 'SR', samples: [
      { name: 'signal', data: s, modifiers: [{ name: 'mu', type: 'normfactor', data: null }] },
      { name: 'background', data: b, modifiers: [] },
    ] }],
    observations: [{ name: 'SR', data: n }],
    measurements: [{ name: 'meas', config: { poi: 'mu', parameters: [{ name: 'mu', bounds: [poiBounds], inits: [1] }] } }],
  } as unknown as WorkspaceSpec;
}
