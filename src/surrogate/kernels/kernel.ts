/**
 * Stationary kernel shapes k(r²) with r² = Σ_j ((x_j − x′_j)/ℓ_j)² the squared scaled distance.
 * The amplitude (a variance) multiplies the shape; the GP adds noise on the training diagonal.
 */
export interface KernelShape {
  readonly name: KernelName;
  /** k(r²) with k(0) = 1. */
  value(r2: number): number;
  /**
   * −2·dk/d(r²), the factor that turns (Δ_j/ℓ_j)² into ∂k/∂ln ℓ_j:
   * ∂k/∂ln ℓ_j = −2 (Δ_j/ℓ_j)² dk/d(r²). Finite at r² = 0 for every kernel (its product with
   * (Δ_j/ℓ_j)² = 0 there is 0, so shapes singular at 0 return 0).
   */
  lengthScaleFactor(r2: number): number;
}

export type KernelName = 'rbf' | 'matern12' | 'matern32' | 'matern52';
