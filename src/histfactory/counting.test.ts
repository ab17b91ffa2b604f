import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { QuarryError } from '../errors.ts';
import { countingWorkspace, type BackgroundUncertainty, type CountingInputs, type CountingSpec } from './counting.ts';
import { buildModel } from './model.ts';

interface Check { pars: number[]; twice_nll: number; expected_main: number[] }
interface Case {
  name: string;
  inputs: CountingInputs;
  workspace: unknown;
  model: { par_names: string[]; suggested_bounds: [number, number][] };
  data: { main: number[]; aux: number[] };
  likelihood_checks: Record<string, Check>;
}

const reference = new URL('../../../shared/reference/counting/expected.json', import.meta.url);
const cases = (JSON.parse(readFileSync(reference, 'utf8')) as { cases: Case[] }).cases;

function assertClose(actual: number, expected: number, rel: number, what: string): void {
  const scale = Math.max(Math.abs(expected), 1e-300);
  assert.ok(Math.abs(actual - expected) <= rel * scale, `${what}: ${actual} vs ${expected} (rel ${Math.abs(actual - expected) / scale})`);
}

/** The reference inputs in the CountingSpec form. */
function named(inputs: CountingInputs): CountingSpec {
  const data = inputs.uncertainty_data;
  const backgroundUncertainty: BackgroundUncertainty = inputs.background_uncertainty === 'shapesys'
    ? { type: 'shapesys', absolute: data as number[] }
    : inputs.background_uncertainty === 'normsys' ? { type: 'normsys', ...(data as { lo: number; hi: number }) } : { type: 'none' };
  return { signal: inputs.S, background: inputs.B, observed: inputs.D, backgroundUncertainty };
}

function failure(input: unknown): QuarryError {
  try {
    countingWorkspace(input as CountingSpec);
  } catch (error) {
    assert.ok(error instanceof QuarryError, `expected a QuarryError, got ${String(error)}`);
    assert.ok(!error.message.includes('\n'), `one-line message: ${error.message}`);
    assert.ok(error.hint.length > 0, 'has a hint');
    return error;
  }
  assert.fail('expected countingWorkspace to throw');
}

const base: CountingSpec = { signal: [1, 2, 4], background: [3, 5, 12], observed: [2, 7, 11] };

test('there are 6 counting reference cases', () => {
  assert.equal(cases.length, 6);
});

for (const c of cases) {
  test(`${c.name}: the reference inputs rebuild the reference workspace exactly`, () => {
    assert.deepEqual(countingWorkspace(c.inputs), c.workspace);
  });

  test(`${c.name}: the named form (signal, background, observed, backgroundUncertainty) builds the same workspace`, () => {
    assert.deepEqual(countingWorkspace(named(c.inputs)), c.workspace);
  });

  test(`${c.name}: its model reproduces pyhf's parameters, data and twice_nll to 1e-10`, () => {
    const ws = countingWorkspace(c.inputs);
    const model = buildModel(ws);
    assert.deepEqual([...model.parameters], c.model.par_names);
    assert.deepEqual(model.suggestedBounds.map((b) => [...b]), c.model.suggested_bounds);
    const data = model.observedData(ws);
    assert.deepEqual([...data.main], c.data.main);
    data.aux.forEach((a, i) => assertClose(a, c.data.aux[i], 1e-12, `aux[${i}]`));
    for (const [probe, check] of Object.entries(c.likelihood_checks)) {
      assertClose(model.twiceNll(check.pars, data), check.twice_nll, 1e-10, `${probe} twice_nll`);
      model.expectedMain(check.pars).forEach((v, i) => assertClose(v, check.expected_main[i], 1e-10, `${probe} expected_main[${i}]`));
    }
  });
}

test('poi, poiBounds and channel name the normfactor, its measurement bounds and the channel', () => {
  const ws = countingWorkspace({ ...base, poi: 'sigma', poiBounds: [0, 50], channel: 'bin3' });
  assert.deepEqual(ws.channels[0].samples[0].modifiers, [{ name: 'sigma', type: 'normfactor', data: null }]);
  assert.deepEqual(ws.measurements, [{ name: 'meas', config: { poi: 'sigma', parameters: [{ name: 'sigma', bounds: [[0, 50]] }] } }]);
  assert.equal(ws.channels[0].name, 'bin3');
  assert.equal(ws.observations[0].name, 'bin3');
  const model = buildModel(ws);
  assert.equal(model.poi, 'sigma');
  assert.deepEqual([...model.suggestedBounds[model.poiIndex]], [0, 50]);
});

