import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../histfactory/model.ts';
import { QuarryError } from '../errors.ts';
import { normalSf } from '../numeric/special/index.ts';
import { asymptoticPValues, expectedPValues, shiftedStatistic } from './calculators/asymptotic.ts';
import { countingSpec } from './counting-fixture.test-helper.ts';
import { hypotest } from './hypotest.ts';
import { ProfileLikelihood } from './profile-likelihood.ts';
import { TEST_STATISTIC_NAMES, testStatistic, testStatisticDefinition } from './test-statistics.ts';

// One bin: −2 ln λ(μ) = 2[ν − n + n ln(n/ν)] with ν = b + μs (no nuisance parameters).
const tHand = (n: number, b: number, s: number, mu: number): number => 2 * (b + mu * s - n + n * Math.log(n / (b + mu * s)));

test('the table holds q, qtilde, t, ttilde and q0, and an unknown name lists them', () => {
  assert.deepEqual([...TEST_STATISTIC_NAMES].sort(), ['q', 'q0', 'qtilde', 't', 'ttilde']);
  assert.throws(() => testStatisticDefinition('qmu'), (e: unknown) => e instanceof QuarryError && e.code === 'UNKNOWN_KEY' && /qtilde/.test(e.hint));
});

test('on a counting model the statistics equal the hand-computed likelihood ratios', () => {
  const spec = countingSpec([25], [10], [5], [-5, 10]);
  const model = buildModel(spec);
  const profile = new ProfileLikelihood(model, model.observedData(spec));
  // μ̂ = 3.
  assert.ok(Math.abs(testStatistic('t', profile, 1) - tHand(25, 10, 5, 1)) < 1e-9);
  assert.equal(testStatistic('q', profile, 1), 0);
  assert.ok(Math.abs(testStatistic('q', profile, 5) - tHand(25, 10, 5, 5)) < 1e-9);
  assert.ok(Math.abs(testStatistic('q0', profile, 0) - tHand(25, 10, 5, 0)) < 1e-9);
  const low = new ProfileLikelihood(model, { main: [5], aux: [] }, { poiBounds: [-5, 10] });
  assert.equal(testStatistic('q0', low, 0), 0);
  // t̃: μ̂ bounded at 0, so the reference point is μ = 0 when the data prefer μ̂ < 0.
  const tilde = new ProfileLikelihood(model, { main: [5], aux: [] }, { poiBounds: [0, 10] });
  assert.ok(Math.abs(testStatistic('ttilde', tilde, 1) - (tHand(5, 10, 5, 1) - tHand(5, 10, 5, 0))) < 1e-9);
});

test('asymptotic p-values follow Cowan et al. eq. 59 (q) and 65–66 (q̃)', () => {
  const q = 2.3;
  const qA = 1.1;
  const pq = asymptoticPValues(shiftedStatistic('q', q, qA), Math.sqrt(qA));
  assert.ok(Math.abs(pq.clsb - normalSf(Math.sqrt(q))) < 1e-15);
  assert.ok(Math.abs(pq.clb - normalSf(Math.sqrt(q) - Math.sqrt(qA))) < 1e-15);
  const pt = asymptoticPValues(shiftedStatistic('qtilde', q, qA), Math.sqrt(qA));
  assert.ok(Math.abs(pt.clsb - normalSf((q + qA) / (2 * Math.sqrt(qA)))) < 1e-15);
  assert.ok(Math.abs(pt.cls - pt.clsb / pt.clb) < 1e-15);
  const band = expectedPValues(Math.sqrt(qA));
  assert.ok(band.minus2.cls < band.minus1.cls && band.minus1.cls < band.median.cls && band.median.cls < band.plus1.cls && band.plus1.cls < band.plus2.cls);
  assert.ok(Math.abs(band.median.cls - 2 * normalSf(Math.sqrt(qA))) < 1e-15);
});

test('hypotest returns a named result and rejects μ outside the POI bounds and unknown calculators', () => {
  const spec = countingSpec([12], [10], [5]);
  const model = buildModel(spec);
  const data = model.observedData(spec);
  const r = hypotest(model, data, 1);
  assert.deepEqual(Object.keys(r).sort(), ['asimovTestStatistic', 'clb', 'cls', 'clsb', 'expected', 'mu', 'testStatistic', 'warnings']);
  assert.deepEqual(r.warnings, [], 'every fit of this simple model converges');
  assert.deepEqual(Object.keys(r.expected), ['minus2', 'minus1', 'median', 'plus1', 'plus2']);
  assert.throws(() => hypotest(model, data, 11), (e: unknown) => e instanceof QuarryError && /outside the POI bounds \[0, 10\]/.test(e.message));
  assert.throws(() => hypotest(model, data, 1, { calculator: 'bayes' as 'toys' }), (e: unknown) => e instanceof QuarryError && /asymptotic, toys/.test(e.hint));
});
