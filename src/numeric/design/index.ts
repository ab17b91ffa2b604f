/** Space-filling designs: Sobol sequences, Latin hypercubes, and mapping the unit cube onto a box. */
export { sobolPoints, sobolDirections, SOBOL_MAX_DIMENSION } from './sobol.ts';
export type { SobolOptions } from './sobol.ts';
export { latinHypercube } from './lhs.ts';
export type { LatinHypercubeOptions } from './lhs.ts';
export { scaleToBox } from './box.ts';