test('non-integer observed counts are accepted (pyhf\'s continuous Poisson)', () => {
  const ws = countingWorkspace({ ...base, observed: [2.5, 7, 10.25] });
  assert.deepEqual(ws.observations[0].data, [2.5, 7, 10.25]);
});

test('the workspace does not share arrays with the input', () => {
  const signal = [1, 2, 4];
  const ws = countingWorkspace({ ...base, signal });
  signal[0] = 99;
  assert.equal(ws.channels[0].samples[0].data[0], 1);
});

test('arrays of different lengths are named with their lengths', () => {
  const error = failure({ ...base, observed: [2, 7] });
  assert.equal(error.code, 'INVALID_ARGUMENT');
  assert.match(error.message, /signal 3, background 3, observed 2/);
  assert.match(failure({ S: [1], B: [2, 3], D: [4] }).message, /S 1, B 2, D 1/);
  assert.match(failure({ signal: [], background: [], observed: [] }).message, /at least one/);
});

test('negative, NaN or infinite counts are named by array and bin', () => {
  assert.match(failure({ ...base, background: [3, -5, 12] }).message, /background\[1\] is -5/);
  assert.match(failure({ ...base, observed: [2, NaN, 11] }).message, /observed\[1\] is NaN/);
  assert.match(failure({ ...base, signal: [1, 2, Infinity] }).message, /signal\[2\] is Infinity/);
  assert.match(failure({ ...base, signal: [1, '2', 4] }).message, /signal\[1\] is "2"/);
  assert.match(failure({ ...base, signal: 3 }).message, /signal is 3, not an array/);
  assert.match(failure({ S: [1], B: [-2], D: [4] }).message, /B\[0\] is -2/);
});

test('a shapesys uncertainty of the wrong length or negative is refused', () => {
  const short = failure({ ...base, backgroundUncertainty: { type: 'shapesys', absolute: [1, 2] } });
  assert.match(short.message, /backgroundUncertainty\.absolute has 2 entries, the 3 bin\(s\) need 3/);
  assert.match(failure({ ...base, backgroundUncertainty: { type: 'shapesys', absolute: [1, -2, 1] } }).message, /backgroundUncertainty\.absolute\[1\] is -2/);
  assert.match(failure({ S: [1], B: [2], D: [4], background_uncertainty: 'shapesys', uncertainty_data: [NaN] }).message, /uncertainty_data\[0\] is NaN/);
});

test('normsys factors ≤ 0 are refused', () => {
  assert.match(failure({ ...base, backgroundUncertainty: { type: 'normsys', lo: 0, hi: 1.1 } }).message, /backgroundUncertainty\.lo is 0; normsys factors must be finite and > 0/);
  assert.match(failure({ ...base, backgroundUncertainty: { type: 'normsys', lo: 0.9, hi: -1 } }).message, /backgroundUncertainty\.hi is -1/);
  assert.match(failure({ S: [1], B: [2], D: [4], background_uncertainty: 'normsys', uncertainty_data: { lo: 0.9 } }).message, /uncertainty_data\.hi is undefined/);
});

test('an unknown uncertainty type or input field lists the valid ones', () => {
  const type = failure({ ...base, backgroundUncertainty: { type: 'histosys' } });
  assert.equal(type.code, 'UNKNOWN_KEY');
  assert.match(type.hint, /none, normsys, shapesys/);
  const field = failure({ ...base, backgroundUncertainity: { type: 'none' } });
  assert.equal(field.code, 'UNKNOWN_KEY');
  assert.match(field.message, /"backgroundUncertainity"/);
  assert.equal(failure({ S: [1], B: [2], D: [4], background_uncertainty: 'lumi' }).code, 'UNKNOWN_KEY');
});

test('bad POI bounds, empty names and a POI named like the background uncertainty are refused', () => {
  assert.match(failure({ ...base, poiBounds: [5, 1] }).message, /poiBounds is \[5,1\]/);
  assert.match(failure({ ...base, poi: '' }).message, /poi is "", not a non-empty string/);
  assert.match(failure({ ...base, channel: 7 }).message, /channel is 7/);
  assert.match(failure({ ...base, poi: 'bkg_norm', backgroundUncertainty: { type: 'normsys', lo: 0.9, hi: 1.1 } }).message, /poi "bkg_norm" is also the name/);
});
