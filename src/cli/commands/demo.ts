/**
 * `quarry demo`: the main job on its embedded default — an active-learning scan of the 2D physics toy
 * (examples/toy: excluded where f(x, y) < 0 on [0, 1.5]²) on two local workers, 40 evaluations in
 * batches of 4, in a durable run directory. It then writes the estimated exclusion contour (GeoJSON)
 * and the evaluated points (CSV), and scores the contour against the true function on a grid.
 * Running it again on the same directory resumes (or just re-reports) the scan.
 */
import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative, resolve } from 'node:path';
import { parseScanConfig } from '../../scan/config.ts';
import { exportCsv } from '../../scan/export.ts';
import { loadRun, openScan } from '../../scan/open.ts';
import { scanCounts } from '../../scan/progress.ts';
import { contourGeoJSON, predictPoints, runSurrogates } from '../../scan/surrogates.ts';
import { physicsToy2d } from '../../../bench/problems/fast-2d.ts';
import { parseInteger } from '../parse.ts';
import { ProgressLine } from '../progress.ts';

const TOY = fileURLToPath(new URL('../../../examples/toy/toy.mjs', import.meta.url));

interface DemoFlags { out: string; budget: string; grid: string; seed: string; json?: boolean }

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the embedded example scan (the 2D physics toy on 2 local workers) and write its exclusion contour (GeoJSON)')
    .option('--out <dir>', 'output directory (the scan runs in DIR/run and resumes there)', 'quarry-demo')
    .option('--budget <n>', 'evaluations of the toy', '40')
    .option('--grid <n>', 'points per axis of the contour and truth grid', '200')
    .option('--seed <s>', 'seed of the scan', '1')
    .option('--json', 'print the summary as one JSON object')
    .action((flags: DemoFlags) => runDemo(flags));
}

async function runDemo(flags: DemoFlags): Promise<void> {
  const budget = parseInteger(flags.budget, '--budget', { min: 6, max: 10000 });
  const gridSize = parseInteger(flags.grid, '--grid', { min: 2, max: 4000 });
  const seed = parseInteger(flags.seed, '--seed', { min: 0 });
  const out = resolve(flags.out);
  const config = parseScanConfig({
    name: 'demo',
    parameters: [{ name: 'x', lower: 0, upper: 1.5 }, { name: 'y', lower: 0, upper: 1.5 }],
    outputs: [{ name: 'f', thresholds: [0] }],
    evaluator: { type: 'module', path: TOY },
    executor: { type: 'local', workers: 2 },
    design: { type: 'sobol', points: 5 },
    batch: 4,
    stop: { budget },
    seed,
    poll: 0.5,
  }, 'the embedded demo config', dirname(TOY));
  const started = performance.now();
  mkdirSync(out, { recursive: true });
  const runDir = join(out, 'run');
  const opened = await openScan(config, runDir);
  const progress = flags.json ? null : new ProgressLine();
  try {
    await opened.driver.drive({ onStep: (d) => progress?.update(scanCounts(d.run, d.loop)) });
  } finally {
    progress?.done();
    await opened.close();
  }

  const loaded = loadRun(runDir);
  const surrogates = runSurrogates(loaded);
  const files = { contour: join(out, 'contour.geojson'), points: join(out, 'points.csv'), run: runDir };
  writeFileSync(files.contour, JSON.stringify(contourGeoJSON(loaded, surrogates, { size: Math.min(gridSize, 401) })) + '\n');
  writeFileSync(files.points, exportCsv(loaded));

  // quality: the estimated contour against the true function on a grid
  const grid: Record<string, number>[] = [];
  for (let j = 0; j < gridSize; j++) for (let i = 0; i < gridSize; i++) grid.push({ x: (1.5 * i) / (gridSize - 1), y: (1.5 * j) / (gridSize - 1) });
  const predicted = predictPoints(loaded, surrogates, grid);
  let tp = 0, pos = 0, tn = 0, neg = 0;
  grid.forEach((p, k) => {
    const truth = physicsToy2d(p.x, p.y) < 0;
    const estimate = predicted[k].outputs.f.mean < 0;
    if (truth) { pos++; if (estimate) tp++; } else { neg++; if (!estimate) tn++; }
  });
  const balancedAccuracy = 0.5 * ((pos ? tp / pos : 1) + (neg ? tn / neg : 1));
  const counts = scanCounts(loaded.run, loaded.loop);
  const seconds = (performance.now() - started) / 1000;
  const summary = {
    problem: 'physics toy (fast_2d)', evaluations: counts.completed + counts.failed, iterations: counts.iteration,
    acquisition: config.acquisition, balancedAccuracy, estimatedMisclassification: counts.misclassification, seconds, files,
  };
  if (flags.json) {
    process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    return;
  }
  const shown = (p: string) => relative(process.cwd(), p) || '.';
  process.stdout.write([
    'quarry demo: active-learning scan of the 2D physics toy (excluded where f(x, y) < 0 on [0, 1.5]²)',
    `  ${summary.evaluations} evaluations in ${summary.iterations} iterations on 2 local workers (acquisition ${config.acquisition}, batches of 4)`,
    `  balanced accuracy of the estimated contour against the truth on a ${gridSize}² grid: ${balancedAccuracy.toFixed(4)}`,
    `  the surrogates' own misclassification estimate: ${(100 * (counts.misclassification ?? 1)).toFixed(2)} % of the domain`,
    `  wrote ${shown(files.contour)}`,
    `        ${shown(files.points)}`,
    `        ${shown(files.run)}/  (the run: quarry status ${shown(files.run)} · quarry export ${shown(files.run)} --format json)`,
    `  (${seconds.toFixed(1)} s)`,
  ].join('\n') + '\n');
}
