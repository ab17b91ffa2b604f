import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QuarryError } from '../../errors.ts';
import { INTERPOLATION_CODES, interpolationCode, type InterpolationCode } from './index.ts';

const ALPHAS = [-2.2, -0.7, 0, 0.5, 1.6];

/** [value, derivative] of a code at α for one (lo, nom, hi) triple. */
function at(code: InterpolationCode, lo: number, nom: number, hi: number, alpha: number): [number, number] {
  const c = new Float64Array(code.nCoefficients);
  code.prepare(lo, nom, hi, c, 0);
  const value = new Float64Array(1);
  const deriv = new Float64Array(1);
  code.evaluate(c, 0, 1, alpha, value, deriv, 0);
  return [value[0], deriv[0]];
}

function expectTable(code: InterpolationCode, lo: number, nom: number, hi: number, table: [number, number][]): void {
  ALPHAS.forEach((alpha, i) => {
    const [v, d] = at(code, lo, nom, hi, alpha);
    assert.ok(Math.abs(v - table[i][0]) < 1e-12, `${code.name}(${alpha}) = ${v}, expected ${table[i][0]}`);
    assert.ok(Math.abs(d - table[i][1]) < 1e-12, `${code.name}'(${alpha}) = ${d}, expected ${table[i][1]}`);
  });
}

// Additive codes on lo = 8, nom = 10, hi = 13 (δ⁺ = 3, δ⁻ = 2); multiplicative on lo = 0.9, nom = 1, hi = 1.2.
test('code0 is α·δ⁺ above 0 and α·δ⁻ below', () => {
  expectTable(INTERPOLATION_CODES.code0, 8, 10, 13, [[-4.4, 2], [-1.4, 2], [0, 3], [1.5, 3], [4.8, 3]]);
});

test('code1 is (hi/nom)^α above 0 and (lo/nom)^−α below', () => {
  expectTable(INTERPOLATION_CODES.code1, 0.9, 1, 1.2, [
    [0.9 ** 2.2, -Math.log(0.9) * 0.9 ** 2.2], // 0.79311017…, 0.08356250…
    [0.9 ** 0.7, -Math.log(0.9) * 0.9 ** 0.7], // 0.92890170…, 0.09786956…
    [1, Math.log(1.2)],
    [Math.sqrt(1.2), Math.log(1.2) * Math.sqrt(1.2)],
    [1.2 ** 1.6, Math.log(1.2) * 1.2 ** 1.6],
  ]);
});

test('code2 is aα² + bα inside (a = ½, b = 5/2) and linear with matched slope outside', () => {
  // α = −2.2: (b − 2a)(α + 1) + lo − nom = 1.5·(−1.2) − 2; α = 1.6: (2a + b)(α − 1) + hi − nom = 3.5·0.6 + 3.
  expectTable(INTERPOLATION_CODES.code2, 8, 10, 13, [[-3.8, 1.5], [-1.505, 1.8], [0, 2.5], [1.375, 3], [5.1, 3.5]]);
});

test('code4p is linear outside and α(S + αA(15 + α²(3α² − 10))) inside (S = 5/2, A = 1/16)', () => {
  expectTable(INTERPOLATION_CODES.code4p, 8, 10, 13, [
    [-4.4, 2],
    [-1.75 + 0.0625 * 0.49 * (15 + 0.49 * (1.47 - 10)), 2.5 + 0.0625 * -0.7 * (30 + 0.49 * (8.82 - 40))], // −1.41862831…, 1.85592125…
    [0, 2.5],
    [1.4482421875, 3.16015625],
    [4.8, 3],
  ]);
});

test('code4 is exponential outside |α| ≥ 1 and the degree-6 polynomial inside (coefficients from a 6×6 solve)', () => {
  // Inside values from solving the matching conditions by Gaussian elimination (a₁…a₆ = 0.145914…,
  // 0.083389…, 0.004769…, −0.047769…, −0.000683…, 0.014380…).
  expectTable(INTERPOLATION_CODES.code4, 0.9, 1, 1.2, [
    [0.9 ** 2.2, -Math.log(0.9) * 0.9 ** 2.2],
    [0.9274222987551957, 0.08639772037242661],
    [1, 0.14591414374618034],
    [1.0916182969316974, 0.21147846175795215],
    [1.2 ** 1.6, Math.log(1.2) * 1.2 ** 1.6],
  ]);
});

