/**
 * Experiments on the loop's settings: `node --import tsx bench/al-experiment.ts PROBLEM BATCH INIT BUDGET SEEDS '{"warp":"auto"}' [ACQ]`
 * prints per seed the accuracy at the end, the evaluations to 0.99 and 0.999, and the mean seconds per iteration.
 */
import { evaluationsToReach, runActiveLearning } from './al-runner.ts';
import { problemByName, truthGrid } from './problems/index.ts';

const [name, batch, init, budget, seeds, config, acquisition] = process.argv.slice(2);
const problem = problemByName(name);
const truth = truthGrid(problem);
const to99: number[] = [];
const to999: number[] = [];
for (let seed = 0; seed < Number(seeds); seed++) {
  const run = runActiveLearning(problem, truth, {
    acquisition: acquisition ?? 'sur', batch: Number(batch), init: Number(init), budget: Number(budget), seed, config: config ? JSON.parse(config) : undefined,
  });
  const last = run.curve.at(-1)!;
  const s = run.curve.map((p) => p.seconds);
  to99.push(evaluationsToReach(run.curve, 0.99));
  to999.push(evaluationsToReach(run.curve, 0.999));
  console.log(`seed ${seed}: ${last.evaluations} evals ${last.balancedAccuracy.toFixed(4)} | to .99 ${to99.at(-1)} to .999 ${to999.at(-1)} | ${(s.reduce((a, b) => a + b, 0) / s.length).toFixed(3)} s/it max ${Math.max(...s).toFixed(2)} | tail ${run.curve.slice(-5).map((p) => p.balancedAccuracy.toFixed(3)).join(' ')}`);
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
console.log(`median to .99 ${median(to99)} to .999 ${median(to999)}`);
