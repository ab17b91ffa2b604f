/**
 * `quarry demo`: the main job on its embedded default. Samples the 2D physics toy at Sobol points,
 * fits a GP surrogate, and writes the estimated exclusion contour (f < 0) as GeoJSON, with the
 * samples and the surrogate beside it. Until the active-learning scan exists this is a one-shot design.
 */
import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { contourToGeoJSON } from '../../contour/index.ts';
import { sobolPoints } from '../../numeric/design/index.ts';
import { normalCdf } from '../../numeric/special/index.ts';
import { fitGaussianProcess } from '../../surrogate/fit.ts';
import { fast2d, physicsToy2d as physicsToy } from '../../../bench/problems/fast-2d.ts';
import { parseInteger } from '../parse.ts';
import { writeCsv } from '../table.ts';

interface DemoFlags { out: string; points: string; seed: string; grid: string; json?: boolean }

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('sample the 2D physics toy at Sobol points, fit a GP and write the estimated exclusion contour (GeoJSON)')
    .option('--out <dir>', 'output directory', 'quarry-demo')
    .option('--points <n>', 'number of Sobol points', '40')
    .option('--grid <n>', 'points per axis of the prediction and truth grid', '200')
    .option('--seed <s>', 'seed of the hyperparameter restarts', '1')
    .option('--json', 'print the summary as one JSON object')
    .action((flags: DemoFlags) => runDemo(flags));
}

function runDemo(flags: DemoFlags): void {
  const count = parseInteger(flags.points, '--points', { min: 3, max: 100000 });
  const gridSize = parseInteger(flags.grid, '--grid', { min: 2, max: 4000 });
  const seed = parseInteger(flags.seed, '--seed', { min: 0 });
  const [px, py] = fast2d.parameters;
  const started = performance.now();

  const unit = sobolPoints(count, 2);
  const x = new Float64Array(count * 2);
  const y = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    x[2 * i] = px.lower + unit[2 * i] * (px.upper - px.lower);
    x[2 * i + 1] = py.lower + unit[2 * i + 1] * (py.upper - py.lower);
    y[i] = physicsToy(x[2 * i], x[2 * i + 1]);
  }
  const fit = fitGaussianProcess({ x, y, dimension: 2 }, {
    kernel: 'matern52', restarts: 10, seed,
    domain: { lower: [px.lower, py.lower], upper: [px.upper, py.upper] },
  });

  const gx = Float64Array.from({ length: gridSize }, (_, i) => px.lower + ((px.upper - px.lower) * i) / (gridSize - 1));
  const gy = Float64Array.from({ length: gridSize }, (_, j) => py.lower + ((py.upper - py.lower) * j) / (gridSize - 1));
  const points = new Float64Array(gridSize * gridSize * 2);
  for (let j = 0; j < gridSize; j++) for (let i = 0; i < gridSize; i++) {
    points[2 * (j * gridSize + i)] = gx[i];
    points[2 * (j * gridSize + i) + 1] = gy[j];
  }
  const { mean, variance } = fit.process.posterior(points);
  const t = fast2d.thresholds[0];
  const grid = { nx: gridSize, ny: gridSize, x: gx, y: gy, values: mean };
  const geojson = contourToGeoJSON(grid, [t], { problem: fast2d.name, function: 'f', evaluations: count });

  // quality: balanced accuracy against the true function, and the surrogate's own misclassification estimate
  let tp = 0, pos = 0, tn = 0, neg = 0, misclassification = 0;
  for (let k = 0; k < mean.length; k++) {
    const truth = physicsToy(points[2 * k], points[2 * k + 1]) < t;
    const predicted = mean[k] < t;
    if (truth) { pos++; if (predicted) tp++; } else { neg++; if (!predicted) tn++; }
    misclassification += normalCdf(-Math.abs(mean[k] - t) / Math.sqrt(Math.max(variance[k], 1e-300)));
  }
  const balancedAccuracy = 0.5 * ((pos ? tp / pos : 1) + (neg ? tn / neg : 1));
  misclassification /= mean.length;

  const out = resolve(flags.out);
  mkdirSync(out, { recursive: true });
  const files = { contour: join(out, 'contour.geojson'), samples: join(out, 'samples.csv'), surrogate: join(out, 'surrogate.json') };
  writeFileSync(files.contour, JSON.stringify(geojson) + '\n');
  writeFileSync(files.samples, writeCsv(['x', 'y', 'f'], [x.filter((_, i) => i % 2 === 0), x.filter((_, i) => i % 2 === 1), y]));
  writeFileSync(files.surrogate, JSON.stringify(fit.process.toJSON()) + '\n');
  const seconds = (performance.now() - started) / 1000;

  const summary = {
    problem: fast2d.name, evaluations: count, design: 'sobol', kernel: fit.process.spec.kernel,
    logMarginalLikelihood: fit.logMarginalLikelihood, lengthScales: fit.process.lengthScales,
    balancedAccuracy, estimatedMisclassification: misclassification, seconds, files,
  };
  if (flags.json) {
    process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    return;
  }
  process.stdout.write([
    `quarry demo: 2D physics toy (excluded where f(x, y) < 0 on [0, 1.5]²)`,
    `  sampled ${count} Sobol points, fitted a ${summary.kernel} GP (log marginal likelihood ${fit.logMarginalLikelihood.toFixed(3)}, length scales ${summary.lengthScales.map((l) => l.toPrecision(3)).join(', ')})`,
    `  balanced accuracy of the estimated contour against the truth on a ${gridSize}² grid: ${balancedAccuracy.toFixed(4)}`,
    `  the surrogate's own misclassification estimate: ${(100 * misclassification).toFixed(2)} % of the domain`,
    `  wrote ${files.contour}`,
    `        ${files.samples}`,
    `        ${files.surrogate}`,
    `  (${seconds.toFixed(1)} s)`,
  ].join('\n') + '\n');
}
