import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DATASETS, loadDataset } from '../../test/golden/gp-reference.ts';
import { availableBackends, useLinalgBackend } from '../numeric/linalg/backend.ts';
import { kernelShape } from './kernels/index.ts';
import { fromLogParameters, logMarginalLikelihood, toLogParameters } from './likelihood.ts';

function standardise(y: Float64Array): Float64Array {
  const n = y.length;
  const m = y.reduce((a, b) => a + b, 0) / n;
  const s = Math.sqrt(y.reduce((a, b) => a + (b - m) ** 2, 0) / n);
  return y.map((v) => (v - m) / s);
}

function relativeError(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

describe('the log marginal likelihood', () => {
  for (const name of DATASETS) {
    const ds = loadDataset(name);
    const yn = standardise(ds.train.y);
    for (const kernel of ['rbf', 'matern52'] as const) {
      for (const which of ['A', 'B'] as const) {
        const ref = ds.fits[kernel].lml_at_fixed[which];
        it(`matches scikit-learn on ${name}/${kernel} at fixed hyperparameters ${which} to 1e-8, gradient to 1e-7`, () => {
          const r = logMarginalLikelihood(kernelShape(kernel), ds.train.x, yn, ds.dim, fromLogParameters(ref.theta_log), 1e-10, true);
          assert.ok(relativeError(r.value, ref.lml) < 1e-8, `lml ${r.value} vs ${ref.lml}`);
          ref.lml_grad_wrt_theta_log.forEach((g, i) => {
            assert.ok(Math.abs(r.gradient![i] - g) <= 1e-7 * Math.max(1, Math.abs(g)), `gradient[${i}] ${r.gradient![i]} vs ${g}`);
          });
        });
      }
    }
  }

  it('has a gradient equal to central finite differences for every kernel', () => {
    const ds = loadDataset('d2');
    const yn = standardise(ds.train.y);
    for (const kernel of ['rbf', 'matern12', 'matern32', 'matern52'] as const) {
      const theta = toLogParameters({ amplitude: 1.7, lengthScales: [0.4, 0.9], noise: 0.03 });
      const f = (t: Float64Array) => logMarginalLikelihood(kernelShape(kernel), ds.train.x, yn, 2, fromLogParameters(t), 1e-10, false).value;
      const g = logMarginalLikelihood(kernelShape(kernel), ds.train.x, yn, 2, fromLogParameters(theta), 1e-10, true).gradient!;
      for (let i = 0; i < theta.length; i++) {
        const h = 1e-5;
        const up = theta.slice(); up[i] += h;
        const down = theta.slice(); down[i] -= h;
        const fd = (f(up) - f(down)) / (2 * h);
        assert.ok(Math.abs(fd - g[i]) < 1e-5 * Math.max(1, Math.abs(g[i])), `${kernel} θ${i}: analytic ${g[i]} vs finite difference ${fd}`);
      }
    }
  });

  it('is the same on every linalg backend (the wasm backend fuses it into one call) to 1e-10', () => {
    const ds = loadDataset('d5');
    const yn = standardise(ds.train.y);
    const h = fromLogParameters(ds.fits.matern52.lml_at_fixed.B.theta_log);
    const results = availableBackends().map((backend) => {
      const previous = useLinalgBackend(backend);
      try {
        return { name: backend.name, r: logMarginalLikelihood(kernelShape('matern52'), ds.train.x, yn, ds.dim, h, 1e-10, true) };
      } finally {
        useLinalgBackend(previous);
      }
    });
    const reference = results[0].r;
    for (const { name, r } of results.slice(1)) {
      assert.ok(relativeError(r.value, reference.value) < 1e-10, `${name}: lml ${r.value} vs ${reference.value}`);
      reference.gradient!.forEach((g, i) => assert.ok(Math.abs(r.gradient![i] - g) <= 1e-10 * Math.max(1, Math.abs(g)), `${name}: gradient[${i}] ${r.gradient![i]} vs ${g}`));
    }
  });
});
