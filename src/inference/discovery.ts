/**
 * discovery(model, data) → the p-value of the background-only hypothesis p0 and the significance
 * Z = Φ⁻¹(1 − p0) from q0 with the asymptotic calculator (Cowan et al. 2011 eq. 12 and 53: p0 = Φ(−√q0)),
 * and the expected p0 for a μ = 1 signal from the Asimov data generated at μ′ = 1 (pyhf
 * `hypotest(0, test_stat="q0")`).
 *
 * `expected` keeps pyhf's `CLs_exp` element order (n = 2, 1, 0, −1, −2 → ascending p0): `minus2` is the
 * smallest p0 (p0 = Φ(−(n + √q0_A)) with n = 2), `median` is Φ(−√q0_A).
 */
import type { Model, ModelData } from '../histfactory/model.ts';
import { normalIsf } from '../numeric/special/index.ts';
import { AsymptoticCalculator, BAND_KEYS, type Band } from './calculators/asymptotic.ts';
import type { FixedValues } from './mle.ts';

export interface DiscoveryOptions {
  bounds?: readonly (readonly [number, number])[];
  poiBounds?: readonly [number, number];
  fixed?: FixedValues;
  init?: ArrayLike<number>;
}

export interface DiscoveryResult {
  p0: number;
  /** Z = Φ⁻¹(1 − p0). */
  z: number;
  q0: number;
  /** q0 on the Asimov data of a μ = 1 signal. */
  asimovQ0: number;
  /** Expected p0 for μ = 1 (pyhf order, ascending). */
  expected: Band<number>;
  /** Expected significances Φ⁻¹(1 − p0) of the band. */
  expectedZ: Band<number>;
}

export function discovery(model: Model, data: ModelData, options: DiscoveryOptions = {}): DiscoveryResult {
  const calc = new AsymptoticCalculator(model, data, { testStatistic: 'q0', ...options });
  const q0 = calc.observedStatistic(0);
  const asimovQ0 = calc.asimovStatistic(0);
  const p0 = calc.observedPValues(0).clsb;
  const band = calc.expectedPValues(0);
  const expected = {} as Band<number>;
  const expectedZ = {} as Band<number>;
  for (const k of BAND_KEYS) {
    expected[k] = band[k].clsb;
    expectedZ[k] = normalIsf(band[k].clsb);
  }
  return { p0, z: normalIsf(p0), q0, asimovQ0, expected, expectedZ };
}
