/** `quarry bench-al PROBLEM|MODULE.mjs`: runs the active-learning loop against a problem's truth. */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { runActiveLearning } from '../../../bench/al-runner.ts';
import { PROBLEMS, problemByName } from '../../../bench/problems/index.ts';
import { truthGrid } from '../../../bench/problems/truth.ts';
import { ACQUISITIONS, acquisition as acquisitionByName } from '../../acquisition/index.ts';
import { DEFAULT_ACQUISITION } from '../../active-learning/index.ts';
import type { Problem } from '../../active-learning/problem.ts';
import { loadProblemModule } from '../problem-module.ts';
import { parseInteger } from '../parse.ts';
import { QuarryError } from '../../errors.ts';

interface BenchAlFlags { acquisition: string; batch: string; init: string; budget: string; seeds: string; seed: string; grid?: string; warp: string; json?: boolean }

export function registerBenchAl(program: Command): void {
  program
    .command('bench-al')
    .description(`run the active-learning loop against a benchmark problem (${Object.keys(PROBLEMS).join(', ')}) or a problem module`)
    .argument('<problem>', 'a benchmark problem name, or an ES module (.mjs) exporting `problem`')
    .option('--acquisition <name>', `acquisition: ${Object.keys(ACQUISITIONS).join(' | ')}`, DEFAULT_ACQUISITION)
    .option('--batch <n>', 'points per iteration', '5')
    .option('--init <n>', 'Latin-hypercube initial points', '5')
    .option('--budget <n>', 'evaluations in all', '50')
    .option('--seeds <k>', 'number of seeds (runs)', '1')
    .option('--seed <s>', 'first seed', '0')
    .option('--warp <mode>', 'output warping of the surrogates: none | auto', 'none')
    .option('--grid <n>', "points per dimension of the truth grid (default: the problem's)")
    .option('--json', 'print one JSON object {runs: [{seed, curve: [{evaluations, balancedAccuracy, seconds, …}]}]}')
    .action(async (name: string, flags: BenchAlFlags) => runBenchAl(name, flags));
}

async function runBenchAl(name: string, flags: BenchAlFlags): Promise<void> {
  acquisitionByName(flags.acquisition);
  const batch = parseInteger(flags.batch, '--batch', { min: 1 });
  const init = parseInteger(flags.init, '--init', { min: 1 });
  const budget = parseInteger(flags.budget, '--budget', { min: 1 });
  const seeds = parseInteger(flags.seeds, '--seeds', { min: 1, max: 1000 });
  const first = parseInteger(flags.seed, '--seed', { min: 0 });
  if (flags.warp !== 'none' && flags.warp !== 'auto') throw new QuarryError('INVALID_ARGUMENT', `--warp ${flags.warp} is not a warping mode`, 'use --warp none or --warp auto');
  const grid = flags.grid === undefined ? undefined : parseInteger(flags.grid, '--grid', { min: 2 });
  const problem: Problem = /\.[cm]?js$/.test(name) || existsSync(name) ? await loadProblemModule(name) : problemByName(name);
  const truth = truthGrid(problem, grid);
  const runs = [];
  if (!flags.json) process.stdout.write(`${problem.name}: ${flags.acquisition}, batch ${batch}, ${init} initial points, budget ${budget}, warp ${flags.warp}, truth grid ${truth.pointsPerDim}^${truth.dimension}\n`);
  for (let s = first; s < first + seeds; s++) {
    const run = runActiveLearning(problem, truth, { acquisition: flags.acquisition, batch, init, budget, seed: s, config: { warp: flags.warp } }, (p) => {
      if (!flags.json) {
        process.stdout.write(`seed ${s}  iteration ${String(p.iteration).padStart(3)}  evaluations ${String(p.evaluations).padStart(4)}  balanced accuracy ${p.balancedAccuracy.toFixed(5)}  misclassification estimate ${p.misclassification.toExponential(2)}  ${p.seconds.toFixed(2)} s\n`);
      }
    });
    runs.push(run);
  }
  if (flags.json) process.stdout.write(JSON.stringify({ problem: problem.name, acquisition: flags.acquisition, batch, init, budget, runs }) + '\n');
}
