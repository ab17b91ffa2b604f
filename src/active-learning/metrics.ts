/**
 * Metrics of a learned excursion set against a truth grid, and the surrogate's own estimate without one.
 *
 * Classes: with K thresholds a point's class is the number of thresholds t_k with f ≥ t_k (0 … K), so
 * "excluded" (f < t) is class 0 for a single threshold. Arrays are per function (observed, expected, …),
 * each of one value per grid point; `mask[i] = 1` keeps point i (0 = invalid, ignored everywhere).
 */
import { QuarryError } from '../errors.ts';
import { normalCdf, normalSf } from '../numeric/special/normal.ts';

/** The class of each value: #{k : values[i] ≥ thresholds[k]} (NaN ≥ t is false, so NaN is class 0). */
export function classify(values: Float64Array, thresholds: readonly number[]): Uint8Array {
  const t = sortedThresholds(thresholds);
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = classOf(values[i], t);
  return out;
}

/**
 * Balanced accuracy (PROBLEMS.md "Metric"): per function, the mean over the classes present in the truth
 * of the fraction of that class's points predicted in the same class; then the mean over functions.
 * A perfect prediction gives 1; predicting every point in one class gives 1/(number of true classes).
 */
export function balancedAccuracy(
  truth: readonly Float64Array[],
  predicted: readonly Float64Array[],
  thresholds: readonly number[],
  mask?: Uint8Array,
): number {
  const t = sortedThresholds(thresholds);
  const n = checkPair('balancedAccuracy', truth, predicted, mask);
  const total = new Float64Array(t.length + 1);
  const correct = new Float64Array(t.length + 1);
  let sum = 0;
  for (let f = 0; f < truth.length; f++) {
    total.fill(0);
    correct.fill(0);
    const a = truth[f];
    const b = predicted[f];
    for (let i = 0; i < n; i++) {
      if (mask !== undefined && mask[i] === 0) continue;
      const c = classOf(a[i], t);
      total[c]++;
      if (classOf(b[i], t) === c) correct[c]++;
    }
    let present = 0;
    let perClass = 0;
    for (let c = 0; c < total.length; c++) {
      if (total[c] === 0) continue;
      present++;
      perClass += correct[c] / total[c];
    }
    sum += perClass / present;
  }
  return sum / truth.length;
}

/** Plain accuracy: the fraction of (valid) points predicted in their true class, averaged over functions. */
export function accuracy(
  truth: readonly Float64Array[],
  predicted: readonly Float64Array[],
  thresholds: readonly number[],
  mask?: Uint8Array,
): number {
  const t = sortedThresholds(thresholds);
  const n = checkPair('accuracy', truth, predicted, mask);
  const valid = countValid(n, mask);
  let sum = 0;
  for (let f = 0; f < truth.length; f++) sum += mismatches(truth[f], predicted[f], t, mask) / valid;
  return 1 - sum / truth.length;
}

/**
 * Volume of the symmetric difference between the true and predicted sets, over all classes:
 * cellVolume × #{valid i : class(truth_i) ≠ class(predicted_i)}, averaged over functions.
 * With `truthGrid(…).cellVolume` this is a fraction of the parameter box (see bench/problems/truth.ts).
 */
export function symmetricDifferenceVolume(
  truth: readonly Float64Array[],
  predicted: readonly Float64Array[],
  thresholds: readonly number[],
  cellVolume: number,
  mask?: Uint8Array,
): number {
  if (!(cellVolume > 0) || !Number.isFinite(cellVolume)) {
    throw new QuarryError('INVALID_ARGUMENT', `symmetricDifferenceVolume: cellVolume = ${cellVolume} is not a positive finite number`, 'pass the volume one grid point stands for, e.g. truthGrid(problem).cellVolume');
  }
  const t = sortedThresholds(thresholds);
  checkPair('symmetricDifferenceVolume', truth, predicted, mask);
  let sum = 0;
  for (let f = 0; f < truth.length; f++) sum += mismatches(truth[f], predicted[f], t, mask);
  return (sum * cellVolume) / truth.length;
}

/**
 * The surrogate's own misclassification estimate (no truth needed): the mean over valid points and
 * functions of P(class(f) ≠ class(μ)) with f ~ N(μ, σ²). With μ in [t_{c−1}, t_c) (t_{−1} = −∞,
 * t_K = +∞) this is Φ((t_{c−1} − μ)/σ) + Q((t_c − μ)/σ), i.e. Φ(−|μ − t|/σ) for one threshold; it is
 * summed from the two tails so small probabilities keep their digits. σ = 0 contributes 0; tiny negative
 * variances (round-off from a GP) count as 0.
 */
