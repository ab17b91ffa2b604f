/** The surrogate's public names. */
export type { Posterior, Surrogate } from './posterior.ts';
export { GaussianProcess, type GpJSON, type GpSpec, type PosteriorOptions } from './gaussian-process.ts';
export { fitGaussianProcess, type FitStart, type GpData, type GpFitOptions, type GpFitResult, type LogNormalPrior } from './fit.ts';
export { KERNELS, kernelShape, type KernelName, type KernelShape } from './kernels/index.ts';
export { logMarginalLikelihood, type Hyperparameters, type LikelihoodResult } from './likelihood.ts';
