import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gridAxis, truthGrid, type TruthGrid } from '../../bench/problems/truth.ts';
import { problemByName } from '../../bench/problems/index.ts';
import { classify } from '../../src/active-learning/metrics.ts';
import type { Problem } from '../../src/active-learning/problem.ts';
import { QuarryError } from '../../src/errors.ts';

/** Count of valid points per class of function f. */
function classCounts(grid: TruthGrid, thresholds: number[], f = 0): number[] {
  const classes = classify(grid.values[f], thresholds);
  const counts = new Array(thresholds.length + 1).fill(0);
  for (let i = 0; i < classes.length; i++) if (grid.mask[i]) counts[classes[i]]++;
  return counts;
}

// Expected counts cross-checked with numpy on the same grids (np.linspace, first axis fastest).
const EXCLUDED: [name: string, points: number, valid: number, excluded: number[]][] = [
  ['oned_fast', 101, 101, [6]],
  ['oned_noise', 501, 501, [203]],
  ['fast_2d', 40_000, 40_000, [16_078]], // 40.2 %
  ['two_functions', 122_500, 122_500, [49_304, 53_995]],
  ['masked', 40_000, 20_100, [11_650]],
  ['three_d', 68_921, 68_921, [8_642]],
  ['paraboloid_4d', 160_000, 160_000, [2_432]], // 1.52 %
  ['paraboloid_5d', 248_832, 248_832, [992]],
  ['checkmate', 10_201, 5_545, [2_509]],
];

for (const [name, points, valid, excluded] of EXCLUDED) {
  test(`${name}: ${excluded.map((e) => ((100 * e) / valid).toFixed(1)).join(' / ')} % of the valid truth grid is excluded`, () => {
    const problem = problemByName(name);
    const grid = truthGrid(problem);
    assert.equal(grid.points.length, points * problem.parameters.length);
    assert.equal(Math.round(grid.validFraction * points), valid);
    assert.deepEqual(problem.functions.map((_, f) => classCounts(grid, problem.thresholds, f)[0]), excluded);
  });
}

test('gaussian_circles: the four classes of both functions on the 101 grid', () => {
  const problem = problemByName('gaussian_circles');
  const grid = truthGrid(problem);
  const c0 = classCounts(grid, problem.thresholds, 0);
  const c1 = classCounts(grid, problem.thresholds, 1);
  assert.equal(c0.reduce((a, b) => a + b), 10_201);
  // numpy: f0 83.8 / 4.3 / 4.8 / 7.1 %, f1 82.9 / 5.1 / 4.8 / 7.1 %
  assert.deepEqual(c0.map((c) => Math.round((1000 * c) / 10_201) / 10), [83.8, 4.3, 4.8, 7.1]);
  assert.deepEqual(c1.map((c) => Math.round((1000 * c) / 10_201) / 10), [82.9, 5.1, 4.8, 7.1]);
});

test('masked: points with x < y are masked out, carry NaN, and the diagonal stays', () => {
  const grid = truthGrid(problemByName('masked'), 11);
  for (let i = 0; i < 121; i++) {
    const [x, y] = [grid.points[2 * i], grid.points[2 * i + 1]];
    assert.equal(grid.mask[i], x < y ? 0 : 1, `(${x}, ${y})`);
    assert.equal(Number.isNaN(grid.values[0][i]), x < y);
  }
  assert.equal(grid.validFraction, 66 / 121);
});

test('checkmate: the invalid region is x < y + 175', () => {
  const grid = truthGrid(problemByName('checkmate'), 25);
  let checked = 0;
  for (let i = 0; i < grid.mask.length; i++) {
    const [x, y] = [grid.points[2 * i], grid.points[2 * i + 1]];
    assert.equal(grid.mask[i], x < y + 175 ? 0 : 1);
    checked++;
  }
  assert.equal(checked, 625);
  assert.equal(grid.mask[0], 1); // (200, 0)
  assert.equal(grid.mask[600], 0); // (200, 600)
  assert.equal(grid.mask[624], 1); // (800, 600): 800 ≥ 775
});

test('the grid includes both ends, the first parameter varies fastest, cellVolume is 1/N', () => {
  const problem: Problem = {
    name: 'layout',
    parameters: [{ name: 'a', lower: -1, upper: 1 }, { name: 'b', lower: 10, upper: 20 }],
    thresholds: [0],
    functions: [(p) => p.a + 100 * p.b],
  };
  const grid = truthGrid(problem, 3);
  assert.deepEqual([...grid.points], [-1, 10, 0, 10, 1, 10, -1, 15, 0, 15, 1, 15, -1, 20, 0, 20, 1, 20]);
  assert.deepEqual([...grid.values[0]], [999, 1000, 1001, 1499, 1500, 1501, 1999, 2000, 2001]);
  assert.equal(grid.cellVolume, 1 / 9);
  assert.equal(grid.dimension, 2);
  assert.equal(grid.validFraction, 1);
  assert.equal(truthGrid(problem).pointsPerDim, 316); // default ≈ 10⁵ points
});

test('a log-scaled parameter is gridded uniformly in ln x with exact ends', () => {
  const axis = gridAxis({ name: 'm', lower: 1, upper: 1000, scale: 'log' }, 4);
  assert.equal(axis[0], 1);
  assert.equal(axis[3], 1000);
  assert.ok(Math.abs(axis[1] - 10) < 1e-12 && Math.abs(axis[2] - 100) < 1e-11);
  const lin = gridAxis({ name: 'x', lower: 0, upper: 1.5 }, 200);
  assert.equal(lin[199], 1.5);
  assert.equal(lin[1], 1.5 / 199);
});

test('bad grid sizes and functions that return NaN throw QuarryError naming the problem', () => {
  const problem = problemByName('fast_2d');
  assert.throws(() => truthGrid(problem, 1), (e: unknown) => e instanceof QuarryError && /fast_2d/.test(e.message));
  assert.throws(() => truthGrid(problem, 2.5), /not an integer/);
  assert.throws(() => truthGrid(problemByName('paraboloid_5d'), 40), /at most/);
  const broken: Problem = { name: 'broken', parameters: [{ name: 'x', lower: 0, upper: 1 }], thresholds: [0], functions: [() => NaN] };
  assert.throws(() => truthGrid(broken, 5), /functions\[0\] returned NaN/);
});
