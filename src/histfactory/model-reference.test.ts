import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildModel, type Model } from './model.ts';
import type { WorkspaceSpec } from './spec.ts';

const root = new URL('../../../shared/reference/histfactory/', import.meta.url);

interface Check { pars: number[]; twice_nll: number; expected_main: number[] }
interface Case {
  case: string;
  workspace: string;
  measurement: string;
  interpolation: { normsys: 'code0' | 'code1' | 'code2' | 'code4'; histosys: 'code0' | 'code2' | 'code4p' };
  model: { poi: string; poi_index: number; channels: string[]; samples: string[]; par_names: string[]; suggested_init: number[]; suggested_bounds: [number, number][]; fixed: string[]; nmaindata: number; nauxdata: number };
  data: { main: number[]; aux: number[] };
  likelihood_checks: Record<'at_init' | 'probe1' | 'probe2', Check>;
}

const cases = (JSON.parse(readFileSync(new URL('expected.json', root), 'utf8')) as { cases: Case[] }).cases;

function load(c: Case): { spec: WorkspaceSpec; model: Model } {
  const spec = JSON.parse(readFileSync(new URL(c.workspace.replace(/^.*workspaces\//, 'workspaces/'), root), 'utf8')) as WorkspaceSpec;
  return { spec, model: buildModel(spec, { measurement: c.measurement, interpolation: c.interpolation }) };
}

function assertClose(actual: number, expected: number, rel: number, what: string): void {
  const scale = Math.max(Math.abs(expected), 1e-300);
  assert.ok(Math.abs(actual - expected) <= rel * scale, `${what}: ${actual} vs ${expected} (rel ${Math.abs(actual - expected) / scale})`);
}

test('there are 30 reference cases', () => {
  assert.equal(cases.length, 30);
});

for (const c of cases) {
  test(`${c.case}: parameters, init, bounds, fixed set and data are pyhf's`, () => {
    const { spec, model } = load(c);
    assert.deepEqual([...model.parameters], c.model.par_names);
    assert.equal(model.poi, c.model.poi);
    assert.equal(model.poiIndex, c.model.poi_index);
    assert.deepEqual([...model.channels], c.model.channels);
    assert.deepEqual([...model.samples], c.model.samples);
    assert.deepEqual([...model.suggestedInit], c.model.suggested_init);
    assert.deepEqual(model.suggestedBounds.map((b) => [...b]), c.model.suggested_bounds);
    assert.deepEqual(model.parameters.filter((_, i) => model.fixed[i]), c.model.fixed);
    assert.equal(model.nMain, c.model.nmaindata);
    assert.equal(model.nAux, c.model.nauxdata);
    assert.deepEqual([...model.observedMain(spec)], c.data.main);
    assert.equal(model.auxData.length, c.data.aux.length);
    model.auxData.forEach((a, i) => assertClose(a, c.data.aux[i], 1e-12, `aux[${i}]`));
  });

  test(`${c.case}: twice_nll and expected yields match pyhf at init, probe1 and probe2 to 1e-10`, () => {
    const { spec, model } = load(c);
    const data = { main: model.observedMain(spec), aux: Float64Array.from(c.data.aux) };
    for (const [name, check] of Object.entries(c.likelihood_checks)) {
      assertClose(model.twiceNll(check.pars, data), check.twice_nll, 1e-10, `${name} twice_nll`);
      model.expectedMain(check.pars).forEach((v, i) => assertClose(v, check.expected_main[i], 1e-10, `${name} expected_main[${i}]`));
    }
  });

  test(`${c.case}: the analytic gradient agrees with central finite differences at probe1`, () => {
    const { spec, model } = load(c);
    const data = { main: model.observedMain(spec), aux: Float64Array.from(c.data.aux) };
    const pars = Float64Array.from(c.likelihood_checks.probe1.pars);
    const gradient = new Float64Array(pars.length);
    const value = model.twiceNllAndGradient(pars, data, gradient);
    assertClose(value, model.twiceNll(pars, data), 1e-14, 'value');
    for (let i = 0; i < pars.length; i++) {
      const h = 1e-5 * Math.max(1, Math.abs(pars[i]));
      const up = Float64Array.from(pars); up[i] += h;
      const down = Float64Array.from(pars); down[i] -= h;
      const fd = (model.twiceNll(up, data) - model.twiceNll(down, data)) / (2 * h);
      assert.ok(Math.abs(gradient[i] - fd) <= 1e-6 * Math.max(1, Math.abs(fd)), `∂/∂${model.parameters[i]}: analytic ${gradient[i]} vs finite difference ${fd}`);
    }
  });
}
