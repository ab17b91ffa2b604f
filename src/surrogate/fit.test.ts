import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DATASETS, loadDataset } from '../../test/golden/gp-reference.ts';
import { fitGaussianProcess } from './fit.ts';
import { GaussianProcess } from './gaussian-process.ts';

describe('hyperparameter fits', () => {
  for (const name of DATASETS) {
    for (const kernel of ['rbf', 'matern52'] as const) {
      it(`reach scikit-learn's optimum (−1e-6) on ${name}/${kernel} with 10 restarts and the same bounds`, () => {
        const ds = loadDataset(name);
        const fit = fitGaussianProcess({ x: ds.train.x, y: ds.train.y, dimension: ds.dim }, {
          kernel, restarts: 10, seed: 0, inputScaling: 'none',
          bounds: { amplitude: [1e-3, 1e3], lengthScale: [1e-2, 1e2], noise: [1e-8, 10] },
        });
        const ref = ds.fits[kernel].lml_at_optimum;
        assert.ok(fit.logMarginalLikelihood >= ref - 1e-6, `LML ${fit.logMarginalLikelihood} < scikit-learn's ${ref} − 1e-6`);
        assert.ok(Math.abs(fit.process.logMarginalLikelihood() - fit.logMarginalLikelihood) < 1e-9 * Math.abs(ref) + 1e-12);
      });
    }
  }

  const ds = loadDataset('d2');
  const data = { x: ds.train.x, y: ds.train.y, dimension: 2 };

  it('gives identical results for the same seed', () => {
    const a = fitGaussianProcess(data, { restarts: 3, seed: 11 });
    const b = fitGaussianProcess(data, { restarts: 3, seed: 11 });
    assert.deepEqual(a.process.spec, b.process.spec);
    assert.deepEqual(a.starts, b.starts);
  });

  it('warm-started at a previous optimum needs no restarts to stay there', () => {
    const first = fitGaussianProcess(data, { restarts: 5, seed: 2 });
    const warm = fitGaussianProcess(data, { restarts: 0, initial: first.process.spec.hyperparameters });
    assert.ok(warm.logMarginalLikelihood >= first.logMarginalLikelihood - 1e-7);
    assert.ok(warm.evaluations < first.evaluations / 3, `${warm.evaluations} evaluations warm vs ${first.evaluations}`);
  });

  it('scales inputs to the unit box without changing the attainable likelihood', () => {
    const none = fitGaussianProcess(data, { kernel: 'rbf', restarts: 5, seed: 1, inputScaling: 'none' });
    const box = fitGaussianProcess(data, { kernel: 'rbf', restarts: 5, seed: 1, domain: { lower: [0, 0], upper: [1.5, 1.5] } });
    assert.ok(Math.abs(none.logMarginalLikelihood - box.logMarginalLikelihood) < 1e-5);
    box.process.lengthScales.forEach((l, j) => assert.ok(Math.abs(l - none.process.lengthScales[j]) < 1e-3 * l));
  });

  it('keeps a fixed noise fixed and fits the rest', () => {
    const fit = fitGaussianProcess(data, { noise: 1e-4, restarts: 2, seed: 1 });
    assert.equal(fit.process.spec.hyperparameters.noise, 1e-4);
  });

  it('is pulled towards a tight log-normal prior', () => {
    const free = fitGaussianProcess(data, { restarts: 2, seed: 1 });
    const pinned = fitGaussianProcess(data, { restarts: 2, seed: 1, priors: { lengthScale: { mu: Math.log(2), sigma: 0.01 } } });
    for (const l of pinned.process.spec.hyperparameters.lengthScales) assert.ok(Math.abs(Math.log(l) - Math.log(2)) < 0.05, `ℓ = ${l}`);
    assert.ok(pinned.logMarginalLikelihood < free.logMarginalLikelihood);
  });

  it('ends on the bound where the likelihood wants to leave it', () => {
    const fit = fitGaussianProcess(data, { restarts: 2, seed: 1, bounds: { lengthScale: [1e-2, 0.05] } });
    for (const l of fit.process.spec.hyperparameters.lengthScales) assert.ok(Math.abs(l - 0.05) < 1e-9, `ℓ = ${l}`);
  });

  it('extrapolates along a linear trend with mean: linear, and reverts to the mean without it', () => {
    const x = Float64Array.from([0, 0, 1, 0, 0, 1, 1, 1, 0.5, 0.5, 0.2, 0.7, 0.8, 0.3]);
    const plane = (a: number, b: number) => 1 + 3 * a - 2 * b + 0.1 * Math.sin(5 * a);
    const y = Float64Array.from({ length: 7 }, (_, i) => plane(x[2 * i], x[2 * i + 1]));
    const far = Float64Array.of(12, -9);
    const linear = fitGaussianProcess({ x, y, dimension: 2 }, { mean: 'linear', restarts: 3, seed: 1, domain: { lower: [0, 0], upper: [1, 1] }, bounds: { lengthScale: [1e-2, 2] } });
    const constant = fitGaussianProcess({ x, y, dimension: 2 }, { restarts: 3, seed: 1, domain: { lower: [0, 0], upper: [1, 1] }, bounds: { lengthScale: [1e-2, 2] } });
    assert.ok(Math.abs(linear.process.mean(far)[0] - plane(12, -9)) < 3, `linear trend: ${linear.process.mean(far)[0]} vs ${plane(12, -9)}`);
    assert.ok(Math.abs(constant.process.mean(far)[0] - plane(12, -9)) > 20, "a constant mean cannot follow the trend");
    assert.equal(linear.process.spec.trend!.length, 2);
    const reloaded = GaussianProcess.fromJSON(JSON.parse(JSON.stringify(linear.process.toJSON())));
    assert.deepEqual(reloaded.mean(far), linear.process.mean(far));
  });

  it('rejects non-finite data and reversed domains with a clear message', () => {
    const bad = { x: Float64Array.from([0, 1, 2]), y: Float64Array.from([1, NaN, 3]), dimension: 1 };
    assert.throws(() => fitGaussianProcess(bad), /target 1 is NaN/);
    assert.throws(() => fitGaussianProcess(data, { domain: { lower: [1.5, 0], upper: [0, 1.5] } }), /lower 1.5 ≥ upper 0/);
  });
});
