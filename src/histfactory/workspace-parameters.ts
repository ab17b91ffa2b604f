/**
 * The parameter sets a workspace declares through its modifiers: one per modifier name, with its
 * type(s), its size (1 for scalar modifiers, the channel's bin count for per-bin ones) and where it
 * first appears. pyhf couples modifiers of the same name into one parameter set.
 */
import { PER_BIN_TYPES, type ModifierType } from './schema/modifier.ts';
import type { Workspace } from './schema/workspace.ts';

export interface ModifierUse {
  type: ModifierType;
  /** Number of parameters this use needs: 1, or the channel's bin count for per-bin types. */
  size: number;
  channel: string;
  sample: string;
  /** JSON path indices: channels[c].samples[s].modifiers[m]. */
  at: readonly [number, number, number];
}

export interface ParameterSet {
  name: string;
  /** The type of its first use; every use has a compatible type (see workspace-checks.ts). */
  type: ModifierType;
  size: number;
  uses: ModifierUse[];
}

/** Parameter sets by name, in order of first appearance. */
export function parameterSets(ws: Workspace): Map<string, ParameterSet> {
  const sets = new Map<string, ParameterSet>();
  ws.channels.forEach((channel, c) => {
    const nbins = channel.samples[0]?.data.length ?? 0;
    channel.samples.forEach((sample, s) => {
      sample.modifiers.forEach((modifier, m) => {
        const use: ModifierUse = {
          type: modifier.type,
          size: PER_BIN_TYPES.has(modifier.type) ? nbins : 1,
          channel: channel.name,
          sample: sample.name,
          at: [c, s, m],
        };
        const set = sets.get(modifier.name);
        if (set) set.uses.push(use);
        else sets.set(modifier.name, { name: modifier.name, type: use.type, size: use.size, uses: [use] });
      });
    });
  });
  return sets;
}

/** `channels[c].samples[s].modifiers[m]` of a use. */
export function usePath(use: ModifierUse): string {
  const [c, s, m] = use.at;
  return `channels[${c}].samples[${s}].modifiers[${m}]`;
}
