/** `quarry cls WS.json --mu 1`: the CLs hypothesis test of one POI value (observed and expected band). */
import type { Command } from 'commander';
import { unknownKey } from '../../errors.ts';
import { parseInteger, parseNumber } from '../parse.ts';
import { addWorkspaceOptions, aligned, loadModel, num, printJson, type WorkspaceFlags } from '../workspace-options.ts';

interface ClsFlags extends WorkspaceFlags {
  mu: string;
  calculator: string;
  ntoys?: string;
  seed: string;
}

export function registerCls(program: Command): void {
  addWorkspaceOptions(
    program.command('cls').description('CLs hypothesis test at one POI value (q̃μ): CLs, CLs+b, CLb and the expected band'),
  )
    .option('--mu <value>', 'the POI value to test', '1')
    .option('--calculator <name>', 'asymptotic | toys', 'asymptotic')
    .option('--ntoys <n>', 'toys per hypothesis with --calculator toys (default 2000)')
    .option('--seed <s>', 'seed of the toys', '0')
    .action((path: string, flags: ClsFlags) => runCls(path, flags));
}

async function runCls(path: string, flags: ClsFlags): Promise<void> {
  const { CALCULATORS, hypotest } = await import('../../inference/index.ts');
  const mu = parseNumber(flags.mu, '--mu');
  if (!(CALCULATORS as readonly string[]).includes(flags.calculator)) throw unknownKey('calculator', flags.calculator, CALCULATORS);
  const calculator = flags.calculator as 'asymptotic' | 'toys';
  const ntoys = flags.ntoys !== undefined ? parseInteger(flags.ntoys, '--ntoys', { min: 1 }) : undefined;
  const seed = parseInteger(flags.seed, '--seed', { min: 0 });
  const { workspace, model, data, poiBounds } = await loadModel(path, flags);
  const r = hypotest(model, data, mu, {
    calculator, seed, ...(ntoys !== undefined ? { ntoys } : {}), ...(poiBounds ? { poiBounds } : {}),
    // toy workers rebuild the model from the plain workspace (a Model holds functions)
    source: { spec: workspace, options: { measurement: model.measurement, interpolation: model.interpolation } },
  });
  const expected = { minus2: r.expected.minus2, minus1: r.expected.minus1, median: r.expected.median, plus1: r.expected.plus1, plus2: r.expected.plus2 };
  for (const warning of r.warnings) process.stderr.write(`quarry: warning: ${warning}\n`);
  if (flags.json) {
    printJson({ mu: r.mu, cls: r.cls, clsb: r.clsb, clb: r.clb, expected });
    return;
  }
  process.stdout.write(aligned([
    [`${model.poi}`, String(mu)],
    ['calculator', calculator === 'toys' ? `toys (${ntoys ?? 2000} per hypothesis, seed ${seed})` : 'asymptotic'],
    ['CLs', num(r.cls)],
    ['CLs+b', num(r.clsb)],
    ['CLb', num(r.clb)],
    ['expected CLs −2σ', num(expected.minus2)],
    ['             −1σ', num(expected.minus1)],
    ['          median', num(expected.median)],
    ['             +1σ', num(expected.plus1)],
    ['             +2σ', num(expected.plus2)],
  ]));
}
