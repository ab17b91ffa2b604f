/**
 * Golden tests of the special functions against mpmath at 50 digits (test/golden/special.json, written by
 * scripts/golden/special.py), plus domain behaviour and identities.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as special from './index.ts';

type Row = number[];
const golden = JSON.parse(
  readFileSync(new URL('../../../test/golden/special.json', import.meta.url), 'utf8'),
) as Record<string, Row[]>;

const REL_TOL = 1e-13;
const MIN_NORMAL = 2.2250738585072014e-308;
const SUBNORMAL_ULP = 5e-324;

/**
 * Relative error ≤ 1e-13, except: (a) subnormal results, which hold only |v|/2⁻¹⁰⁷⁴ significant bits, are
 * compared to within 2 subnormal ulps; (b) results below 1e-50 from the incomplete gamma functions, whose
 * condition number in x is ≈ |log v| (exp of a large exponent), are allowed |log v| · 4e-16 (at most 3e-13
 * for the golden cases here).
 */
function tolerance(name: string, expected: number): number {
  if (expected !== 0 && Math.abs(expected) < MIN_NORMAL) return 2 * SUBNORMAL_ULP;
  const conditioned = /^(gammaQ|gammaP|chi2Sf|chi2Cdf)$/.test(name) && Math.abs(expected) < 1e-50;
  const rel = conditioned ? Math.max(REL_TOL, 4e-16 * Math.abs(Math.log(Math.abs(expected)))) : REL_TOL;
  return expected === 0 ? rel : rel * Math.abs(expected);
}

const functions = special as unknown as Record<string, (...args: number[]) => number>;

for (const [name, rows] of Object.entries(golden)) {
  if (name.startsWith('_')) continue;
  test(`${name} agrees with mpmath (${rows.length} points, incl. far tails)`, () => {
    const fn = functions[name];
    assert.equal(typeof fn, 'function', `${name} is exported from special/index.ts`);
    for (const row of rows) {
      const args = row.slice(0, -1);
      const expected = row[row.length - 1];
      const actual = fn(...args);
      const err = Math.abs(actual - expected);
      assert.ok(
        err <= tolerance(name, expected),
        `${name}(${args.join(', ')}) = ${actual}, expected ${expected} (rel. error ${(err / Math.abs(expected)).toExponential(2)})`,
      );
    }
  });
}

test('NaN in gives NaN out, and out-of-range probabilities give NaN', () => {
  for (const fn of [special.erf, special.erfc, special.erfcx, special.normalCdf, special.normalLogCdf, special.normalPdf, special.lgamma]) {
    assert.ok(Number.isNaN(fn(NaN)));
  }
  for (const p of [-0.1, 1.1, NaN]) {
    assert.ok(Number.isNaN(special.normalPpf(p)));
    assert.ok(Number.isNaN(special.normalIsf(p)));
    assert.ok(Number.isNaN(special.gammaPInv(2, p)));
    assert.ok(Number.isNaN(special.gammaQInv(2, p)));
    assert.ok(Number.isNaN(special.chi2Ppf(p, 3)));
    assert.ok(Number.isNaN(special.chi2Isf(p, 3)));
  }
  assert.ok(Number.isNaN(special.erfinv(1.5)));
  assert.ok(Number.isNaN(special.erfcinv(-0.5)));
  assert.ok(Number.isNaN(special.gammaP(-1, 2)));
  assert.ok(Number.isNaN(special.gammaQ(2, -1)));
  assert.ok(Number.isNaN(special.gammaP(NaN, 1)));
  assert.ok(Number.isNaN(special.chi2Sf(3, 0)));
  assert.ok(Number.isNaN(special.chi2Cdf(NaN, 2)));
});

