/**
 * `quarry predict DIR --points FILE.csv [--json]`: the scan's surrogates at new points — per output the
 * mean and standard deviation of the modelled value (after the output's transform: ln for log outputs)
 * and the probability that the point is excluded (value below the threshold; one column per threshold
 * when there are several).
 */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { QuarryError } from '../../errors.ts';
import { loadRun } from '../../scan/open.ts';
import { predictPoints, runSurrogates } from '../../scan/surrogates.ts';
import { readTable } from '../table.ts';

export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description('predict mean, std and P(excluded) per output of the scan in DIR at the points of a CSV file')
    .argument('<dir>', 'run directory of a quarry scan')
    .requiredOption('--points <file.csv>', 'CSV with a column per free parameter (- for stdin)')
    .option('--json', 'print JSON: [{point, outputs: {name: {mean, std, pExcluded | pBelow}}}]')
    .action((dir: string, flags: { points: string; json?: boolean }) => predict(dir, flags));
}

function predict(dir: string, flags: { points: string; json?: boolean }): void {
  const loaded = loadRun(resolve(dir));
  const free = loaded.config.parameters.filter((p) => p.fixed === undefined).map((p) => p.name);
  const table = readTable(flags.points, { required: free });
  const points: Record<string, number>[] = [];
  for (let r = 0; r < table.rows; r++) {
    const point: Record<string, number> = {};
    for (const name of free) {
      const v = Number(table.cell(r, name));
      if (table.cell(r, name) === '' || !Number.isFinite(v)) {
        throw new QuarryError('INVALID_INPUT', `${table.source}:${table.line(r)}: ${name} = "${table.cell(r, name)}" is not a finite number`, `give a number for ${name} on every row`);
      }
      point[name] = v;
    }
    points.push(point);
  }
  const predictions = predictPoints(loaded, runSurrogates(loaded), points);
  const outputs = loaded.config.outputs;
  const probabilityNames = (o: (typeof outputs)[number]) => (o.thresholds.length === 1 ? [`${o.name}_p_excluded`] : o.thresholds.map((t) => `${o.name}_p_below_${t}`));
  if (flags.json) {
    process.stdout.write(JSON.stringify(predictions.map((p) => ({
      point: p.point,
      outputs: Object.fromEntries(outputs.map((o) => {
        const q = p.outputs[o.name];
        return [o.name, { mean: q.mean, std: q.std, ...(o.thresholds.length === 1 ? { pExcluded: q.pBelow[0] } : { pBelow: Object.fromEntries(o.thresholds.map((t, k) => [String(t), q.pBelow[k]])) }) }];
      })),
    })), null, 2) + '\n');
    return;
  }
  const header = [...free, ...outputs.flatMap((o) => [`${o.name}_mean`, `${o.name}_std`, ...probabilityNames(o)])];
  const rows = predictions.map((p) => [...free.map((n) => p.point[n]), ...outputs.flatMap((o) => {
    const q = p.outputs[o.name];
    return [q.mean, q.std, ...q.pBelow];
  })].join(','));
  process.stdout.write([header.join(','), ...rows].join('\n') + '\n');
}
