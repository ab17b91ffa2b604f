/**
 * Evaluators turn a point into a job (JobSpec) for any executor. `command`: the user's shell command
 * template with `{param}` placeholders ({{ and }} for literal braces), run in the point's directory;
 * `module`: an ES module whose `evaluate(params)` is called in a child process (module-evaluator.mjs)
 * so it can be timed out and killed like a command. A command runs in the point's directory, so a
 * relative path in it that names a file next to the config (`python3 sim.py {x}`, `./run.sh {m}`)
 * is made absolute — the command runs as written from anywhere. Both get QUARRY_PARAMS_JSON, QUARRY_OUTPUT (the
 * absolute path of the result file) and QUARRY_POINT_DIR.
 */
import { existsSync, statSync } from 'node:fs';
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

/**
 * The command with each word that is a relative path of an existing file in `configDir` made absolute.
 * The first word (the program) only when it contains a slash, as the shell itself would look it up.
 */
export function resolveScripts(command: string, configDir: string, resultFile: string): string {
  let first = true;
  return command.replace(/(^|\s)([A-Za-z0-9_.][A-Za-z0-9_./+-]*)(?=\s|$)/g, (match, space: string, word: string) => {
    const isProgram = first;
    first = false;
    if ((isProgram && !word.includes('/')) || word === resultFile || word === '.' || word === '..') return match;
    const path = join(configDir, word);
    return existsSync(path) && statSync(path).isFile() ? `${space}${shellQuote(path)}` : match;
  });
}

export interface JobContext {
  /** Directory of the config file. */
  configDir: string;
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
  const command = evaluator.type === 'command'
    ? fillTemplate(resolveScripts(evaluator.run, ctx.configDir, resultFile), ctx.point)
    : moduleCommand(evaluator);
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
