/**
 * Loads a user problem module (`quarry bench-al MODULE.mjs`): an ES module exporting
 *
 *   export const problem = {
 *     parameters: [{ name: 'mass', lower: 100, upper: 1000, scale: 'log' }, …],
 *     thresholds: [0],
 *     functions: [(x) => …, …],          // x is { mass: …, … }; e.g. observed and expected
 *     invalid: (x) => x.a < x.b,         // optional
 *     name: 'my-scan',                   // optional, defaults to the file name
 *   };
 *
 * and checks it field by field, so a mistake is reported as one line naming the file and the field.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Parameter, Problem } from '../active-learning/problem.ts';
import { QuarryError } from '../errors.ts';

const EXAMPLE = "export const problem = { parameters: [{ name: 'x', lower: 0, upper: 1 }], thresholds: [0], functions: [(p) => p.x - 0.5] }";

/** Imports the module at `path` and returns its validated `problem` (thresholds sorted ascending). */
export async function loadProblemModule(path: string): Promise<Problem> {
  const absolute = resolve(path);
  if (!existsSync(absolute) || !statSync(absolute).isFile()) {
    throw new QuarryError('FILE_NOT_FOUND', `problem module ${path} not found (looked at ${absolute})`, 'pass the path of an ES module (.mjs) that exports `problem`, or a built-in problem name');
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new QuarryError('INVALID_INPUT', `problem module ${path} failed to import: ${firstLine(message)}`, `fix the module so that \`node ${path}\` runs without error`, { cause: error });
  }
  if (!('problem' in module) || module.problem === undefined) {
    throw invalid(path, 'problem', 'is not exported', `add ${EXAMPLE}`);
  }
  return validateProblem(module.problem, path);
}

/** Checks a `problem` object from the module at `path` (used in error messages) and returns it typed. */
export function validateProblem(value: unknown, path: string): Problem {
  if (!isObject(value)) throw invalid(path, 'problem', `is ${describe(value)}, not an object`, `export ${EXAMPLE}`);
  const name = value.name === undefined ? basename(path, extname(path)) : value.name;
  if (typeof name !== 'string' || name.length === 0) {
    throw invalid(path, 'problem.name', `is ${describe(value.name)}`, 'give a non-empty string, or leave it out to use the file name');
  }
  const problem: Problem = {
    name,
    parameters: validateParameters(value.parameters, path),
    thresholds: validateThresholds(value.thresholds, path),
    functions: validateFunctions(value.functions, path),
  };
  if (value.invalid !== undefined) {
    if (typeof value.invalid !== 'function') {
      throw invalid(path, 'problem.invalid', `is ${describe(value.invalid)}, not a function`, 'give a function (x) => boolean that is true where a point is invalid, or leave it out');
    }
    problem.invalid = value.invalid as Problem['invalid'];
  }
  if (value.truthGrid !== undefined) {
    if (!Number.isInteger(value.truthGrid) || (value.truthGrid as number) < 2) {
      throw invalid(path, 'problem.truthGrid', `is ${describe(value.truthGrid)}`, 'give the points per dimension of the truth grid as an integer ≥ 2, or leave it out');
    }
    problem.truthGrid = value.truthGrid as number;
  }
  if (value.noise !== undefined) {
    if (typeof value.noise !== 'number' || !Number.isFinite(value.noise) || value.noise < 0) {
      throw invalid(path, 'problem.noise', `is ${describe(value.noise)}`, 'give the noise standard deviation as a finite number ≥ 0, or leave it out');
    }
    problem.noise = value.noise;
  }
  return problem;
}

function validateParameters(value: unknown, path: string): Parameter[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalid(path, 'problem.parameters', value === undefined ? 'is missing' : `is ${describe(value)}, not a non-empty array`, "give at least one parameter, e.g. parameters: [{ name: 'x', lower: 0, upper: 1 }]");
  }
  const seen = new Set<string>();
  return value.map((p: unknown, i): Parameter => {
    const field = `problem.parameters[${i}]`;
    if (!isObject(p)) throw invalid(path, field, `is ${describe(p)}, not an object`, 'give each parameter as { name, lower, upper, scale? }');
    if (typeof p.name !== 'string' || p.name.length === 0) {
      throw invalid(path, `${field}.name`, p.name === undefined ? 'is missing' : `is ${describe(p.name)}`, 'give each parameter a non-empty string name');
    }
    if (seen.has(p.name)) throw invalid(path, `${field}.name`, `"${p.name}" is used twice`, 'give each parameter a different name');
    seen.add(p.name);
    for (const bound of ['lower', 'upper'] as const) {
      if (typeof p[bound] !== 'number' || !Number.isFinite(p[bound])) {
        throw invalid(path, `${field}.${bound}`, `is ${describe(p[bound])}, not a finite number`, `give parameter "${p.name}" finite numeric bounds lower < upper`);
      }
    }
    const lower = p.lower as number;
    const upper = p.upper as number;
    if (!(lower < upper)) {
      throw invalid(path, field, `has lower = ${lower} ≥ upper = ${upper}`, lower === upper ? `widen the range of "${p.name}", or leave a fixed value out of the parameters` : `swap them: lower: ${upper}, upper: ${lower}`);
    }
    if (p.scale !== undefined && p.scale !== 'linear' && p.scale !== 'log') {
      throw invalid(path, `${field}.scale`, `is ${describe(p.scale)}`, "use 'linear' or 'log', or leave it out (linear)");
    }
    if (p.scale === 'log' && !(lower > 0)) {
      throw invalid(path, `${field}.lower`, `is ${lower} but scale is 'log'`, `give "${p.name}" a lower bound > 0, or use scale: 'linear'`);
    }
    const parameter: Parameter = { name: p.name, lower, upper };
    if (p.scale !== undefined) parameter.scale = p.scale;
    return parameter;
  });
}

function validateThresholds(value: unknown, path: string): number[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalid(path, 'problem.thresholds', value === undefined ? 'is missing' : `is ${describe(value)}, not a non-empty array`, 'give at least one threshold, e.g. thresholds: [0] (excluded where f < 0)');
  }
  value.forEach((t: unknown, k) => {
    if (typeof t !== 'number' || !Number.isFinite(t)) {
      throw invalid(path, `problem.thresholds[${k}]`, `is ${describe(t)}, not a finite number`, 'give every threshold as a finite number, e.g. Math.log(0.05)');
    }
  });
  return [...(value as number[])].sort((a, b) => a - b);
}

function validateFunctions(value: unknown, path: string): Problem['functions'] {
  if (!Array.isArray(value) || value.length === 0) {
    const hint = typeof value === 'function' ? 'wrap it in an array: functions: [f]' : 'give at least one function, e.g. functions: [(x) => x.mass - 500]';
    throw invalid(path, 'problem.functions', value === undefined ? 'is missing' : `is ${describe(value)}, not a non-empty array`, hint);
  }
  value.forEach((f: unknown, k) => {
    if (typeof f !== 'function') throw invalid(path, `problem.functions[${k}]`, `is ${describe(f)}, not a function`, 'give each function as (x) => number, x holding the parameters by name');
  });
  return [...(value as Problem['functions'])];
}

function invalid(path: string, field: string, what: string, hint: string): QuarryError {
  return new QuarryError('INVALID_INPUT', `problem module ${path}: ${field} ${what}`, hint);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0].trim();
}
