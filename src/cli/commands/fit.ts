/** `quarry fit WS.json`: the maximum-likelihood fit of a HistFactory workspace, with Hessian uncertainties. */
import type { Command } from 'commander';
import { addWorkspaceOptions, aligned, loadModel, num, printJson, type WorkspaceFlags } from '../workspace-options.ts';

export function registerFit(program: Command): void {
  addWorkspaceOptions(
    program.command('fit').description('maximum-likelihood fit: twice NLL and every parameter with its uncertainty'),
  ).action((path: string, flags: WorkspaceFlags) => runFit(path, flags));
}

async function runFit(path: string, flags: WorkspaceFlags): Promise<void> {
  const { model, data, poiBounds } = await loadModel(path, flags);
  const { fit } = await import('../../inference/index.ts');
  const result = fit(model, data, poiBounds ? { poiBounds } : {});
  const parameters: Record<string, { value: number; uncertainty: number }> = {};
  model.parameters.forEach((name, i) => {
    parameters[name] = { value: result.parameters[i]!, uncertainty: result.uncertainties?.[i] ?? 0 };
  });
  if (flags.json) {
    printJson({ twiceNll: result.twiceNll, parameters, converged: result.converged });
    return;
  }
  // value column padded so the ± signs line up
  const values = model.parameters.map((name) => fmt(parameters[name]!.value));
  const width = Math.max(...values.map((v) => v.length));
  const rows: [string, string][] = model.parameters.map((name, i) => {
    const note = model.fixed[i] ? '  (fixed)' : name === model.poi ? '  (POI)' : '';
    return [name, `${values[i]!.padEnd(width)} ± ${num(parameters[name]!.uncertainty, 4)}${note}`];
  });
  process.stdout.write(aligned([
    ['twice NLL', result.twiceNll.toFixed(6)],
    ['converged', result.converged ? 'yes' : 'no'],
  ]));
  process.stdout.write(`\n${model.parameters.length} parameters (measurement "${model.measurement}"):\n`);
  process.stdout.write(aligned(rows.map(([a, b]) => [`  ${a}`, b])));
}

/** Fixed-width value so the ± column lines up. */
function fmt(value: number): string {
  const text = num(value, 6);
  return (value < 0 ? '' : ' ') + text;
}
