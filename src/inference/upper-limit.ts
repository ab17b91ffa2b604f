/**
 * upperLimit(model, data) → the observed and the five expected CLs upper limits on the POI at a confidence
 * level (default 95 %: the μ where CLs(μ) = 0.05) with the asymptotic calculator.
 *
 * Each curve (observed; expected −2σ … +2σ) is solved on its own: a start bracket from the Asimov width
 * σ_A = μ₁/√q_A(μ₁) (Cowan et al. 2011 eq. 31: expected CLs ≈ Φ(−(n + μ/σ_A))/Φ(−n)), expanded by
 * `bracketRoot`, which never evaluates outside the POI bounds, then TOMS 748 to `xtol` (default 1e-6). All
 * fits are shared through one calculator, and the expected curves need only the Asimov fits. A limit that
 * lies outside the POI bounds is `null`, with a warning that names the curve and the bound; it never throws.
 */
import { QuarryError } from '../errors.ts';
import type { Model, ModelData } from '../histfactory/model.ts';
import { bracketRoot, toms748 } from '../numeric/optimize/index.ts';
import { normalIsf, normalSf } from '../numeric/special/index.ts';
import { AsymptoticCalculator, BAND_KEYS, N_SIGMA, type Band } from './calculators/asymptotic.ts';
import type { FixedValues } from './mle.ts';

export interface UpperLimitOptions {
  /** Confidence level (default 0.95). */
  cl?: number;
  testStatistic?: 'qtilde' | 'q';
  bounds?: readonly (readonly [number, number])[];
  /** POI bounds for the fits and the search (default the model's). */
  poiBounds?: readonly [number, number];
  fixed?: FixedValues;
  init?: ArrayLike<number>;
  /** Absolute tolerance on each limit (default 1e-6). */
  xtol?: number;
}

export interface UpperLimitResult {
  /** The observed limit, or null when it lies outside the POI bounds. */
  observed: number | null;
  /** Expected limits (−2σ … +2σ), null where outside the POI bounds. */
  expected: Band<number | null>;
  /** One entry per limit that could not be bracketed: the curve, the bound and what to do. */
  warnings: string[];
  /** The POI bounds searched. */
  poiBounds: [number, number];
  /** Distinct μ values at which fits were made. */
  evaluations: number;
}

type Curve = 'observed' | keyof Band<number>;
const LABEL: Record<Curve, string> = { observed: 'observed', minus2: 'expected −2σ', minus1: 'expected −1σ', median: 'expected median', plus1: 'expected +1σ', plus2: 'expected +2σ' };

/** Observed and expected CLs upper limits (see the file comment). */
export function upperLimit(model: Model, data: ModelData, options: UpperLimitOptions = {}): UpperLimitResult {
  const cl = options.cl ?? 0.95;
  if (!(cl > 0 && cl < 1)) throw new QuarryError('INVALID_ARGUMENT', `upperLimit: cl = ${cl} must lie in (0, 1)`, 'use e.g. cl: 0.95');
  const alpha = 1 - cl;
  const xtol = options.xtol ?? 1e-6;
  const { testStatistic = 'qtilde', bounds, poiBounds, fixed, init } = options;
  const calc = new AsymptoticCalculator(model, data, { testStatistic, ...(bounds ? { bounds } : {}), ...(poiBounds ? { poiBounds } : {}), ...(fixed ? { fixed } : {}), ...(init ? { init } : {}) });
  const raw = poiBounds ?? (bounds ?? model.suggestedBounds)[model.poiIndex];
  const lo = Math.max(raw[0], 0);
  const hi = raw[1];
  if (!(hi > lo)) throw new QuarryError('INVALID_ARGUMENT', `upperLimit: POI bounds [${raw[0]}, ${raw[1]}] leave no room above 0`, 'give poiBounds with an upper bound > 0');
  const seen = new Set<number>();
  const cls = (curve: Curve, mu: number): number => {
    seen.add(mu);
    return curve === 'observed' ? calc.observedPValues(mu).cls : calc.expectedPValues(mu)[curve].cls;
  };
  // Width of the Asimov likelihood at a reference point (used only for start brackets).
  const ref = Math.min(Math.max(model.suggestedInit[model.poiIndex] > lo ? model.suggestedInit[model.poiIndex] : lo + 0.1 * (hi - lo), lo + 1e-3 * (hi - lo)), hi);
  const qA = calc.asimovStatistic(ref);
  seen.add(ref);
  const sigma = qA > 0 ? (ref - lo) / Math.sqrt(qA) : hi - lo;
  const muHat = calc.observed.free().parameters[model.poiIndex];
  const guess = (curve: Curve): number => {
    const n = curve === 'observed' ? 0 : N_SIGMA[curve];
    const a = normalIsf(alpha * normalSf(n)) - n;
    return (curve === 'observed' ? Math.max(muHat, lo) : lo) + a * sigma;
  };
  const warnings: string[] = [];
  const solve = (curve: Curve): number | null => {
    const f = (mu: number): number => cls(curve, mu) - alpha;
    const g = Math.min(Math.max(guess(curve), lo + 1e-6 * (hi - lo)), hi);
    let a = Math.max(lo, g * 0.85);
    let b = Math.min(hi, Math.max(g * 1.15, a + 1e-6 * (hi - lo)));
    if (b <= a) [a, b] = [Math.max(lo, hi - 1e-3 * (hi - lo)), hi];
    let bracket;
    try {
      bracket = bracketRoot(f, a, b, { lower: lo, upper: hi, factor: 1.6, maxIterations: 60 });
    } catch (e) {
      if (!(e instanceof QuarryError)) throw e;
      const atHi = cls(curve, hi);
      if (atHi > alpha) {
        warnings.push(`${LABEL[curve]} limit lies above the POI upper bound ${hi} (CLs = ${atHi.toPrecision(4)} > ${alpha.toPrecision(3)} there); widen the bounds (poiBounds / --poi-bounds) to find it`);
      } else {
        warnings.push(`${LABEL[curve]} limit lies below the POI lower bound ${lo} (CLs < ${alpha.toPrecision(3)} everywhere in [${lo}, ${hi}])`);
      }
      return null;
    }
    if (bracket.fa === 0) return bracket.a;
    if (bracket.fb === 0) return bracket.b;
    return toms748(f, bracket.a, bracket.b, { xtol, fa: bracket.fa, fb: bracket.fb }).x;
  };
  const expected = {} as Band<number | null>;
  for (const k of BAND_KEYS) expected[k] = solve(k);
  const observed = solve('observed');
  return { observed, expected, warnings: [...warnings, ...calc.warnings()], poiBounds: [lo, hi], evaluations: seen.size };
}
