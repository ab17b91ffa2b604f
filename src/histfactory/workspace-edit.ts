/**
 * prune and rename (pyhf's Workspace.prune / Workspace.rename): new, validated workspaces; the input
 * is never mutated. Names that do not exist in the workspace are errors listing the valid ones.
 */
import { QuarryError } from '../errors.ts';
import { MODIFIER_TYPES, type ModifierType } from './schema/modifier.ts';
import type { Workspace } from './schema/workspace.ts';
import { parameterSets } from './workspace-parameters.ts';
import { quoteList, type CheckOptions } from './workspace-problem.ts';
import { validateWorkspace } from './workspace-validate.ts';

export interface PruneOptions extends CheckOptions {
  channels?: readonly string[];
  samples?: readonly string[];
  /** Modifier (parameter) names, removed from every sample, with their parameter configs. */
  modifiers?: readonly string[];
  modifierTypes?: readonly ModifierType[];
  measurements?: readonly string[];
}

export interface RenameOptions {
  channels?: Readonly<Record<string, string>>;
  samples?: Readonly<Record<string, string>>;
  /** Renames the modifiers, their parameter configs and a POI of that name. */
  modifiers?: Readonly<Record<string, string>>;
  measurements?: Readonly<Record<string, string>>;
}

/** The names a workspace holds, per kind, in order of first appearance. */
function names(ws: Workspace): Record<'channels' | 'samples' | 'modifiers' | 'modifierTypes' | 'measurements', string[]> {
  const uniq = (xs: string[]): string[] => [...new Set(xs)];
  const samples = ws.channels.flatMap((c) => c.samples);
  const modifiers = samples.flatMap((s) => s.modifiers);
  return {
    channels: ws.channels.map((c) => c.name),
    samples: uniq(samples.map((s) => s.name)),
    modifiers: uniq(modifiers.map((m) => m.name)),
    modifierTypes: uniq(modifiers.map((m) => m.type)),
    measurements: ws.measurements.map((m) => m.name),
  };
}

function requireKnown(op: string, kind: keyof ReturnType<typeof names>, given: readonly string[], valid: readonly string[]): void {
  const singular = { channels: 'channel', samples: 'sample', modifiers: 'modifier', modifierTypes: 'modifier type', measurements: 'measurement' }[kind];
  for (const name of given) {
    if (valid.includes(name)) continue;
    const known = kind === 'modifierTypes' && (MODIFIER_TYPES as readonly string[]).includes(name);
    throw new QuarryError('UNKNOWN_KEY', `${op}: the workspace has no ${singular} "${name}"${known ? ' (a valid type that no modifier here uses)' : ''}`, `use one of: ${quoteList(valid, 30)}`);
  }
}

/** Removes channels (with their observations), samples, modifiers (by name or type) and measurements. */
export function prune(ws: Workspace, options: PruneOptions): Workspace {
  const valid = names(ws);
  for (const kind of ['channels', 'samples', 'modifiers', 'modifierTypes', 'measurements'] as const) requireKnown('prune', kind, options[kind] ?? [], valid[kind]);
  const drop = {
    channels: new Set(options.channels), samples: new Set(options.samples), modifiers: new Set(options.modifiers),
    types: new Set<string>(options.modifierTypes), measurements: new Set(options.measurements),
  };
  const channels = ws.channels.filter((c) => !drop.channels.has(c.name)).map((c) => {
    const samples = c.samples.filter((s) => !drop.samples.has(s.name)).map((s) => ({
      ...s,
      modifiers: s.modifiers.filter((m) => !drop.modifiers.has(m.name) && !drop.types.has(m.type)),
    }));
    if (samples.length === 0) {
      throw new QuarryError('INVALID_ARGUMENT', `prune: channel "${c.name}" would have no samples left`, `prune the channel too (channels: ["${c.name}"]), or keep one of its samples`);
    }
    return { ...c, samples };
  });
  const pruned: Workspace = { ...ws, channels, observations: ws.observations.filter((o) => !drop.channels.has(o.name)) };
  // Configs of parameters that pruning removed go too; configs that named nothing before (pyhf's ignored "lumi") stay.
  const before = parameterSets(ws);
  const after = parameterSets(pruned);
  const gone = (name: string): boolean => drop.modifiers.has(name) || (before.has(name) && !after.has(name));
  pruned.measurements = ws.measurements.filter((m) => !drop.measurements.has(m.name)).map((m) => ({
    ...m,
    config: { ...m.config, parameters: m.config.parameters.filter((p) => !gone(p.name)) },
  }));
  return validateWorkspace(pruned, 'workspace after prune', { backgroundOnly: options.backgroundOnly });
}

/** Renames channels (and their observations), samples, modifiers (configs and POI too) and measurements. */
export function rename(ws: Workspace, options: RenameOptions): Workspace {
  const valid = names(ws);
  for (const kind of ['channels', 'samples', 'modifiers', 'measurements'] as const) requireKnown('rename', kind, Object.keys(options[kind] ?? {}), valid[kind]);
  const to = (map: Readonly<Record<string, string>> | undefined, name: string): string => (map && Object.hasOwn(map, name) ? map[name]! : name);
  const renamed: Workspace = {
    ...ws,
    channels: ws.channels.map((c) => ({
      ...c,
      name: to(options.channels, c.name),
      samples: c.samples.map((s) => ({
        ...s,
        name: to(options.samples, s.name),
        modifiers: s.modifiers.map((m) => ({ ...m, name: to(options.modifiers, m.name) })),
      })),
    })),
    observations: ws.observations.map((o) => ({ ...o, name: to(options.channels, o.name) })),
    measurements: ws.measurements.map((m) => ({
      ...m,
      name: to(options.measurements, m.name),
      config: {
        ...m.config,
        poi: to(options.modifiers, m.config.poi),
        parameters: m.config.parameters.map((p) => ({ ...p, name: to(options.modifiers, p.name) })),
      },
    })),
  };
  return validateWorkspace(renamed, 'workspace after rename');
}
