/**
 * Turns zod issues into one QuarryError line that names the JSON path (`channels[0].samples[2].data`),
 * says what was wrong and, in the hint, how to fix it (ARCHITECTURE.md §2.7, §2.11).
 */
import type { z } from 'zod';
import { QuarryError } from '../../errors.ts';
import { MODIFIER_DATA, MODIFIER_TYPES, type ModifierType } from './modifier.ts';

type Path = readonly PropertyKey[];

/** `channels[0].samples[2].modifiers[1].data.hi`; the root is `(root)`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === '' ? '(root)' : out;
}

/** The value at `path` inside `input`, or undefined when the path leaves it. */
export function valueAt(input: unknown, path: Path): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** A short, one-line description of a JSON value: `string "1.05"`, `array of 3`, `NaN`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : `number ${value}`;
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

interface Def { type: string; shape?: Record<string, Schema>; element?: Schema; items?: Schema[]; options?: Schema[]; discriminator?: string; innerType?: Schema; in?: Schema; values?: unknown[] }
interface Schema { _zod: { def: Def } }

/** The schema that validates the value at `path`, following discriminated unions by the input's value. */
function schemaAt(schema: Schema, input: unknown, path: Path): Schema | undefined {
  let current: Schema | undefined = schema;
  let value = input;
  for (let depth = 0; depth <= path.length && current; ) {
    const def: Def = current._zod.def;
    if (def.type === 'optional' || def.type === 'nullable') { current = def.innerType; continue; }
    if (def.type === 'pipe') { current = def.in; continue; }
    if (def.type === 'union') {
      const tag = def.discriminator && value && typeof value === 'object' ? (value as Record<string, unknown>)[def.discriminator] : undefined;
      current = def.options?.find((o) => o._zod.def.shape?.[def.discriminator ?? '']?._zod.def.values?.includes(tag));
      continue;
    }
    if (depth === path.length) return current;
    const key = path[depth]!;
    if (def.type === 'object') current = def.shape?.[String(key)];
    else if (def.type === 'array') current = def.element;
    else if (def.type === 'tuple') current = def.items?.[Number(key)];
    else return undefined;
    value = valueAt(value, [key]);
    depth++;
  }
  return current;
}

/** The keys an object schema at `path` allows, or undefined where the schema is not an object. */
export function allowedKeysAt(schema: z.ZodType, input: unknown, path: Path): string[] | undefined {
  const at = schemaAt(schema as unknown as Schema, input, path);
  return at?._zod.def.type === 'object' ? Object.keys(at._zod.def.shape ?? {}) : undefined;
}

/** For a path inside a modifier (`…modifiers[k].data…`), the modifier's type when the input has a valid one. */
function modifierTypeAt(input: unknown, path: Path): ModifierType | undefined {
  const i = path.lastIndexOf('modifiers');
  if (i < 0 || typeof path[i + 1] !== 'number') return undefined;
  const type = valueAt(input, [...path.slice(0, i + 2), 'type']);
  return (MODIFIER_TYPES as readonly unknown[]).includes(type) ? (type as ModifierType) : undefined;
}

const EXPECTED: Record<string, string> = {
  number: 'a number', string: 'a string', boolean: 'true or false', null: 'null', array: 'an array',
  object: 'an object', tuple: 'a [low, high] pair',
};

function describeIssue(issue: z.core.$ZodIssue, schema: z.ZodType, input: unknown): { message: string; hint: string; unknown: boolean } {
  const path = issue.path;
  const where = formatPath(path);
  const value = valueAt(input, path);
  const last = path.length > 0 ? String(path[path.length - 1]) : '';
  const parent = formatPath(path.slice(0, -1));
  const modType = modifierTypeAt(input, path);
  const dataHint = modType && last === 'data' ? ` (a ${modType} modifier's data is ${MODIFIER_DATA[modType]})` : '';
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (value === undefined) {
        return { unknown: false, message: `${where}: missing required field "${last}"`, hint: `add "${last}" (${expected}) to ${parent}${dataHint}` };
      }
      return { unknown: false, message: `${where}: expected ${expected}, got ${describeValue(value)}`, hint: `write ${where} as ${expected}${dataHint}` };
    }
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(schema, input, path);
      const keys = issue.keys.map((k) => `"${k}"`).join(', ');
      return {
        unknown: true,
        message: `${where}: unknown key${issue.keys.length > 1 ? 's' : ''} ${keys}`,
        hint: allowed ? `remove or rename it; the allowed keys here are: ${allowed.join(', ')}` : 'remove it',
      };
    }
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator === 'type' && modifierTypeAt(input, path) === undefined && path.includes('modifiers')) {
        if (value === undefined) {
          return { unknown: false, message: `${where}: missing required field "type"`, hint: `add "type" to ${parent}, one of: ${MODIFIER_TYPES.join(', ')}` };
        }
        return { unknown: true, message: `${where}: unknown modifier type ${JSON.stringify(value)}`, hint: `use one of: ${MODIFIER_TYPES.join(', ')}` };
      }
      if ('discriminator' in issue && issue.discriminator) {
        const options = 'options' in issue && Array.isArray(issue.options) ? issue.options.join(', ') : '';
        const what = value === undefined ? `missing required field "${issue.discriminator}"` : `unknown ${issue.discriminator} ${JSON.stringify(value)}`;
        return { unknown: value !== undefined, message: `${where}: ${what}`, hint: `use one of: ${options}` };
      }
      if (value === undefined) return { unknown: false, message: `${where}: missing required field "${last}"`, hint: `add "${last}" to ${parent}` };
      return { unknown: false, message: `${where}: ${describeValue(value)} is none of the allowed forms`, hint: `fix the value at ${where} (${issue.message})` };
    }
    case 'invalid_value': {
      const valid = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return { unknown: false, message: `${where}: expected ${valid}, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`, hint: `set ${where} to ${valid}` };
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? `at least ${String(issue.minimum)}` : `at most ${String(issue.maximum)}`;
      if (issue.origin === 'array') {
        const n = Array.isArray(value) ? value.length : 0;
        const pair = path.includes('bounds') && typeof last === 'string' && /^\d+$/.test(last);
        return {
          unknown: false,
          message: `${where}: expected ${pair ? 'a [low, high] pair' : `${bound} item${String(bound).endsWith(' 1') ? '' : 's'}`}, got ${n} item${n === 1 ? '' : 's'}`,
          hint: pair ? 'write each bounds entry as [low, high]' : `give ${where} ${bound} entr${String(bound).endsWith(' 1') ? 'y' : 'ies'}`,
        };
      }
      if (issue.origin === 'string') return { unknown: false, message: `${where}: empty string`, hint: `give ${where} a non-empty name` };
      return { unknown: false, message: `${where}: ${issue.message}`, hint: `make ${where} ${bound}` };
    }
    default:
      return { unknown: false, message: `${where}: ${issue.message}`, hint: `fix the value at ${where}` };
  }
}

/** One QuarryError for the first issue (others counted), prefixed with the source (file name) when given. */
export function schemaError(what: string, schema: z.ZodType, input: unknown, issues: readonly z.core.$ZodIssue[], source?: string): QuarryError {
  const first = issues[0]!;
  const { message, hint, unknown } = describeIssue(first, schema, input);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  const prefix = source ? `${source}: ` : '';
  return new QuarryError(unknown ? 'UNKNOWN_KEY' : 'INVALID_INPUT', `${prefix}invalid ${what}: ${message}${more}`, hint);
}
