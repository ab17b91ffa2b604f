import assert from 'node:assert/strict';
import { quarrySync } from './run-quarry.ts';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const GP_REFERENCE = fileURLToPath(new URL('../../../shared/reference/gp/', import.meta.url));


function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'quarry-cli-'));
}

describe('the quarry command line', () => {
  it('prints its version and help', () => {
    const version = quarrySync(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);
    const help = quarrySync(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /demo/);
    assert.match(help.stdout, /surrogate/);
  });

  it('answers an unknown command with one error line, a hint and exit code 2', () => {
    const r = quarrySync(['frobnicate']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^quarry: error: unknown command 'frobnicate'/);
    assert.match(r.stderr, /hint:/);
    assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/, 'no stack trace');
  });

  it('fits a GP to a table and predicts at other points as JSON', () => {
    const r = quarrySync(['surrogate', 'fit', join(GP_REFERENCE, 'd2_train.csv'), '--target', 'y', '--restarts', '3', '--predict', join(GP_REFERENCE, 'd2_test.csv'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.hyperparameters.kernel, 'matern52');
    assert.deepEqual(Object.keys(out.hyperparameters.lengthScales), ['x1', 'x2']);
    assert.ok(Number.isFinite(out.logMarginalLikelihood));
    assert.equal(out.predictions.length, 50);
    // the test file carries scikit-learn's Matérn predictions: a fit of the same model lands close
    const lines = readFileSync(join(GP_REFERENCE, 'd2_test.csv'), 'utf8').trim().split('\n').slice(1);
    const sk = lines.map((l) => Number(l.split(',')[4]));
    const worst = Math.max(...sk.map((m, i) => Math.abs(m - out.predictions[i].mean)));
    assert.ok(worst < 0.5, `worst |Δmean| against scikit-learn ${worst}`);
    for (const p of out.predictions) assert.ok(p.std >= 0);
  });

  it('prints hyperparameters as text and writes predictions as CSV', () => {
    const dir = scratch();
    const csv = join(dir, 'pred.csv');
    const r = quarrySync(['surrogate', 'fit', join(GP_REFERENCE, 'd1_train.csv'), '--target', 'y', '--kernel', 'rbf', '--restarts', '2', '--predict', join(GP_REFERENCE, 'd1_test.csv'), '--output', csv]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /length scale x1/);
    const text = readFileSync(csv, 'utf8').trim().split('\n');
    assert.equal(text[0], 'x1,mean,std');
    assert.equal(text.length, 51);
  });

  it('rejects a table without the target column, naming the columns it has', () => {
    const r = quarrySync(['surrogate', 'fit', join(GP_REFERENCE, 'd1_train.csv'), '--target', 'limit']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /limit/);
    assert.match(r.stderr, /x1/);
    assert.equal(r.stderr.trim().split('\n').length, 2, 'one error line and one hint line');
  });

  it('rejects a missing file and a bad option value with exit code 2', () => {
    assert.equal(quarrySync(['surrogate', 'fit', 'no-such.csv', '--target', 'y']).code, 2);
    const dir = scratch();
    writeFileSync(join(dir, 't.csv'), 'a,y\n1,2\n2,3\n3,5\n');
    const r = quarrySync(['surrogate', 'fit', join(dir, 't.csv'), '--target', 'y', '--restarts', 'many']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--restarts must be an integer/);
    const k = quarrySync(['surrogate', 'fit', join(dir, 't.csv'), '--target', 'y', '--kernel', 'cubic']);
    assert.equal(k.code, 2);
    assert.match(k.stderr, /unknown kernel "cubic"/);
  });

  it('runs the demo scan and writes a GeoJSON contour that matches the truth', () => {
    const dir = scratch();
    const r = quarrySync(['demo', '--out', 'out', '--grid', '100', '--json'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.evaluations, 40);
    assert.ok(summary.balancedAccuracy > 0.97, `balanced accuracy ${summary.balancedAccuracy}`);
    assert.equal(readFileSync(join(dir, 'out', 'points.csv'), 'utf8').trim().split('\n').length, 41);
    // a second run resumes the finished scan: nothing is evaluated again
    const again = quarrySync(['demo', '--out', 'out', '--grid', '100', '--json'], { cwd: dir });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(JSON.parse(again.stdout).balancedAccuracy, summary.balancedAccuracy);
    const geo = JSON.parse(readFileSync(join(dir, 'out', 'contour.geojson'), 'utf8'));
    assert.equal(geo.type, 'FeatureCollection');
    assert.equal(geo.features[0].geometry.type, 'MultiPolygon');
    assert.ok(geo.features[0].geometry.coordinates.length >= 1);
    assert.equal(geo.features[0].properties.threshold, 0);
  });
});
