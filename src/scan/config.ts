/**
 * The scan configuration: read a YAML or JSON file, validate it with the schema (config-schema.ts) and
 * the semantic checks (config-checks.ts), and hand the driver one normalised `ScanConfig`. Every user
 * error is a one-line QuarryError naming the file and the path inside it, with a hint.
 * `toLoopConfig` feeds the active-learning loop; `configHash` names what determines the results.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import YAML, { YAMLParseError } from 'yaml';
import type { LoopConfig } from '../active-learning/state.ts';
import { QuarryError } from '../errors.ts';
import type { KernelName } from '../surrogate/kernels/index.ts';
import { checkScanConfig, type ScanConfig } from './config-checks.ts';
import { configError, configSchemaError } from './config-issues.ts';
import { scanConfigSchema } from './config-schema.ts';

export type { ScanConfig, ScanStop } from './config-checks.ts';
export type { Batch, Design } from './config-schema.ts';
export { fillTemplate, templatePlaceholders } from './config-template.ts';

/**
 * Validates an already-parsed config value. `source` (the file name) starts every error message;
 * relative module paths resolve against `baseDir` and must exist.
 */
export function parseScanConfig(value: unknown, source: string, baseDir: string): ScanConfig {
  const result = scanConfigSchema.safeParse(value);
  if (!result.success) throw configSchemaError(source, scanConfigSchema, value, result.error.issues);
  return checkScanConfig(result.data, source, baseDir);
}

/** Reads and validates a scan config: YAML (.yaml, .yml) or JSON (.json); other names by content. */
export function loadScanConfig(path: string): ScanConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new QuarryError('FILE_NOT_FOUND', `${path}: no such config file`, `check the path (a relative path starts from ${process.cwd()}); a scan config is a YAML or JSON file`);
    if (code === 'EISDIR') throw new QuarryError('INVALID_INPUT', `${path}: is a directory, not a config file`, 'give the path of the scan config file (YAML or JSON) inside it');
    throw new QuarryError('INVALID_INPUT', `${path}: cannot read the config file (${code ?? String(e)})`, 'check the file exists and is readable');
  }
  const value = parseText(text, path);
  return parseScanConfig(value, path, dirname(resolve(path)));
}

function parseText(text: string, source: string): unknown {
  const ext = extname(source).toLowerCase();
  const json = ext === '.json' || (ext !== '.yaml' && ext !== '.yml' && /^\s*[[{]/.test(text));
  const value = json ? parseJson(text, source) : parseYaml(text, source);
  if (value === undefined || value === null) {
    throw configError('INVALID_INPUT', source, '', 'the config is empty', 'write a scan config with name, parameters, outputs, evaluator, design and stop');
  }
  return value;
}

function parseJson(text: string, source: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const match = /at position (\d+)/.exec(message);
    const position = match ? Number(match[1]) : text.length;
    const before = text.slice(0, position).split('\n');
    const line = before.length;
    const col = before[before.length - 1].length + 1;
    const what = message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/\s*in JSON at position \d+/, '').replace(/^JSON\.parse: /, '');
    throw new QuarryError('INVALID_INPUT', `${source}:${line}:${col}: JSON syntax error: ${what}`.replace(/\s*\n\s*/g, ' '), `fix the JSON at line ${line}, column ${col} (JSON allows no comments or trailing commas; YAML does)`);
  }
}

function parseYaml(text: string, source: string): unknown {
  try {
    return YAML.parse(text);
  } catch (e) {
    if (!(e instanceof YAMLParseError)) throw e;
    const [line, col] = e.linePos ? [e.linePos[0].line, e.linePos[0].col] : [1, 1];
    const what = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const fix = e.code === 'TAB_AS_INDENT' ? 'indent with spaces, not tabs'
      : e.code === 'DUPLICATE_KEY' ? 'remove or rename one of the two keys'
        : 'check the indentation, colons and closing brackets there';
    throw new QuarryError('INVALID_INPUT', `${source}:${line}:${col}: YAML syntax error: ${what}`, `${fix} (line ${line}, column ${col})`);
  }
}

/** The active-learning loop's config (createLoopState); a 'fill' batch becomes size 1 (the driver fills slots itself). */
export function toLoopConfig(config: ScanConfig): LoopConfig {
  const loop: LoopConfig = {
    parameters: config.parameters.map((p) => ({ name: p.name, lower: p.lower, upper: p.upper, scale: p.scale, ...(p.fixed !== undefined ? { fixed: p.fixed } : {}) })),
    outputs: config.outputs.map((o) => ({ name: o.name, thresholds: [...o.thresholds], transform: o.transform, ...(o.weight !== undefined ? { weight: o.weight } : {}) })),
    design: config.design.type === 'list'
      ? { type: 'list', count: config.design.count, points: config.design.points.map((p) => ({ ...p })) }
      : { type: config.design.type, count: config.design.count },
    acquisition: config.acquisition,
    batch: { size: config.batch.mode === 'fixed' ? config.batch.size : 1 },
    stop: { ...config.stop },
    seed: config.seed,
  };
  const s = config.surrogate;
  if (s?.kernel !== undefined) loop.kernel = s.kernel as KernelName;
  if (s?.mean !== undefined) loop.mean = s.mean;
  if (s?.noise !== undefined) loop.noise = s.noise;
  if (s?.warp !== undefined) loop.warp = s.warp;
  if (config.candidates !== undefined) loop.candidates = config.candidates;
  return loop;
}

/** JSON with object keys sorted at every level and undefined values dropped. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonical(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A short, stable hash (first 16 hex digits of sha256 over canonical JSON) of what determines which
 * points a scan evaluates and what they return: parameters, invalid region, outputs, the evaluator's
 * command or module, design, acquisition, batch, seed, surrogate and candidates. It names point
 * directories and guards resumes, so what a user may change when resuming is left out: the name,
 * executor, poll interval, stop rules (raise the budget to go on), the evaluator's timeout, retries
 * and retry delay, and the config's own directory.
 */
export function configHash(config: ScanConfig): string {
  const { parameters, invalid, outputs, design, acquisition, batch, seed, surrogate, candidates } = config;
  const { timeout: _t, retries: _r, retryDelay: _d, ...evaluator } = config.evaluator;
  const determining = { parameters, invalid, outputs, evaluator, design, acquisition, batch, seed, surrogate, candidates };
  return createHash('sha256').update(canonical(determining)).digest('hex').slice(0, 16);
}
