import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lgamma } from '../../numeric/special/index.ts';
import { QuarryError } from '../../errors.ts';
import { buildModel, type Model, type ModelOptions } from '../model.ts';
import type { ModifierSpec, ParameterConfigSpec, WorkspaceSpec } from '../spec.ts';
import { MODIFIER_TYPES, modifierKind } from './index.ts';

const LN_2PI = Math.log(2 * Math.PI);
const OBSERVED = [53, 75];

/** One channel "SR", two bins: signal [5, 10] scaled by mu, background [50, 60] with the modifiers under test. */
function spec(background: ModifierSpec[], signal: ModifierSpec[] = [], parameters: ParameterConfigSpec[] = []): WorkspaceSpec {
  return {
    channels: [{ name: 'SR', samples: [
      { name: 'signal', data: [5, 10], modifiers: [{ name: 'mu', type: 'normfactor', data: null }, ...signal] },
      { name: 'background', data: [50, 60], modifiers: background },
    ] }],
    observations: [{ name: 'SR', data: OBSERVED }],
    measurements: [{ name: 'meas', config: { poi: 'mu', parameters } }],
    version: '1.0.0',
  };
}

/** −2 Σ_b ln Pois(n_b | ν_b) by hand. */
function twiceMain(nu: number[]): number {
  return -2 * nu.reduce((sum, v, b) => sum + OBSERVED[b] * Math.log(v) - v - lgamma(OBSERVED[b] + 1), 0);
}

function checkModel(model: Model, ws: WorkspaceSpec, pars: number[], expected: number): void {
  const data = model.observedData(ws);
  const value = model.twiceNll(pars, data);
  assert.ok(Math.abs(value - expected) <= 1e-12 * Math.abs(expected), `twice_nll ${value} vs hand-computed ${expected}`);
  const gradient = new Float64Array(pars.length);
  model.twiceNllAndGradient(pars, data, gradient);
  pars.forEach((_, i) => {
    const h = 1e-6;
    const up = [...pars]; up[i] += h;
    const down = [...pars]; down[i] -= h;
    const fd = (model.twiceNll(up, data) - model.twiceNll(down, data)) / (2 * h);
    assert.ok(Math.abs(gradient[i] - fd) < 1e-5 * Math.max(1, Math.abs(fd)), `∂/∂${model.parameters[i]}: ${gradient[i]} vs ${fd}`);
  });
}

test('normfactor scales its sample: ν = μ·s + b, unconstrained, init 1, bounds [0, 10]', () => {
  const ws = spec([]);
  const model = buildModel(ws);
  assert.deepEqual([...model.parameters], ['mu']);
  assert.deepEqual(model.suggestedBounds, [[0, 10]]);
  assert.equal(model.nAux, 0);
  checkModel(model, ws, [1.7], twiceMain([1.7 * 5 + 50, 1.7 * 10 + 60]));
  checkModel(model, ws, [0], twiceMain([50, 60]));
});

test('normsys multiplies by (hi)^α (code1) with a unit Gaussian constraint at 0', () => {
  const ws = spec([{ name: 'bkg_norm', type: 'normsys', data: { hi: 1.1, lo: 0.9 } }]);
  const model = buildModel(ws, { interpolation: { normsys: 'code1' } });
  assert.deepEqual([...model.parameters], ['mu', 'bkg_norm']);
  assert.deepEqual([...model.auxData], [0]);
  const f = 1.1 ** 0.5;
  checkModel(model, ws, [1.2, 0.5], twiceMain([6 + 50 * f, 12 + 60 * f]) + 0.25 + LN_2PI);
});

test('normsys with an additive code multiplies by 1 + Δ (code0: 1 + α·(1 − lo) below 0; code2 gradient)', () => {
  const ws = spec([{ name: 'bkg_norm', type: 'normsys', data: { hi: 1.1, lo: 0.8 } }]);
  const f = 1 + -0.7 * 0.2;
  checkModel(buildModel(ws, { interpolation: { normsys: 'code0' } }), ws, [1.2, -0.7], twiceMain([6 + 50 * f, 12 + 60 * f]) + 0.49 + LN_2PI);
  const a = 0.5 * (1.1 + 0.8) - 1, b = 0.5 * (1.1 - 0.8);
  const g = 1 + a * 0.09 + b * 0.3;
  checkModel(buildModel(ws, { interpolation: { normsys: 'code2' } }), ws, [1.2, 0.3], twiceMain([6 + 50 * g, 12 + 60 * g]) + 0.09 + LN_2PI);
});

