/**
 * Evaluators turn a point into a job (JobSpec) for any executor. `command`: the user's shell command
 * template with `{param}` placeholders ({{ and }} for literal braces), run in the point's directory;
 * `module`: an ES module whose `evaluate(params)` is called in a child process (module-evaluator.mjs)
 * so it can be timed out and killed like a command. Both get QUARRY_PARAMS_JSON, QUARRY_OUTPUT (the
 * absolute path of the result file) and QUARRY_POINT_DIR.
 */
import { fileURLToPath } from 'node:url';
import { isAbsolute, join } from 'node:path';
import type { JobSpec } from '../executors/executor.ts';
import { fillTemplate } from './config-template.ts';
import { attemptDir, jobId, pointDir } from './point-dirs.ts';

export interface CommandEvaluator {
  type: 'command';
  run: string;
  result: string;
  timeout?: number;
  env?: Record<string, string>;
}

export interface ModuleEvaluator {
  type: 'module';
  path: string;
  export: string;
  timeout?: number;
}

const MODULE_RUNNER = fileURLToPath(new URL('./module-evaluator.mjs', import.meta.url));
const MODULE_RESULT = 'result.json';

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The node command line that runs a module evaluator (with the TypeScript loader for .ts modules). */
function moduleCommand(evaluator: ModuleEvaluator): string {
  const loader = /\.(c|m)?ts$/.test(evaluator.path) ? ` --import ${shellQuote(import.meta.resolve('tsx/esm'))}` : '';
  return `${shellQuote(process.execPath)}${loader} ${shellQuote(MODULE_RUNNER)} ${shellQuote(evaluator.path)} ${shellQuote(evaluator.export)}`;
}

export interface JobContext {
  runDir: string;
  hash: string;
  attempt: number;
  point: Record<string, number>;
}

/** The job of one attempt at one point. */
export function jobFor(evaluator: CommandEvaluator | ModuleEvaluator, ctx: JobContext): JobSpec {
  const cwd = pointDir(ctx.runDir, ctx.hash);
  const resultFile = evaluator.type === 'command' ? evaluator.result : MODULE_RESULT;
  const resultPath = isAbsolute(resultFile) ? resultFile : join(cwd, resultFile);
  const command = evaluator.type === 'command' ? fillTemplate(evaluator.run, ctx.point) : moduleCommand(evaluator);
  return {
    id: jobId(ctx.hash, ctx.attempt),
    dir: attemptDir(ctx.runDir, ctx.hash, ctx.attempt),
    cwd,
    command,
    env: {
      ...(evaluator.type === 'command' ? evaluator.env ?? {} : {}),
      QUARRY_PARAMS_JSON: JSON.stringify(ctx.point),
      QUARRY_OUTPUT: resultPath,
      QUARRY_POINT_DIR: cwd,
    },
    ...(evaluator.timeout !== undefined ? { timeoutSeconds: evaluator.timeout } : {}),
    resultFile,
  };
}
