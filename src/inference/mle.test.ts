import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../histfactory/model.ts';
import { QuarryError } from '../errors.ts';
import { countingSpec } from './counting-fixture.test-helper.ts';
import { fit, fitFixedPoi } from './mle.ts';
import { quasiNewton } from './quasi-newton.ts';

test('a one-bin counting fit finds μ̂ = (n − b)/s and σ_μ = √n/s', () => {
  const spec = countingSpec([25], [10], [5]);
  const model = buildModel(spec);
  const r = fit(model, model.observedData(spec));
  assert.ok(Math.abs(r.parameters[0] - 3) < 1e-7, `μ̂ = ${r.parameters[0]}`);
  assert.ok(Math.abs(r.uncertainties![0] - 1) < 1e-5, `σ = ${r.uncertainties![0]}`);
  assert.ok(Math.abs(r.covariance![0] - 1) < 1e-5);
  assert.ok(r.converged);
});

test('a fit with the POI bounded at 0 stops there when the data prefer a negative signal', () => {
  const spec = countingSpec([5], [10], [5]);
  const model = buildModel(spec);
  assert.equal(fit(model, model.observedData(spec)).parameters[0], 0);
  const wide = fit(model, model.observedData(spec), { poiBounds: [-1.5, 10] });
  assert.ok(Math.abs(wide.parameters[0] + 1) < 1e-7, `μ̂ = ${wide.parameters[0]}`);
});

test('fitFixedPoi holds the POI, and fixed parameters can be named', () => {
  const spec = countingSpec([25], [10], [5]);
  const model = buildModel(spec);
  const data = model.observedData(spec);
  const a = fitFixedPoi(model, data, 2);
  const b = fit(model, data, { fixed: { mu: 2 } });
  assert.equal(a.parameters[0], 2);
  assert.equal(a.twiceNll, b.twiceNll);
  assert.equal(a.twiceNll, model.twiceNll([2], data));
  assert.throws(() => fit(model, data, { fixed: { nope: 1 } }), (e: unknown) => e instanceof QuarryError && /nope/.test(e.message) && /mu/.test(e.hint));
});

test('the quasi-Newton minimiser solves a bounded Rosenbrock problem and backs off from NaN', () => {
  const fg = (x: Float64Array, g: Float64Array): number => {
    if (x[0] > 1.2) return NaN;
    g[0] = -2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]);
    g[1] = 200 * (x[1] - x[0] * x[0]);
    return (1 - x[0]) ** 2 + 100 * (x[1] - x[0] * x[0]) ** 2;
  };
  const free = quasiNewton(fg, Float64Array.of(-1.2, 1), { lower: Float64Array.of(-5, -5), upper: Float64Array.of(5, 5), pgtol: 1e-9 });
  assert.ok(Math.abs(free.x[0] - 1) < 1e-6 && Math.abs(free.x[1] - 1) < 1e-6, `${free.x}`);
  const bounded = quasiNewton(fg, Float64Array.of(-1.2, 1), { lower: Float64Array.of(-5, -5), upper: Float64Array.of(0.5, 5), pgtol: 1e-9 });
  assert.equal(bounded.x[0], 0.5);
  assert.ok(Math.abs(bounded.x[1] - 0.25) < 1e-6, `${bounded.x}`);
});

test('a profile names every fit that did not converge, and none when all did', async () => {
  const { ProfileLikelihood } = await import('./profile-likelihood.ts');
  const { countingWorkspace, buildModel } = await import('../histfactory/index.ts');
  const workspace = countingWorkspace({ signal: [5], background: [50], observed: [53], backgroundUncertainty: { type: 'shapesys', absolute: [7] } });
  const model = buildModel(workspace);
  const data = model.observedData(workspace);
  const clean = new ProfileLikelihood(model, data);
  clean.tmu(1);
  assert.deepEqual(clean.unconverged('observed data'), []);
  // a free fit handed in as not converged (as a minimiser stopped at its iteration limit reports it)
  const stuck = new ProfileLikelihood(model, data, { freeFit: { ...clean.free(), converged: false } });
  stuck.tmu(1);
  assert.deepEqual(stuck.unconverged('observed data'), ['the free fit to the observed data did not converge']);
});
