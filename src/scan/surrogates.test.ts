import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ringArea } from '../contour/index.ts';
import { QuarryError } from '../errors.ts';
import { parseScanConfig } from './config.ts';
import { FakeExecutor } from './fake-executor.test-helper.ts';
import { runScan } from './index.ts';
import { loadRun } from './open.ts';
import { contourGeoJSON, predictPoints, runSurrogates } from './surrogates.ts';

// a 3D scan of the unit sphere f = x² + y² + z² − 1 (excluded inside), learned by the loop
const dir = join(mkdtempSync(join(tmpdir(), 'quarry-surrogates-')), 'run');
const config = parseScanConfig({
  name: 'sphere',
  parameters: ['x', 'y', 'z'].map((name) => ({ name, lower: -1.5, upper: 1.5 })),
  outputs: [{ name: 'f', thresholds: [0] }],
  evaluator: { type: 'command', run: 'true' },
  design: { type: 'sobol', points: 10 },
  batch: 5,
  stop: { budget: 60 },
  seed: 3,
  poll: 0.001,
}, 'sphere.yaml', tmpdir());
const ready = runScan(config, dir, { executor: new FakeExecutor() }).then(() => {
  const loaded = loadRun(dir);
  return { loaded, surrogates: runSurrogates(loaded) };
});

test('a slice of a 3D scan at a chosen value is the disk it should be', async () => {
  const { loaded, surrogates } = await ready;
  const map = contourGeoJSON(loaded, surrogates, { size: 81, axes: ['x', 'z'], at: { y: 0.5 } });
  assert.equal(map.features.length, 1);
  const { properties, geometry } = map.features[0];
  assert.deepEqual(properties.axes, ['x', 'z']);
  assert.deepEqual(properties.slice, { y: 0.5 });
  // the slice y = 0.5 of the unit ball is the disk x² + z² < 0.75: area 0.75π
  const area = geometry.coordinates.reduce((sum, polygon) => sum + Math.abs(ringArea(polygon[0])), 0);
  assert.ok(Math.abs(area / (0.75 * Math.PI) - 1) < 0.1, `area ${area} vs ${0.75 * Math.PI}`);
});

test('predictions at points give P(excluded) near 1 inside the ball and near 0 far outside', async () => {
  const { loaded, surrogates } = await ready;
  const [inside, outside] = predictPoints(loaded, surrogates, [{ x: 0, y: 0.1, z: -0.2 }, { x: 1.4, y: 1.4, z: 1.2 }]);
  assert.ok(inside.outputs.f.pBelow[0] > 0.99 && outside.outputs.f.pBelow[0] < 0.01, JSON.stringify([inside, outside]));
  assert.ok(Math.abs(inside.outputs.f.mean - (0.01 + 0.04 - 1)) < 0.1, String(inside.outputs.f.mean));
});

test('a slice naming an unknown axis, an axis twice or a value outside the bounds is refused with the valid choices', async () => {
  const { loaded, surrogates } = await ready;
  const refused = (options: Parameters<typeof contourGeoJSON>[2], pattern: RegExp) => assert.throws(() => contourGeoJSON(loaded, surrogates, options),
    (e: unknown) => e instanceof QuarryError && pattern.test(`${e.message} | ${e.hint}`));
  refused({ axes: ['x', 'w'] }, /"w", which is not a free parameter.*use one of: x, y, z/);
  refused({ axes: ['x', 'x'] }, /names "x" twice/);
  refused({ at: { z: 2 } }, /z=2 lies outside \[-1\.5, 1\.5\]/);
  refused({ axes: ['x', 'y'], at: { y: 0 } }, /fixes "y", which is an axis/);
});

test('with surrogate.warp auto, predictions come back in the output\'s units: the median and half its 68 % interval', async () => {
  // a log-CLs-like output: level 3 far from the origin, falling steeply inside the unit circle (excluded where < 0)
  const value = (p: Record<string, number>) => 3 - 0.4 * Math.log1p(Math.exp((1 - p.x * p.x - p.y * p.y) / 0.1));
  const warpDir = join(mkdtempSync(join(tmpdir(), 'quarry-surrogates-warp-')), 'run');
  const warped = parseScanConfig({
    name: 'saturating', parameters: ['x', 'y'].map((name) => ({ name, lower: -1.5, upper: 1.5 })),
    outputs: [{ name: 'f', thresholds: [0] }], evaluator: { type: 'command', run: 'true' },
    design: { type: 'sobol', points: 8 }, batch: 4, stop: { budget: 40 }, seed: 1, poll: 0.001, surrogate: { warp: 'auto' },
  }, 'saturating.yaml', tmpdir());
  await runScan(warped, warpDir, { executor: new FakeExecutor(() => null, 4, value) });
  const loaded = loadRun(warpDir);
  const surrogates = runSurrogates(loaded);
  const warp = surrogates.models[0].warp!;
  assert.equal(warp.type, 'saturating', 'the saturating output is modelled through a warping');
  const points = [{ x: 0, y: 0.2 }, { x: 0.5, y: -0.6 }, { x: 1.2, y: 1.1 }];
  predictPoints(loaded, surrogates, points).forEach(({ point, outputs: { f } }) => {
    const truth = value(point);
    assert.ok(Math.abs(f.mean - truth) < 0.1 * Math.abs(truth) + 0.05, `${JSON.stringify(point)}: ${f.mean} vs ${truth}`);
    assert.ok(f.std >= 0 && f.std < 1, String(f.std));
    assert.equal(f.pBelow[0] > 0.5, f.mean < 0, 'the median and P(excluded) agree on the class');
  });
});
