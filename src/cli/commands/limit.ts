/** `quarry limit WS.json [--cl 0.95]`: observed and expected CLs upper limits on the POI. */
import type { Command } from 'commander';
import { QuarryError } from '../../errors.ts';
import { parseNumber } from '../parse.ts';
import { addWorkspaceOptions, aligned, loadModel, num, printJson, type WorkspaceFlags } from '../workspace-options.ts';

interface LimitFlags extends WorkspaceFlags {
  cl: string;
}

export function registerLimit(program: Command): void {
  addWorkspaceOptions(
    program.command('limit').description('observed and expected (−2σ … +2σ) CLs upper limits on the POI'),
  )
    .option('--cl <level>', 'confidence level', '0.95')
    .action((path: string, flags: LimitFlags) => runLimit(path, flags));
}

async function runLimit(path: string, flags: LimitFlags): Promise<void> {
  const cl = parseNumber(flags.cl, '--cl');
  if (!(cl > 0 && cl < 1)) throw new QuarryError('INVALID_ARGUMENT', `--cl must lie strictly between 0 and 1, got ${flags.cl}`, 'give a confidence level such as --cl 0.95 (not a percentage)');
  const { model, data, poiBounds } = await loadModel(path, flags);
  const { upperLimit } = await import('../../inference/index.ts');
  const r = upperLimit(model, data, { cl, ...(poiBounds ? { poiBounds } : {}) });
  // a limit outside the POI bounds is null: say so on stderr, still exit 0
  for (const warning of r.warnings) process.stderr.write(`quarry: warning: ${warning}\n`);
  const expected = { minus2: r.expected.minus2, minus1: r.expected.minus1, median: r.expected.median, plus1: r.expected.plus1, plus2: r.expected.plus2 };
  if (flags.json) {
    printJson({ observed: r.observed, expected });
    return;
  }
  const show = (v: number | null): string => (v === null ? 'none within the POI bounds' : num(v));
  process.stdout.write(aligned([
    [`${Math.round(cl * 1e4) / 100}% CLs upper limit on ${model.poi}`, ''],
    ['  observed', show(r.observed)],
    ['  expected −2σ', show(expected.minus2)],
    ['           −1σ', show(expected.minus1)],
    ['        median', show(expected.median)],
    ['           +1σ', show(expected.plus1)],
    ['           +2σ', show(expected.plus2)],
    ['  POI bounds', `[${r.poiBounds[0]}, ${r.poiBounds[1]}]`],
  ]));
}