test('the endpoints map to the limits', () => {
  assert.equal(special.normalPpf(0), -Infinity);
  assert.equal(special.normalPpf(1), Infinity);
  assert.equal(special.normalPpf(0.5), 0);
  assert.equal(special.normalCdf(-Infinity), 0);
  assert.equal(special.normalCdf(Infinity), 1);
  assert.equal(special.normalLogCdf(-Infinity), -Infinity);
  assert.equal(special.normalLogCdf(Infinity), 0);
  assert.equal(special.normalPdf(Infinity), 0);
  assert.equal(special.gammaPInv(3, 0), 0);
  assert.equal(special.gammaPInv(3, 1), Infinity);
  assert.equal(special.chi2Cdf(-1, 2), 0);
  assert.equal(special.chi2Sf(-1, 2), 1);
  assert.equal(special.chi2LogSf(Infinity, 2), -Infinity);
});

test('the normal tails are symmetric and the quantile inverts the cdf from 1e-300 to 1 − 1e-16', () => {
  for (const x of [-37, -20, -5, -0.3, 0, 0.7, 4, 12]) {
    assert.equal(special.normalSf(x), special.normalCdf(-x));
    assert.equal(special.normalLogSf(x), special.normalLogCdf(-x));
  }
  for (const p of [1e-300, 1e-100, 1e-12, 0.01, 0.2, 0.5, 0.8, 0.999, 1 - 2 ** -52]) {
    const x = special.normalPpf(p);
    const back = p < 0.5 ? special.normalCdf(x) : 1 - special.normalSf(x);
    // Rounding x to a double moves Φ(x) by ≈ x² · 2⁻⁵³ relative (dlogΦ/dx ≈ |x|), which bounds the round trip.
    assert.ok(Math.abs(back - p) <= (1e-15 + 2.3e-16 * x * x) * Math.min(p, 1 - p), `Φ(Φ⁻¹(${p})) = ${back}`);
    assert.equal(special.normalIsf(p), -x);
  }
});

test('normalLogCdf is continuous across its branch points and matches log(normalCdf) where that is finite', () => {
  for (const x of [-1 - 1e-12, -1, -1 + 1e-12, -1e-12, 0, 1e-12, -30, -8, 3]) {
    const direct = Math.log(special.normalCdf(x));
    assert.ok(Math.abs(special.normalLogCdf(x) - direct) <= 1e-14 * Math.abs(direct), `x = ${x}`);
  }
});

test('chi2LogSf stays finite where chi2Sf underflows and agrees with log(chi2Sf) where it does not', () => {
  assert.equal(special.chi2Sf(5000, 3), 0);
  assert.ok(Number.isFinite(special.chi2LogSf(5000, 3)));
  for (const [x, k] of [[1, 1], [30, 4], [800, 10], [1300, 3]]) {
    const direct = Math.log(special.chi2Sf(x, k));
    assert.ok(Math.abs(special.chi2LogSf(x, k) - direct) <= 1e-13 * Math.abs(direct), `x = ${x}, k = ${k}`);
  }
});

test('the gamma quantiles invert P and Q, including large a where the x > 1000 branch is used', () => {
  for (const [a, p] of [[0.3, 0.2], [2, 1e-8], [7.5, 0.6], [1500, 0.3], [1500, 0.9999]]) {
    const x = special.gammaPInv(a, p);
    assert.ok(Math.abs(special.gammaP(a, x) - p) <= 1e-13 * p, `P(${a}, ${x}) vs ${p}`);
    const y = special.gammaQInv(a, p);
    assert.ok(Math.abs(special.gammaQ(a, y) - p) <= 1e-13 * p, `Q(${a}, ${y}) vs ${p}`);
  }
});

test('P + Q = 1 on both sides of the large-x branch at x = 1000', () => {
  for (const a of [10, 500, 999.5, 1000.5, 1200]) {
    for (const x of [999.999, 1000, 1000.001]) {
      assert.ok(Math.abs(special.gammaP(a, x) + special.gammaQ(a, x) - 1) <= 2e-15, `a = ${a}, x = ${x}`);
    }
  }
});
