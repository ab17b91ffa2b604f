/** `quarry significance WS.json`: the discovery p-value p0 and significance Z (q0, asymptotic). */
import type { Command } from 'commander';
import { addWorkspaceOptions, aligned, loadModel, num, printJson, type WorkspaceFlags } from '../workspace-options.ts';

export function registerSignificance(program: Command): void {
  addWorkspaceOptions(
    program.command('significance').description('discovery test (q0): observed p0 and Z, expected p0 for a μ = 1 signal'),
  ).action((path: string, flags: WorkspaceFlags) => runSignificance(path, flags));
}

async function runSignificance(path: string, flags: WorkspaceFlags): Promise<void> {
  const { model, data, poiBounds } = await loadModel(path, flags);
  const { discovery } = await import('../../inference/index.ts');
  const r = discovery(model, data, poiBounds ? { poiBounds } : {});
  const expected = { minus2: r.expected.minus2, minus1: r.expected.minus1, median: r.expected.median, plus1: r.expected.plus1, plus2: r.expected.plus2 };
  if (flags.json) {
    printJson({ p0: r.p0, z: r.z, q0: r.q0, expected });
    return;
  }
  process.stdout.write(aligned([
    ['q0', num(r.q0)],
    ['p0', num(r.p0)],
    ['Z', `${num(r.z, 4)} σ`],
    [`expected p0 (${model.poi} = 1) −2σ`, num(expected.minus2)],
    ['                       −1σ', num(expected.minus1)],
    ['                    median', `${num(expected.median)}  (Z = ${num(r.expectedZ.median, 4)} σ)`],
    ['                       +1σ', num(expected.plus1)],
    ['                       +2σ', num(expected.plus2)],
  ]));
}