test('histosys adds α·(nom − lo) below 0 (code0) before the factors, with a unit Gaussian constraint', () => {
  const ws = spec([
    { name: 'shape', type: 'histosys', data: { lo_data: [45, 55], hi_data: [56, 62] } },
    { name: 'k', type: 'normfactor', data: null },
  ]);
  const model = buildModel(ws, { interpolation: { histosys: 'code0' } });
  // Within a type, parameters come in order of first appearance: sample "background" sorts before "signal".
  assert.deepEqual([...model.parameters], ['shape', 'k', 'mu']);
  checkModel(model, ws, [-0.7, 1.1, 1], twiceMain([5 + 1.1 * (50 - 3.5), 10 + 1.1 * (60 - 3.5)]) + 0.49 + LN_2PI);
  const code4p = buildModel(ws);
  checkModel(code4p, ws, [0.4, 1.1, 1], code4p.twiceNll([0.4, 1.1, 1], code4p.observedData(ws)));
});

test('shapesys gives γ_b with a Poisson constraint Pois(τ_b | γ_b τ_b), τ = (ν/δ)²', () => {
  const ws = spec([{ name: 'uncorr', type: 'shapesys', data: [5, 6] }]);
  const model = buildModel(ws);
  assert.deepEqual([...model.parameters], ['mu', 'uncorr[0]', 'uncorr[1]']);
  assert.deepEqual([...model.auxData], [100, 100]);
  assert.deepEqual(model.suggestedBounds[1], [1e-10, 10]);
  const constraint = [1.1, 0.9].reduce((s, g) => s - 2 * (100 * Math.log(100 * g) - 100 * g - lgamma(101)), 0);
  checkModel(model, ws, [1, 1.1, 0.9], twiceMain([5 + 55, 10 + 54]) + constraint);
});

test('shapesys fixes a bin without uncertainty at 1, with τ = 1 as its aux datum', () => {
  const ws = spec([{ name: 'uncorr', type: 'shapesys', data: [5, 0] }]);
  const model = buildModel(ws);
  assert.deepEqual([...model.fixed], [0, 0, 1]);
  assert.deepEqual([...model.auxData], [100, 1]);
});

test('staterror gives γ_b with N(1 | γ_b, σ_b), σ_b = sqrt(Σδ²)/Σν over the samples that carry it', () => {
  const ws = spec([{ name: 'stat', type: 'staterror', data: [5, 6] }], [{ name: 'stat', type: 'staterror', data: [1, 2] }]);
  const model = buildModel(ws);
  assert.deepEqual([...model.parameters], ['mu', 'stat[0]', 'stat[1]']);
  assert.deepEqual([...model.auxData], [1, 1]);
  const sigma = [Math.sqrt(26) / 55, Math.sqrt(40) / 70];
  const gamma = [1.02, 0.95];
  const constraint = gamma.reduce((s, g, b) => s + ((g - 1) / sigma[b]) ** 2 + 2 * Math.log(sigma[b]) + LN_2PI, 0);
  checkModel(model, ws, [0.8, ...gamma], twiceMain([1.02 * (4 + 50), 0.95 * (8 + 60)]) + constraint);
});

test('lumi scales every sample that carries it, with N(aux | λ, σ) from the parameter config', () => {
  const lumi = { name: 'lumi', type: 'lumi', data: null };
  const ws = spec([lumi], [lumi], [{ name: 'lumi', auxdata: [1], sigmas: [0.05], bounds: [[0.5, 1.5]], inits: [1] }]);
  const model = buildModel(ws);
  assert.deepEqual([...model.parameters], ['lumi', 'mu']);
  assert.deepEqual(model.suggestedBounds[0], [0.5, 1.5]);
  checkModel(model, ws, [1.02, 1.3], twiceMain([1.02 * (6.5 + 50), 1.02 * (13 + 60)]) + (0.02 / 0.05) ** 2 + 2 * Math.log(0.05) + LN_2PI);
  assert.throws(() => buildModel(spec([lumi])), (e: unknown) => e instanceof QuarryError && e.message.includes('"lumi"') && e.message.includes('auxdata'));
});

