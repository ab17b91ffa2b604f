/**
 * One interpolation code: how a modifier moves a yield I(α) between its nominal I⁰ (α = 0) and its
 * variations I⁺ (α = +1), I⁻ (α = −1).
 *
 * `additive` codes give a delta Δ(α) with I(α) = I⁰ + Δ(α); `multiplicative` codes give a factor F(α)
 * with I(α) = I⁰·F(α). Coefficients are precomputed once per (I⁻, I⁰, I⁺) so evaluation allocates nothing.
 * Reference: K. Cranmer et al., "HistFactory", CERN-OPEN-2012-016, §4.1; pyhf `pyhf.interpolators`.
 */
export interface InterpolationCode {
  readonly name: string;
  readonly kind: 'additive' | 'multiplicative';
  /** Number of coefficients `prepare` writes. */
  readonly nCoefficients: number;
  /** Writes the coefficients for one (lo, nom, hi) triple to c[o … o + nCoefficients). */
  prepare(lo: number, nom: number, hi: number, c: Float64Array, o: number): void;
  /**
   * Evaluates `count` triples at one α: for i < count, with coefficients at c[o + i·nCoefficients …],
   * writes Δ(α) or F(α) to value[k + i] and its derivative d/dα to deriv[k + i]. The α-dependent part is
   * computed once, so a histosys costs one multiply-add per bin.
   */
  evaluate(c: Float64Array, o: number, count: number, alpha: number, value: Float64Array, deriv: Float64Array, k: number): void;
}
