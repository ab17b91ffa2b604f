/**
 * combine (pyhf's Workspace.combine): the union of two workspaces' channels, observations and
 * measurements under a join. 'none': no name may appear in both. 'outer': items in both must be
 * identical (measurements of the same name must share the POI; their parameter configs are merged and
 * must not conflict). 'left outer' / 'right outer': for a name in both, the left / right item wins.
 */
import { QuarryError } from '../errors.ts';
import type { Measurement } from './schema/measurement.ts';
import type { Workspace } from './schema/workspace.ts';
import { quoteList } from './workspace-problem.ts';
import { validateWorkspace } from './workspace-validate.ts';

export const JOINS = ['none', 'outer', 'left outer', 'right outer'] as const;
export type Join = (typeof JOINS)[number];

/** Deep equality of JSON values (object key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => jsonEqual(x, (b as unknown[])[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** pyhf's item join: the primary side (right for 'right outer') first, then the other side's items that the join admits. */
function joinItems<T extends { name: string }>(join: Join, left: readonly T[], right: readonly T[]): T[] {
  const [primary, secondary] = join === 'right outer' ? [right, left] : [left, right];
  const out = [...primary];
  const names = new Set(primary.map((x) => x.name));
  for (const item of secondary) {
    if (join === 'none' || (join === 'outer' && !primary.some((p) => jsonEqual(p, item))) || (join !== 'outer' && !names.has(item.name))) out.push(item);
  }
  return out;
}

function common(left: readonly { name: string }[], right: readonly { name: string }[]): string[] {
  const names = new Set(left.map((x) => x.name));
  return right.map((x) => x.name).filter((n) => names.has(n));
}

function duplicated(items: readonly { name: string }[]): string[] {
  const seen = new Set<string>();
  return [...new Set(items.map((x) => x.name).filter((n) => seen.size === seen.add(n).size))];
}

const fail = (message: string): never => {
  throw new QuarryError('INVALID_ARGUMENT', `combine: ${message}`, `rename them in one workspace first, or use another join (${JOINS.map((j) => `'${j}'`).join(', ')})`);
};

function joinMeasurements(join: Join, left: readonly Measurement[], right: readonly Measurement[]): Measurement[] {
  const joined = joinItems(join, left, right);
  if (join !== 'outer') return joined;
  const byName = new Map<string, Measurement[]>();
  for (const m of joined) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
  const out: Measurement[] = [];
  for (const [name, group] of byName) {
    if (group.length === 1) { out.push(group[0]!); continue; }
    if (new Set(group.map((m) => m.config.poi)).size > 1) fail(`measurement "${name}" has different POIs (${quoteList(group.map((m) => m.config.poi))})`);
    const parameters = joinItems('outer', group[0]!.config.parameters, group.slice(1).flatMap((m) => m.config.parameters));
    const clash = duplicated(parameters);
    if (clash.length > 0) fail(`measurement "${name}" has conflicting parameter configs for ${quoteList(clash)}`);
    out.push({ name, config: { poi: group[0]!.config.poi, parameters } });
  }
  return out;
}

/** Combines two workspaces under `join` (default 'none') and validates the result. */
export function combine(left: Workspace, right: Workspace, options: { join?: Join } = {}): Workspace {
  const join = options.join ?? 'none';
  if (!(JOINS as readonly string[]).includes(join)) {
    throw new QuarryError('UNKNOWN_KEY', `combine: unknown join "${String(join)}"`, `use one of: ${JOINS.map((j) => `'${j}'`).join(', ')}`);
  }
  if (left.version !== right.version) fail(`the workspaces have different versions (${left.version}, ${right.version})`);
  if (join === 'none') {
    const checks = [['channels', left.channels, right.channels], ['observations', left.observations, right.observations], ['measurements', left.measurements, right.measurements]] as const;
    for (const [kind, l, r] of checks) {
      const both = common(l, r);
      if (both.length > 0) fail(`both workspaces have ${kind} named ${quoteList(both)}`);
    }
  }
  const channels = joinItems(join, left.channels, right.channels);
  const observations = joinItems(join, left.observations, right.observations);
  if (join === 'outer') {
    const c = duplicated(channels);
    if (c.length > 0) fail(`channels ${quoteList(c)} are in both workspaces with different contents`);
    const o = duplicated(observations);
    if (o.length > 0) fail(`observations ${quoteList(o)} are in both workspaces with different data`);
  }
  const measurements = joinMeasurements(join, left.measurements, right.measurements);
  return validateWorkspace(structuredClone({ channels, observations, measurements, version: left.version }), 'combined workspace');
}
