import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DATASETS, loadDataset } from '../../test/golden/gp-reference.ts';
import { GaussianProcess, type GpSpec } from './gaussian-process.ts';
import { fromLogParameters } from './likelihood.ts';

function sklearnProcess(name: (typeof DATASETS)[number], kernel: 'rbf' | 'matern52'): { gp: GaussianProcess; ds: ReturnType<typeof loadDataset> } {
  const ds = loadDataset(name);
  const spec: GpSpec = {
    kernel,
    hyperparameters: fromLogParameters(ds.fits[kernel].theta_log),
    inputLower: new Array(ds.dim).fill(0),
    inputUpper: new Array(ds.dim).fill(1),
    yMean: ds.y_train_mean,
    yStd: ds.y_train_std,
    nugget: 1e-10,
  };
  return { gp: GaussianProcess.create(spec, ds.train.x, ds.train.y), ds };
}

function grid(m: number, d: number, lower: number, upper: number): Float64Array {
  const out = new Float64Array(m * d);
  for (let i = 0; i < m; i++) for (let j = 0; j < d; j++) out[i * d + j] = lower + ((upper - lower) * ((i * (j + 3) + 7 * j) % m)) / m;
  return out;
}

describe('a Gaussian process at scikit-learn\'s fitted hyperparameters', () => {
  for (const name of DATASETS) {
    for (const kernel of ['rbf', 'matern52'] as const) {
      it(`predicts the same mean and std as scikit-learn on ${name}/${kernel} (1e-6 relative)`, () => {
        const { gp, ds } = sklearnProcess(name, kernel);
        const { mean, variance } = gp.posterior(ds.test.x, { includeNoise: true });
        const refMean = ds.test.columns[`${kernel}_mean`];
        const refStd = ds.test.columns[`${kernel}_std`];
        for (let i = 0; i < mean.length; i++) {
          assert.ok(Math.abs(mean[i] - refMean[i]) <= 1e-6 * Math.max(1, Math.abs(refMean[i])), `mean[${i}] ${mean[i]} vs ${refMean[i]}`);
          const std = Math.sqrt(variance[i]);
          assert.ok(Math.abs(std - refStd[i]) <= 1e-6 * Math.max(1e-3, refStd[i]), `std[${i}] ${std} vs ${refStd[i]}`);
        }
      });
    }
  }

  it('gives the same LML as scikit-learn at its optimum', () => {
    const { gp, ds } = sklearnProcess('d2', 'rbf');
    assert.ok(Math.abs(gp.logMarginalLikelihood() - ds.fits.rbf.lml_at_optimum) < 1e-8 * Math.abs(ds.fits.rbf.lml_at_optimum));
  });
});

describe('posterior computations', () => {
  const { gp } = sklearnProcess('d4', 'matern52');
  const points = grid(5000, 4, -2, 2);

  it('computes the same posterior in chunks as point by point', () => {
    const all = gp.posterior(points);
    for (const i of [0, 1, 999, 2500, 4999]) {
      const one = gp.posterior(points.subarray(i * 4, i * 4 + 4));
      assert.ok(Math.abs(one.mean[0] - all.mean[i]) < 1e-10 * Math.max(1, Math.abs(one.mean[0])));
      assert.ok(Math.abs(one.variance[0] - all.variance[i]) < 1e-10 * Math.max(1e-6, one.variance[0]));
    }
    assert.deepEqual(gp.mean(points), all.mean);
  });

  it('gives a joint covariance whose diagonal is the marginal variance and which is symmetric', () => {
    const few = points.subarray(0, 5 * 4);
    const joint = gp.jointPosterior(few);
    const marginal = gp.posterior(few);
    for (let a = 0; a < 5; a++) {
      assert.ok(Math.abs(joint.covariance.data[a * 5 + a] - marginal.variance[a]) < 1e-9 * Math.max(1e-6, marginal.variance[a]));
      assert.ok(Math.abs(joint.mean[a] - marginal.mean[a]) < 1e-12 * Math.max(1, Math.abs(marginal.mean[a])));
      for (let b = 0; b < 5; b++) assert.equal(joint.covariance.data[a * 5 + b], joint.covariance.data[b * 5 + a]);
    }
  });

  it('gives a cross-covariance that matches the joint posterior of the union', () => {
    const a = points.subarray(0, 3 * 4);
    const b = points.subarray(3 * 4, 7 * 4);
    const cross = gp.crossCovariance(a, b);
    const joint = gp.jointPosterior(points.subarray(0, 7 * 4)).covariance.data;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) {
      const expected = joint[i * 7 + 3 + j];
      assert.ok(Math.abs(cross[i * 4 + j] - expected) < 1e-9 * Math.max(1e-6, Math.abs(expected)), `(${i}, ${j})`);
    }
  });

  it('conditions on fantasies exactly like a process built from all the data', () => {
    const { gp: small, ds } = sklearnProcess('d2', 'matern52');
    const xNew = Float64Array.from([0.3, 0.4, 1.1, 0.2, 0.7, 1.4]);
    const yNew = Float64Array.from([-3, 0.5, 2]);
    const updated = small.condition(xNew, yNew);
    const x = new Float64Array([...ds.train.x, ...xNew]);
    const y = new Float64Array([...ds.train.y, ...yNew]);
    const direct = GaussianProcess.create(small.spec, x, y);
    const a = updated.posterior(ds.test.x);
    const b = direct.posterior(ds.test.x);
    for (let i = 0; i < a.mean.length; i++) {
      assert.ok(Math.abs(a.mean[i] - b.mean[i]) < 1e-8 * Math.max(1, Math.abs(b.mean[i])), `mean ${i}`);
      assert.ok(Math.abs(a.variance[i] - b.variance[i]) < 1e-8 * Math.max(1e-4, b.variance[i]), `variance ${i}`);
    }
    assert.equal(updated.size, small.size + 3);
    assert.equal(small.size, ds.train.y.length, 'the original process is unchanged');
  });

  it('conditions on a point that duplicates a training point without failing', () => {
    const { gp: small, ds } = sklearnProcess('d2', 'matern52');
    const duplicate = ds.train.x.slice(0, 2);
    const updated = small.condition(Float64Array.from([...duplicate, ...duplicate]), Float64Array.from([ds.train.y[0], ds.train.y[0]]));
    const { variance } = updated.posterior(duplicate);
    assert.ok(variance[0] >= 0 && Number.isFinite(variance[0]));
  });

  it('round-trips through JSON with identical predictions', () => {
    const json = JSON.parse(JSON.stringify(gp.toJSON()));
    const reloaded = GaussianProcess.fromJSON(json);
    const few = points.subarray(0, 40 * 4);
    assert.deepEqual(reloaded.posterior(few), gp.posterior(few));
    assert.deepEqual(reloaded.lengthScales, gp.lengthScales);
  });

  it('rejects JSON that is not a serialised process', () => {
    assert.throws(() => GaussianProcess.fromJSON({ format: 'other' } as never), /not a serialised quarry Gaussian process/);
  });
});