export function misclassificationEstimate(
  means: readonly Float64Array[],
  variances: readonly Float64Array[],
  thresholds: readonly number[],
  mask?: Uint8Array,
): number {
  const t = sortedThresholds(thresholds);
  const n = checkPair('misclassificationEstimate', means, variances, mask, ['means', 'variances']);
  const valid = countValid(n, mask);
  let sum = 0;
  for (let f = 0; f < means.length; f++) {
    const mu = means[f];
    const v = variances[f];
    let s = 0;
    for (let i = 0; i < n; i++) {
      if (mask !== undefined && mask[i] === 0) continue;
      const m = mu[i];
      if (!Number.isFinite(m) || Number.isNaN(v[i])) {
        throw new QuarryError('INVALID_INPUT', `misclassificationEstimate: means[${f}][${i}] = ${m}, variances[${f}][${i}] = ${v[i]} (not a finite mean and a variance)`, 'mask invalid points out, or check the surrogate for NaN predictions');
      }
      if (!(v[i] > 0)) continue;
      const sigma = Math.sqrt(v[i]);
      const c = classOf(m, t);
      const below = c > 0 ? normalCdf((t[c - 1] - m) / sigma) : 0;
      const above = c < t.length ? normalSf((t[c] - m) / sigma) : 0;
      s += below + above;
    }
    sum += s / valid;
  }
  return sum / means.length;
}

function classOf(value: number, sorted: Float64Array): number {
  let c = 0;
  while (c < sorted.length && value >= sorted[c]) c++;
  return c;
}

function mismatches(a: Float64Array, b: Float64Array, t: Float64Array, mask: Uint8Array | undefined): number {
  let wrong = 0;
  for (let i = 0; i < a.length; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    if (classOf(a[i], t) !== classOf(b[i], t)) wrong++;
  }
  return wrong;
}

function countValid(n: number, mask: Uint8Array | undefined): number {
  if (mask === undefined) return n;
  let valid = 0;
  for (let i = 0; i < n; i++) if (mask[i] !== 0) valid++;
  return valid;
}

function sortedThresholds(thresholds: readonly number[]): Float64Array {
  if (!Array.isArray(thresholds) || thresholds.length === 0 || thresholds.length > 254) {
    throw new QuarryError('INVALID_ARGUMENT', `thresholds must be an array of 1 to 254 numbers, got ${JSON.stringify(thresholds)}`, 'pass the thresholds as an array of numbers, e.g. [0]');
  }
  for (let k = 0; k < thresholds.length; k++) {
    if (typeof thresholds[k] !== 'number' || Number.isNaN(thresholds[k])) {
      throw new QuarryError('INVALID_ARGUMENT', `thresholds[${k}] = ${String(thresholds[k])} is not a number`, 'give every threshold as a number');
    }
  }
  return Float64Array.from(thresholds).sort();
}

/** Checks that both lists hold the same number of arrays, all of one length n, and the mask; returns n. */
function checkPair(
  where: string,
  a: readonly Float64Array[],
  b: readonly Float64Array[],
  mask: Uint8Array | undefined,
  names: [string, string] = ['truth', 'predicted'],
): number {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length === 0 || a.length !== b.length) {
    throw new QuarryError('INVALID_ARGUMENT', `${where}: ${names[0]} has ${a?.length} functions and ${names[1]} has ${b?.length}`, `pass one Float64Array per function in both, in the same order`);
  }
  const n = a[0]?.length;
  for (let f = 0; f < a.length; f++) {
    for (const [name, list] of [[names[0], a], [names[1], b]] as const) {
      if (!(list[f] instanceof Float64Array) || list[f].length !== n) {
        throw new QuarryError('INVALID_ARGUMENT', `${where}: ${name}[${f}] is not a Float64Array of ${n} points`, 'give every function the values at the same points');
      }
    }
  }
  if (mask !== undefined && (!(mask instanceof Uint8Array) || mask.length !== n)) {
    throw new QuarryError('INVALID_ARGUMENT', `${where}: mask has ${mask?.length} entries but there are ${n} points`, 'pass a Uint8Array with one entry per point (1 = valid), e.g. truthGrid(problem).mask');
  }
  if (countValid(n, mask) === 0) {
    throw new QuarryError('INVALID_ARGUMENT', `${where}: no valid points (${n} points, all masked out)`, 'evaluate on a grid that has points where the problem is valid');
  }
  return n;
}
