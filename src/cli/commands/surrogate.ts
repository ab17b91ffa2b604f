/** `quarry surrogate fit`: fits a GP to an existing table (e.g. a published grid of limits) and predicts. */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { fitGaussianProcess, type GpFitResult } from '../../surrogate/fit.ts';
import { KERNELS, kernelShape, type KernelName } from '../../surrogate/kernels/index.ts';
import { pointsFromTable, readTable, validateGpTable, writeCsv } from '../table.ts';
import { parseInteger } from '../parse.ts';

interface FitFlags {
  target: string;
  inputs?: string;
  kernel: string;
  restarts: string;
  seed: string;
  predict?: string;
  output?: string;
  includeNoise?: boolean;
  json?: boolean;
}

export function registerSurrogate(program: Command): void {
  const surrogate = program.command('surrogate').description('Gaussian-process surrogates of tables of results');
  surrogate
    .command('fit')
    .description('fit a GP to TABLE.csv and print its hyperparameters; optionally predict at other points')
    .argument('<table>', 'CSV file with a header row (- for stdin)')
    .requiredOption('--target <column>', 'column to model')
    .option('--inputs <a,b,...>', 'input columns (default: every column except the target)')
    .option('--kernel <name>', `kernel: ${Object.keys(KERNELS).join(' | ')}`, 'matern52')
    .option('--restarts <n>', 'random restarts of the hyperparameter fit', '10')
    .option('--seed <s>', 'seed of the restarts', '0')
    .option('--predict <points.csv>', 'predict mean and std at the points of this CSV (same input columns)')
    .option('--output <file>', 'write the predictions here instead of stdout')
    .option('--include-noise', 'std of a new noisy observation instead of the latent function')
    .option('--json', 'print one JSON object {hyperparameters, logMarginalLikelihood, predictions}')
    .action((table: string, flags: FitFlags) => runFit(table, flags));
}

function runFit(path: string, flags: FitFlags): void {
  const kernel = kernelShape(flags.kernel).name as KernelName;
  const restarts = parseInteger(flags.restarts, '--restarts', { min: 0 });
  const seed = parseInteger(flags.seed, '--seed', { min: 0 });
  const table = readTable(path);
  const inputs = flags.inputs
    ? flags.inputs.split(',').map((s) => s.trim()).filter((s) => s.length > 0)
    : table.columns.filter((c) => c !== flags.target);
  const { x, y, d } = validateGpTable(table, inputs, flags.target);
  const fit = fitGaussianProcess({ x, y, dimension: d }, { kernel, restarts, seed });
  const summary = describeFit(fit, inputs);

  let predictions: { mean: number; std: number }[] | undefined;
  let predictionColumns: Float64Array[] = [];
  if (flags.predict) {
    const points = pointsFromTable(readTable(flags.predict), inputs);
    const post = fit.process.posterior(points, { includeNoise: flags.includeNoise ?? false });
    const columns = inputs.map((_, j) => points.filter((_, k) => k % d === j));
    const std = post.variance.map(Math.sqrt);
    predictions = Array.from(post.mean, (mean, i) => ({ mean, std: std[i] }));
    predictionColumns = [...columns, post.mean, std];
  }

  if (flags.json) {
    const out = { ...summary, ...(predictions ? { predictions } : {}) };
    emit(JSON.stringify(out, null, 2) + '\n', flags.predict ? flags.output : undefined);
    return;
  }
  const text = formatSummary(summary, path);
  if (!flags.predict) {
    process.stdout.write(text);
    return;
  }
  process.stderr.write(text);
  emit(writeCsv([...inputs, 'mean', 'std'], predictionColumns), flags.output);
}

function emit(text: string, file: string | undefined): void {
  if (file) writeFileSync(file, text);
  else process.stdout.write(text);
}

interface FitSummary {
  hyperparameters: {
    kernel: string;
    /** Signal variance in the target's units squared. */
    amplitude: number;
    /** Length scales by input name, in the input's units. */
    lengthScales: Record<string, number>;
    /** White-noise variance in the target's units squared. */
    noise: number;
    /** The same in model units (inputs on the unit box, standardised target). */
    standardised: { amplitude: number; lengthScales: number[]; noise: number };
  };
  logMarginalLikelihood: number;
  points: number;
}

function describeFit(fit: GpFitResult, inputs: string[]): FitSummary {
  const gp = fit.process;
  const h = gp.spec.hyperparameters;
  const s2 = gp.spec.yStd ** 2;
  const lengthScales: Record<string, number> = {};
  gp.lengthScales.forEach((l, j) => (lengthScales[inputs[j]] = l));
  return {
    hyperparameters: {
      kernel: gp.spec.kernel,
      amplitude: h.amplitude * s2,
      lengthScales,
      noise: h.noise * s2,
      standardised: { amplitude: h.amplitude, lengthScales: [...h.lengthScales], noise: h.noise },
    },
    logMarginalLikelihood: fit.logMarginalLikelihood,
    points: gp.size,
  };
}

function formatSummary(s: FitSummary, path: string): string {
  const h = s.hyperparameters;
  const g = (v: number) => v.toPrecision(6);
  const lines = [
    `GP fit to ${s.points} rows of ${path} (kernel ${h.kernel})`,
    `  amplitude (variance)  ${g(h.amplitude)}`,
    ...Object.entries(h.lengthScales).map(([name, l]) => `  length scale ${name.padEnd(8)} ${g(l)}`),
    `  noise (variance)      ${g(h.noise)}`,
    `  log marginal likelihood (standardised target) ${g(s.logMarginalLikelihood)}`,
  ];
  return lines.join('\n') + '\n';
}
