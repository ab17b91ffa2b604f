/**
 * Errors of the scan configuration: every one is a single-line QuarryError that starts with the config
 * file and the path inside it (`toy.yaml: parameters[1].upper: expected a number, got string "abc"`)
 * and carries a hint that says how to fix it (ARCHITECTURE.md §2.7, §2.11). Zod issues from the schema
 * and the semantic checks both end up here.
 */
import type { z } from 'zod';
import { QuarryError, type QuarryErrorCode } from '../errors.ts';
// generic zod-issue helpers that live in histfactory for now (see the scan config report)
import { allowedKeysAt, describeValue, formatPath, valueAt } from '../histfactory/schema/issues.ts';

type Path = readonly PropertyKey[];

export { formatPath };

/** A config error at `path` (a formatted path such as `outputs[0].thresholds`, or '' for the whole file). */
export function configError(code: QuarryErrorCode, source: string, path: string, message: string, hint: string): QuarryError {
  const line = `${source}: ${path === '' ? '' : `${path}: `}${message}`.replace(/\s*\n\s*/g, ' ');
  return new QuarryError(code, line, hint.replace(/\s*\n\s*/g, ' '));
}

/** Edit distance between two short strings (insertions, deletions, substitutions, adjacent swaps). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The valid name closest to `word` when it is close enough to be a typo (case ignored), else undefined. */
export function didYouMean(word: string, valid: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const v of valid) {
    const dist = distance(w, v.toLowerCase());
    if (dist < bestDistance) { best = v; bestDistance = dist; }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

/** The hint for an unknown name: "did you mean …?" when one is close, then the valid names. */
export function unknownNameHint(word: string, valid: readonly string[], what = 'use one of'): string {
  const near = didYouMean(word, valid);
  return `${near !== undefined ? `did you mean "${near}"? ` : ''}${what}: ${valid.join(', ')}`;
}

const EXPECTED: Record<string, string> = {
  number: 'a number', int: 'an integer', string: 'a string', boolean: 'true or false', array: 'a list',
  object: 'a mapping', record: 'a mapping',
};

function got(value: unknown): string {
  if (value === Infinity || value === -Infinity) return `${value > 0 ? '' : '-'}infinity`;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return 'a mapping';
  return describeValue(value);
}

interface Described { code: QuarryErrorCode; path: Path; message: string; hint: string }

/** A missing field is reported at its parent: `evaluator: missing required field "run"`. */
function missing(path: Path, hint: string): Described {
  return { code: 'INVALID_INPUT', path: path.slice(0, -1), message: `missing required field "${String(path[path.length - 1])}"`, hint };
}

/** For a union whose input matched one branch's type, that branch's first issue (with the full path). */
function unionBranchIssue(issue: z.core.$ZodIssueInvalidUnion): z.core.$ZodIssue | undefined {
  const matched = issue.errors.filter((branch) => branch.length > 0 && !(branch[0].path.length === 0 && (branch[0].code === 'invalid_type' || branch[0].code === 'invalid_value')));
  if (matched.length !== 1) return undefined;
  const inner = matched[0][0];
  return { ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue;
}

function describe(issue: z.core.$ZodIssue, schema: z.ZodType, input: unknown): Described {
  const path = issue.path;
  const where = formatPath(path);
  const value = valueAt(input, path);
  const last = path.length > 0 ? String(path[path.length - 1]) : '';
  const parent = path.length > 1 ? formatPath(path.slice(0, -1)) : 'the config';
  const at = (code: QuarryErrorCode, message: string, hint: string): Described => ({ code, path, message, hint });
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (path.length === 0) return at('INVALID_INPUT', `expected a mapping of settings, got ${got(value)}`, 'write the config as a mapping with name, parameters, outputs, evaluator, design and stop');
      if (value === undefined) return missing(path, `add ${last} (${expected}) to ${parent}`);
      return at('INVALID_INPUT', `expected ${expected}, got ${got(value)}`, `write ${where} as ${expected}`);
    }
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(schema, input, path) ?? [];
      const key = issue.keys[0];
      const keyPath = formatPath([...path, key]);
      const near = didYouMean(key, allowed);
      return {
        code: 'UNKNOWN_KEY', path: [...path, key],
        message: `unknown key "${key}"${issue.keys.length > 1 ? ` (and ${issue.keys.slice(1).map((k) => `"${k}"`).join(', ')})` : ''}`,
        hint: `${near !== undefined ? `did you mean "${near}"? ` : `remove ${keyPath}; `}the valid keys ${path.length === 0 ? 'of a scan config' : `of ${formatPath(path)}`} are: ${allowed.join(', ')}`,
      };
    }
    case 'invalid_union': {
      if (issue.discriminator !== undefined) {
        const options = (issue as { options?: unknown[] }).options?.map(String) ?? [];
        const kind = `${formatPath(path.slice(0, -1))} ${issue.discriminator}`;
        if (value === undefined) return missing(path, `add ${issue.discriminator} to ${formatPath(path.slice(0, -1))}, one of: ${options.join(', ')}`);
        return at('UNKNOWN_KEY', `unknown ${kind} ${JSON.stringify(value)}`, unknownNameHint(String(value), options));
      }
      const inner = unionBranchIssue(issue);
      if (inner) return describe(inner, schema, input);
      if (value === undefined) return missing(path, `add ${last} to ${parent}`);
      return at('INVALID_INPUT', `${issue.message}, got ${got(value)}`, `write ${where} as ${issue.message.replace(/^expected /, '')}`);
    }
    case 'invalid_value': {
      const valid = issue.values.map(String);
      if (value === undefined) return missing(path, `add ${last} to ${parent}, one of: ${valid.join(', ')}`);
      if (last === 'type') return at('UNKNOWN_KEY', `unknown ${formatPath(path.slice(0, -1))} type ${JSON.stringify(value)}`, unknownNameHint(String(value), valid));
      return at('INVALID_INPUT', `expected one of ${valid.join(', ')}, got ${got(value)}`, unknownNameHint(String(value), valid));
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum;
      const inclusive = issue.inclusive !== false;
      if (issue.origin === 'array') {
        return at('INVALID_INPUT', `expected ${small ? 'at least' : 'at most'} ${String(limit)} item${Number(limit) === 1 ? '' : 's'}, got ${Array.isArray(value) ? value.length : 0}`, `give ${where} ${small ? 'at least' : 'at most'} ${String(limit)} entr${Number(limit) === 1 ? 'y' : 'ies'}`);
      }
      if (issue.origin === 'string') return at('INVALID_INPUT', 'expected a non-empty string, got an empty one', `write a value for ${where}`);
      const bound = `${small ? (inclusive ? '≥' : '>') : (inclusive ? '≤' : '<')} ${String(limit)}`;
      return at('INVALID_INPUT', `expected a number ${bound}, got ${got(value)}`, `set ${where} to a number ${bound}`);
    }
    case 'custom': {
      const hint = (issue.params as { hint?: string } | undefined)?.hint ?? `fix the value at ${where}`;
      return at('INVALID_INPUT', issue.message, hint);
    }
    default:
      return at('INVALID_INPUT', issue.message, `fix the value at ${where}`);
  }
}

/**
 * One QuarryError for the zod issues of a config: an unknown key first (a typo'd key also makes its
 * intended field look missing), otherwise the first issue; the rest are counted.
 */
export function configSchemaError(source: string, schema: z.ZodType, input: unknown, issues: readonly z.core.$ZodIssue[]): QuarryError {
  const first = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
  const d = describe(first, schema, input);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return configError(d.code, source, d.path.length === 0 ? '' : formatPath(d.path), d.message + more, d.hint);
}

export type { Path };
