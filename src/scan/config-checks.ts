/**
 * The semantic checks of a scan configuration, after the schema: bounds and scales, unique names,
 * command placeholders, transforms, list designs inside the domain, table names (acquisition,
 * kernel), the Redis URL, stop rules, and module files resolved against the config's directory.
 * Every error names the config file and the path inside it.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { ACQUISITIONS } from '../acquisition/index.ts';
import { checkTransform } from '../active-learning/transforms.ts';
import { QuarryError } from '../errors.ts';
import { KERNELS } from '../surrogate/kernels/index.ts';
import { configError, unknownNameHint } from './config-issues.ts';
import type { scanConfigSchema, stopSchema } from './config-schema.ts';
import { PLACEHOLDER_NAME, templatePlaceholders } from './config-template.ts';

export type ParsedConfig = z.output<typeof scanConfigSchema>;
export type ScanStop = z.output<typeof stopSchema>;
/**
 * The normalised scan configuration: defaults filled, aliases resolved, module paths absolute, and
 * `configDir` the config file's directory (relative script paths of a command resolve against it).
 */
export type ScanConfig = Omit<ParsedConfig, 'stop'> & { stop: ScanStop; configDir: string };

/** Names go into placeholders, CSV columns and file names: no braces, quotes, commas or spaces. */
const NAME = /^[^\s{},"']+$/;

/** Checks `parsed` and returns it with module paths made absolute (against `baseDir`). */
export function checkScanConfig(parsed: ParsedConfig, source: string, baseDir: string): ScanConfig {
  const fail = (path: string, message: string, hint: string, code: QuarryError['code'] = 'INVALID_INPUT'): never => {
    throw configError(code, source, path, message, hint);
  };
  const names = new Map<string, string>();
  const unique = (name: string, path: string, kind: string) => {
    if (!NAME.test(name)) fail(path, `${kind} name ${JSON.stringify(name)} contains a space, brace, quote or comma`, 'use letters, digits, _ . - in names such as m_gluino');
    const earlier = names.get(name);
    if (earlier !== undefined) fail(path, `"${name}" is already the name of ${earlier}`, 'give every parameter and output its own name');
    names.set(name, path.replace(/\.name$/, ''));
  };

  parsed.parameters.forEach((p, i) => {
    const at = `parameters[${i}]`;
    unique(p.name, `${at}.name`, 'parameter');
    if (!PLACEHOLDER_NAME.test(p.name)) fail(`${at}.name`, `parameter name ${JSON.stringify(p.name)} cannot be a {placeholder}`, 'start a parameter name with a letter or _, then use letters, digits, _ . - (e.g. m_gluino)');
    if (!(p.lower < p.upper)) fail(at, `lower ${p.lower} is not below upper ${p.upper}`, p.lower > p.upper ? 'swap lower and upper' : 'give a range with lower < upper (fix the parameter with fixed: VALUE instead)');
    if (p.scale === 'log' && !(p.lower > 0)) fail(`${at}.lower`, `a log-scaled parameter needs lower > 0, got ${p.lower}`, 'use a positive lower bound or scale: linear');
    if (p.fixed !== undefined && !(p.fixed >= p.lower && p.fixed <= p.upper)) fail(`${at}.fixed`, `fixed value ${p.fixed} is outside [${p.lower}, ${p.upper}]`, 'give a fixed value inside the bounds');
  });
  const free = parsed.parameters.filter((p) => p.fixed === undefined);
  if (free.length === 0) fail('parameters', 'every parameter is fixed: nothing to scan', 'remove fixed from at least one parameter');
  const parameterNames = parsed.parameters.map((p) => p.name);

  parsed.outputs.forEach((o, k) => {
    unique(o.name, `outputs[${k}].name`, 'output');
    try {
      checkTransform(o.transform, o.thresholds, `output "${o.name}"`);
    } catch (e) {
      if (!(e instanceof QuarryError)) throw e;
      fail(`outputs[${k}].transform`, e.message, e.hint);
    }
  });

  const evaluator = { ...parsed.evaluator };
  if (evaluator.type === 'command') {
    for (const u of templatePlaceholders(evaluator.run)) {
      if (!parameterNames.includes(u)) fail('evaluator.run', `unknown placeholder {${u}}`, `${unknownNameHint(u, parameterNames, 'the placeholders are the parameter names')} (write {{ and }} for literal braces)`);
    }
    if (isAbsolute(evaluator.result) || evaluator.result.split(/[\\/]/).includes('..')) {
      fail('evaluator.result', `${JSON.stringify(evaluator.result)} leaves the point's directory`, 'give a file name relative to the point directory, such as result.json');
    }
  } else {
    evaluator.path = existingFile(evaluator.path, baseDir, 'evaluator.path', source);
  }
  const invalidModule = parsed.invalid && existingFile(parsed.invalid.module, baseDir, 'invalid.module', source);

  if (parsed.executor.type === 'queue') {
    let url: URL | undefined;
    try { url = new URL(parsed.executor.redis); } catch { /* reported below */ }
    if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '') {
      fail('executor.redis', `${JSON.stringify(parsed.executor.redis)} is not a Redis URL`, 'write redis://HOST:6379 (or rediss:// for TLS), e.g. redis://localhost:6379');
    }
  }

  if (parsed.design.type === 'list') {
    parsed.design.points.forEach((point, j) => {
      const at = `design.points[${j}]`;
      for (const key of Object.keys(point)) {
        if (!parameterNames.includes(key)) fail(`${at}.${key}`, `"${key}" is not a parameter`, unknownNameHint(key, parameterNames, 'the parameters are'));
      }
      for (const p of parsed.parameters) {
        const v = point[p.name];
        if (v === undefined) {
          if (p.fixed === undefined) fail(at, `missing a value for parameter "${p.name}"`, `give every free parameter a value: ${free.map((f) => f.name).join(', ')}`);
        } else if (p.fixed !== undefined && v !== p.fixed) {
          fail(`${at}.${p.name}`, `${v} differs from the fixed value ${p.fixed}`, `leave ${p.name} out of the point (it is fixed)`);
        } else if (!(v >= p.lower && v <= p.upper)) {
          fail(`${at}.${p.name}`, `${v} is outside [${p.lower}, ${p.upper}]`, `move the point inside the bounds of ${p.name}`);
        }
      }
    });
  }

  if (!Object.hasOwn(ACQUISITIONS, parsed.acquisition)) {
    fail('acquisition', `unknown acquisition "${parsed.acquisition}"`, unknownNameHint(parsed.acquisition, Object.keys(ACQUISITIONS)), 'UNKNOWN_KEY');
  }
  const kernel = parsed.surrogate?.kernel;
  if (kernel !== undefined && !Object.hasOwn(KERNELS, kernel)) {
    fail('surrogate.kernel', `unknown kernel "${kernel}"`, unknownNameHint(kernel, Object.keys(KERNELS)), 'UNKNOWN_KEY');
  }

  const stop = parsed.stop ?? {};
  if (stop.budget === undefined && stop.misclassification === undefined && stop.stableIterations === undefined) {
    fail('stop', 'a scan needs a stop rule', 'add e.g. stop: {budget: 100} (or misclassification: 0.01, or stableIterations: 3)');
  }
  if (stop.stableTolerance !== undefined && stop.stableIterations === undefined) {
    fail('stop.stableTolerance', 'stableTolerance needs stableIterations', 'add stop.stableIterations (e.g. 3) or remove stableTolerance');
  }

  const config: ScanConfig = { ...parsed, evaluator, stop, configDir: baseDir };
  if (parsed.invalid && invalidModule) config.invalid = { ...parsed.invalid, module: invalidModule };
  return config;
}

/** `path` resolved against `baseDir`; a FILE_NOT_FOUND error naming both paths when it is not a file. */
function existingFile(path: string, baseDir: string, at: string, source: string): string {
  const absolute = resolve(baseDir, path);
  if (!existsSync(absolute) || !statSync(absolute).isFile()) {
    throw configError('FILE_NOT_FOUND', source, at, `no such file ${JSON.stringify(path)} (looked for ${absolute})`, `fix ${at}; a relative path is resolved against the config file's directory`);
  }
  return absolute;
}
