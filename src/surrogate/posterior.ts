/** The one small type acquisitions, plots and tests depend on (ARCHITECTURE.md §2.1). */

/** Posterior marginals at m points: mean and variance of the latent function, each of length m. */
export interface Posterior {
  mean: Float64Array;
  variance: Float64Array;
}

/** Anything that predicts: points are row-major (m × dimension) in the problem's own units. */
export interface Surrogate {
  readonly dimension: number;
  posterior(points: Float64Array): Posterior;
}