test('code2, code4 and code4p are continuous with continuous slope at α = ±1', () => {
  for (const [code, lo, nom, hi] of [[INTERPOLATION_CODES.code2, 8, 10, 13], [INTERPOLATION_CODES.code4, 0.9, 1, 1.2], [INTERPOLATION_CODES.code4p, 8, 10, 13]] as const) {
    for (const edge of [-1, 1]) {
      const [vIn, dIn] = at(code, lo, nom, hi, edge * (1 - 1e-12));
      const [vOut, dOut] = at(code, lo, nom, hi, edge * (1 + 1e-12));
      assert.ok(Math.abs(vIn - vOut) < 1e-10 && Math.abs(dIn - dOut) < 1e-9, `${code.name} at ${edge}`);
    }
  }
});

test('every code meets its variations: nominal at 0, hi at +1, lo at −1', () => {
  for (const code of Object.values(INTERPOLATION_CODES)) {
    const [lo, nom, hi] = code.kind === 'additive' ? [8, 10, 13] : [0.9, 1, 1.2];
    const yields = (alpha: number): number => (code.kind === 'additive' ? nom + at(code, lo, nom, hi, alpha)[0] : nom * at(code, lo, nom, hi, alpha)[0]);
    assert.ok(Math.abs(yields(0) - nom) < 1e-14, code.name);
    assert.ok(Math.abs(yields(1) - hi) < 1e-12, code.name);
    assert.ok(Math.abs(yields(-1) - lo) < 1e-12, code.name);
  }
});

test('every derivative agrees with central finite differences away from the kinks', () => {
  for (const code of Object.values(INTERPOLATION_CODES)) {
    const [lo, nom, hi] = code.kind === 'additive' ? [8, 10, 13] : [0.9, 1, 1.2];
    for (const alpha of [-2.2, -1.3, -0.7, -0.2, 0.3, 0.5, 0.9, 1.6]) {
      const h = 1e-6;
      const fd = (at(code, lo, nom, hi, alpha + h)[0] - at(code, lo, nom, hi, alpha - h)[0]) / (2 * h);
      assert.ok(Math.abs(at(code, lo, nom, hi, alpha)[1] - fd) < 1e-7, `${code.name}'(${alpha})`);
    }
  }
});

test('evaluating several bins at once matches one bin at a time', () => {
  const code = INTERPOLATION_CODES.code4p;
  const c = new Float64Array(3 * code.nCoefficients);
  const triples = [[8, 10, 13], [1, 2, 2.5], [4, 4, 4]];
  triples.forEach(([lo, nom, hi], i) => code.prepare(lo, nom, hi, c, i * code.nCoefficients));
  const value = new Float64Array(5);
  const deriv = new Float64Array(5);
  code.evaluate(c, 0, 3, 0.5, value, deriv, 2);
  triples.forEach(([lo, nom, hi], i) => assert.deepEqual([value[2 + i], deriv[2 + i]], at(code, lo, nom, hi, 0.5)));
});

test('the table accepts normsys code0/1/2/4 and histosys code0/2/4p, and lists them for anything else', () => {
  for (const name of ['code0', 'code1', 'code2', 'code4']) assert.equal(interpolationCode('normsys', name).name, name);
  for (const name of ['code0', 'code2', 'code4p']) assert.equal(interpolationCode('histosys', name).name, name);
  assert.throws(() => interpolationCode('histosys', 'code4'), (e: unknown) => e instanceof QuarryError && e.code === 'UNKNOWN_KEY' && e.hint.includes('code0, code2, code4p'));
  assert.throws(() => interpolationCode('normsys', 'code3'), (e: unknown) => e instanceof QuarryError && e.hint.includes('code0, code1, code2, code4'));
});