test('shapefactor gives unconstrained γ_b, coupled bin by bin across channels', () => {
  const ws = spec([{ name: 'free', type: 'shapefactor', data: null }]);
  const model = buildModel(ws);
  assert.deepEqual([...model.parameters], ['mu', 'free[0]', 'free[1]']);
  assert.equal(model.nAux, 0);
  checkModel(model, ws, [1, 1.3, 0.7], twiceMain([5 + 65, 10 + 42]));
});

test('measurement configs set inits, bounds and fixed; normsys and histosys may share a parameter', () => {
  const ws = spec(
    [{ name: 'jes', type: 'histosys', data: { lo_data: [45, 55], hi_data: [56, 62] } }],
    [{ name: 'jes', type: 'normsys', data: { hi: 1.1, lo: 0.9 } }],
    [{ name: 'mu', inits: [0.5], bounds: [[-1, 5]] }, { name: 'jes', fixed: true }],
  );
  const model = buildModel(ws);
  assert.deepEqual([...model.parameters], ['jes', 'mu']);
  assert.deepEqual([...model.suggestedInit], [0, 0.5]);
  assert.deepEqual(model.suggestedBounds, [[-5, 5], [-1, 5]]);
  assert.deepEqual([...model.fixed], [1, 0]);
  checkModel(model, ws, [0.3, 1.1], model.twiceNll([0.3, 1.1], model.observedData(ws)));
});

test('the table lists the seven modifier types in pyhf order and rejects unknown ones', () => {
  assert.deepEqual(MODIFIER_TYPES, ['histosys', 'lumi', 'normfactor', 'normsys', 'shapefactor', 'shapesys', 'staterror']);
  assert.throws(() => modifierKind('overallsys'), (e: unknown) => e instanceof QuarryError && e.code === 'UNKNOWN_KEY' && e.hint.includes('histosys, lumi, normfactor'));
  assert.throws(() => buildModel(spec([{ name: 'x', type: 'overallsys', data: null }])), QuarryError);
});

test('bad inputs fail with the path and the fix', () => {
  const options: ModelOptions = { measurement: 'other' };
  assert.throws(() => buildModel(spec([]), options), (e: unknown) => e instanceof QuarryError && e.message.includes('"other"') && e.hint.includes('meas'));
  assert.throws(() => buildModel({ ...spec([]), measurements: [{ name: 'meas', config: { poi: 'sigma', parameters: [] } }] }), (e: unknown) => e instanceof QuarryError && e.message.includes('"sigma"') && e.hint.includes('mu'));
  assert.throws(() => buildModel(spec([{ name: 's', type: 'shapesys', data: [1] }])), (e: unknown) => e instanceof QuarryError && e.message.includes('channels[SR]/samples[background]/modifiers[s]/data'));
  assert.throws(() => buildModel(spec([], [], [{ name: 'mu', inits: [1, 2] }])), (e: unknown) => e instanceof QuarryError && e.message.includes('inits'));
  assert.throws(() => buildModel(spec([{ name: 'n', type: 'normsys', data: { hi: 1.1, lo: 0 } }])), (e: unknown) => e instanceof QuarryError && e.hint.includes('code0'));
  assert.throws(() => buildModel(spec([{ name: 'mu', type: 'shapefactor', data: null }])), (e: unknown) => e instanceof QuarryError && e.message.includes('"mu"'));
  const model = buildModel(spec([]));
  assert.throws(() => model.twiceNll([1, 2], { main: OBSERVED, aux: [] }), (e: unknown) => e instanceof QuarryError && e.code === 'INVALID_ARGUMENT');
  assert.throws(() => model.observedMain({ ...spec([]), observations: [] }), (e: unknown) => e instanceof QuarryError && e.message.includes('"SR"'));
});
